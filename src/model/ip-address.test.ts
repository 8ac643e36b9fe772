import { describe, expect, it } from 'vitest';
import { formatIpAddress, parseIpAddress, parseIpPrefix, prefixContains } from './ip-address.js';

// Expected values are what Go's net/netip gives (ParseAddr / Addr.String / Prefix.Contains).
describe('netip-compatible addresses', () => {
  it.each([
    ['10.0.1.5', '10.0.1.5'],
    ['2600:1F13:0837:8504:0:0:0:1', '2600:1f13:837:8504::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['::10.0.0.1', '::a00:1'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
  ])('%s reads as %s', (text, printed) => {
    const a = parseIpAddress(text);
    expect(a && formatIpAddress(a)).toBe(printed);
  });

  it.each(['', 'foo', '10.0.1', '10.0.1.256', '10.0.1.05', '10.0.1.5%eth0', '1::2::3', '1:2:3:4:5:6:7:8::', '12345::1', ':1::', 'fe80::1%', '%eth0', '1:2:3:4:5:6:7'])(
    '%j is not an address',
    (text) => expect(parseIpAddress(text)).toBeUndefined(),
  );

  it.each([
    ['10.0.1.0/24', '10.0.1.255', true],
    ['10.0.1.0/24', '10.0.2.0', false],
    ['10.0.1.0/24', '::ffff:10.0.1.5', false],
    ['2600:1f13:837:8504::/64', '2600:1f13:837:8504:ffff::1', true],
    ['2600:1f13:837:8504::/64', '2600:1f13:837:8505::1', false],
    ['fe80::/64', 'fe80::1%eth0', false],
    ['0.0.0.0/0', '1.2.3.4', true],
  ])('%s contains %s: %s', (prefix, addr, expected) => {
    expect(prefixContains(parseIpPrefix(prefix)!, parseIpAddress(addr)!)).toBe(expected);
  });
});
