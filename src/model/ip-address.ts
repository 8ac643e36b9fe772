/**
 * IP addresses and prefixes as Go's `net/netip` reads and prints them, because LBC's subnet
 * mutators (pkg/gateway/model/subnet/*_mutator.go) decide with `netip.ParseAddr`, `Is4`/`Is6`,
 * `Prefix.Contains` and write `Addr.String()` into the subnet mapping. Pure: no `node:net`.
 */

/** A parsed address: 4 bytes (IPv4) or 16 bytes (IPv6, possibly IPv4-mapped, possibly zoned). */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly bytes: readonly number[];
  /** IPv6 zone (`fe80::1%eth0`); a zoned address is in no prefix (netip `Prefix.Contains`). */
  readonly zone: string;
}

export interface IpPrefix {
  readonly addr: IpAddress;
  readonly bits: number;
}

/** netip `parseIPv4`: exactly four decimal fields, each 0–255 without a leading zero. */
function parseIPv4Bytes(s: string): number[] | undefined {
  const fields = s.split('.');
  if (fields.length !== 4) return undefined;
  const out: number[] = [];
  for (const f of fields) {
    if (!/^\d{1,3}$/.test(f) || (f.length > 1 && f.startsWith('0')) || Number(f) > 255) return undefined;
    out.push(Number(f));
  }
  return out;
}

/** netip `parseIPv6`: hex groups of ≤4 digits, one `::` standing for ≥1 zero group, optional trailing IPv4. */
function parseIPv6Bytes(s: string): number[] | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string, allowV4: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const fields = part.split(':');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (allowV4 && i === fields.length - 1 && f.includes('.')) {
        const v4 = parseIPv4Bytes(f);
        if (!v4) return undefined;
        out.push(...v4);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(f)) {
        const n = parseInt(f, 16);
        out.push(n >> 8, n & 0xff);
      } else return undefined;
    }
    return out;
  };
  const head = groupsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  const missing = 16 - head.length - tail.length;
  // "the :: must expand to at least one field of zeros"
  if (missing < 2) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/** netip `ParseAddr`: the first `.` or `:` decides the family; undefined when invalid. */
export function parseIpAddress(s: string): IpAddress | undefined {
  const first = /[.:%]/.exec(s)?.[0];
  if (first === '.') {
    const bytes = parseIPv4Bytes(s);
    return bytes ? { family: 4, bytes, zone: '' } : undefined;
  }
  if (first !== ':') return undefined;
  const pct = s.indexOf('%');
  const zone = pct >= 0 ? s.slice(pct + 1) : '';
  if (pct >= 0 && zone === '') return undefined;
  const bytes = parseIPv6Bytes(pct >= 0 ? s.slice(0, pct) : s);
  return bytes ? { family: 6, bytes, zone } : undefined;
}

function isIPv4Mapped(a: IpAddress): boolean {
  return a.family === 6 && a.bytes.slice(0, 10).every((b) => b === 0) && a.bytes[10] === 0xff && a.bytes[11] === 0xff;
}

/** netip `Addr.String()`: dotted IPv4; RFC 5952 IPv6 (first longest run of ≥2 zero groups as `::`). */
export function formatIpAddress(a: IpAddress): string {
  if (a.family === 4) return a.bytes.join('.');
  const zone = a.zone !== '' ? `%${a.zone}` : '';
  if (isIPv4Mapped(a)) return `::ffff:${a.bytes.slice(12).join('.')}${zone}`;
  const groups = Array.from({ length: 8 }, (_, i) => (a.bytes[2 * i]! << 8) | a.bytes[2 * i + 1]!);
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  const text = best.at < 0 ? hex(groups) : `${hex(groups.slice(0, best.at))}::${hex(groups.slice(best.at + best.len))}`;
  return text + zone;
}

/** netip `ParsePrefix`: `addr/bits`, no zone, bits within the family's length. */
export function parseIpPrefix(s: string): IpPrefix | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIpAddress(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!addr || addr.zone !== '' || !/^(0|[1-9]\d*)$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  return bits <= addr.bytes.length * 8 ? { addr, bits } : undefined;
}

/** netip `Prefix.String()`. */
export function formatIpPrefix(p: IpPrefix): string {
  return `${formatIpAddress(p.addr)}/${p.bits}`;
}

/** netip `Prefix.Contains`: same family (an IPv4-mapped address is IPv6), no zone, leading bits equal. */
export function prefixContains(p: IpPrefix, a: IpAddress): boolean {
  if (a.zone !== '' || a.family !== p.addr.family) return false;
  for (let bit = 0; bit < p.bits; bit++) {
    const mask = 0x80 >> bit % 8;
    const byte = Math.floor(bit / 8);
    if ((a.bytes[byte]! & mask) !== (p.addr.bytes[byte]! & mask)) return false;
  }
  return true;
}
