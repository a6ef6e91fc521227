// MAC addresses as people paste them and as iPXE sends them. Output is always the
// normalised "aa:bb:cc:dd:ee:ff"; anything else is rejected with a reason — never padded
// (PostgreSQL's macaddr would read "…:34:5" as "…:34:05"; we must not).

export type MacResult = { ok: true; mac: string } | { ok: false; reason: string };

const SEPARATED = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/i;
const CISCO = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const BARE = /^[0-9a-f]{12}$/i;

// Characters a copy from a web page or a chat brings along unseen: zero-width spaces and
// joiners, the word joiner and the byte order mark. They are dropped, as spaces are.
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

export function parseMac(input: string): MacResult {
  // NFKC turns full-width digits, letters and colons (a CJK keyboard's) into ASCII ones.
  const raw = input.normalize("NFKC").replace(INVISIBLE, "").trim();
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

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The text as it can be shown in a message: control and other invisible characters by code point. */
function show(raw: string): string {
  const printable = raw.replace(/\p{C}/gu, (c) => `<${codePoint(c)}>`);
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

function describeMalformed(raw: string): string {
  const bad = raw.match(/[^0-9a-f:.\-]/iu);
  if (bad) {
    // A letter from another alphabet looks like a hex digit: say which character it is.
    const other = /[^\x20-\x7e]/.test(bad[0]) ? ` (${codePoint(bad[0])}${/\p{L}/u.test(bad[0]) ? ", a letter of another alphabet" : ""})` : "";
    return `"${show(raw)}" contains "${show(bad[0])}"${other}, which is not a hex digit or separator`;
  }
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
