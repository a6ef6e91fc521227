import { ipToNumber, numberToIp } from "./ipv4";

// ISC dhcpd does not keep a reserved (fixed-address) address out of a dynamic range: it
// logs "Dynamic and static leases present" and may lease the address to another client,
// and then two machines share it. A subnet's pool is where onboarding takes reservations
// from, and also the range that unknown machines lease from to reach the console; so for
// dhcpd the range is rendered as the pool minus every reserved address. (Kea and dnsmasq
// never lease a reserved address to another client, so their pools stay whole.)
// docs/decisions/0007-dhcp-pools-and-reservations.md

/** The runs of the pool [start, end] that hold no reserved address, as [first, last] pairs. */
export function freeRanges(poolStart: string, poolEnd: string, reserved: string[]): [string, string][] {
  const start = ipToNumber(poolStart);
  const end = ipToNumber(poolEnd);
  const taken = [...new Set(reserved.map(ipToNumber).filter((n) => n >= start && n <= end))].sort((a, b) => a - b);
  const out: [string, string][] = [];
  let next = start;
  for (const n of taken) {
    if (n > next) out.push([numberToIp(next), numberToIp(n - 1)]);
    next = n + 1;
  }
  if (next <= end) out.push([numberToIp(next), numberToIp(end)]);
  return out;
}
