/** IPv4/IPv6 CIDR parsing and canonicalisation (AWS stores `100.68.0.18/18` as `100.68.0.0/18`, aws-api-facts.md §5.2). */
import { isIPv4, isIPv6 } from 'node:net';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The canonical form of an IPv4 CIDR, or undefined if it is not one. */
export function canonicalIpv4Cidr(cidr: string): string | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m || !isIPv4(m[1]!) || Number(m[2]) > 32) return undefined;
  const bits = Number(m[2]);
  const size = 2 ** (32 - bits);
  return `${intToIpv4(Math.floor(ipv4ToInt(m[1]!) / size) * size)}/${bits}`;
}

function ipv6ToBigInt(ip: string): bigint {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

function bigIntToIpv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  const text = groups.join(':');
  // Compress the longest run of zero groups, as AWS prints them.
  const runs = [...text.matchAll(/(?:^|:)0(?::0)+(?::|$)/g)].sort((a, b) => b[0].length - a[0].length);
  const best = runs[0];
  if (!best) return text;
  return `${text.slice(0, best.index)}::${text.slice(best.index + best[0].length)}`;
}

export function canonicalIpv6Cidr(cidr: string): string | undefined {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(cidr);
  if (!m || !isIPv6(m[1]!) || Number(m[2]) > 128) return undefined;
  const bits = BigInt(m[2]!);
  const mask = bits === 0n ? 0n : ((1n << bits) - 1n) << (128n - bits);
  return `${bigIntToIpv6(ipv6ToBigInt(m[1]!) & mask)}/${m[2]}`;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m || !isIPv4(ip)) return false;
  const size = 2 ** (32 - Number(m[2]));
  return Math.floor(ipv4ToInt(ip) / size) === Math.floor(ipv4ToInt(m[1]!) / size);
}
