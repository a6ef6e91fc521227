// MAC addresses as people paste them and as iPXE sends them. Output is always the
// normalised "aa:bb:cc:dd:ee:ff"; anything else is rejected with a reason — never padded
// (PostgreSQL's macaddr would read "…:34:5" as "…:34:05"; we must not).

export type MacResult = { ok: true; mac: string } | { ok: false; reason: string };

const SEPARATED = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/i;
const CISCO = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const BARE = /^[0-9a-f]{12}$/i;

export function parseMac(input: string): MacResult {
  const raw = input.trim();
  if (raw === "") return { ok: false, reason: "empty MAC address" };
  if (/^0x/i.test(raw)) return { ok: false, reason: `"${show(raw)}" has a 0x prefix; paste the MAC without it` };

  let hex: string;
  if (SEPARATED.test(raw)) {
    const octets = raw.split(/[:-]/);
    const short = octets.findIndex((o) => o.length !== 2);
    if (short !== -1) {
      return { ok: false, reason: `octet ${short + 1} of "${show(raw)}" has one digit; every octet needs two (write 0${octets[short]})` };
    }
    hex = octets.join("");
  } else if (CISCO.test(raw) || BARE.test(raw)) {
    hex = raw.replaceAll(".", "");
  } else {
    return { ok: false, reason: describeMalformed(raw) };
  }

  hex = hex.toLowerCase();
  if (hex === "ffffffffffff") return { ok: false, reason: "ff:ff:ff:ff:ff:ff is the broadcast address, not a machine" };
  if (hex === "000000000000") return { ok: false, reason: "00:00:00:00:00:00 is not a real MAC address" };
  // Bit 0 of the first octet marks a group (multicast) address, never a NIC's own.
  if (parseInt(hex.slice(0, 2), 16) & 1) {
    return { ok: false, reason: `${format(hex)} is a multicast address (first octet is odd), not a network card's` };
  }
  return { ok: true, mac: format(hex) };
}

function format(hex: string): string {
  return hex.match(/../g)!.join(":");
}

function show(raw: string): string {
  const printable = raw.replace(/[^\x20-\x7e]/g, "?");
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

function describeMalformed(raw: string): string {
  const bad = raw.match(/[^0-9a-f:.\-]/i);
  if (bad) return `"${show(raw)}" contains "${show(bad[0])}", which is not a hex digit or separator`;
  if (/[:-]/.test(raw) && /[:]/.test(raw) && /[-]/.test(raw)) return `"${show(raw)}" mixes ":" and "-" separators`;
  const digits = raw.replace(/[:.\-]/g, "").length;
  if (digits !== 12) return `"${show(raw)}" has ${digits} hex digits; a MAC address has 12`;
  const groups = raw.split(/[:.\-]/).length;
  return `"${show(raw)}" is not a MAC address (${groups} groups; expected 6 like aa:bb:cc:dd:ee:ff, or aabb.ccdd.eeff)`;
}

/** The normalised MAC, or undefined. For places that only need a yes/no. */
export function normaliseMac(input: string): string | undefined {
  const r = parseMac(input);
  return r.ok ? r.mac : undefined;
}
