import { describe, expect, it } from 'vitest';
import { skipCase, specOf } from './harness.js';
import { buildLb, factsWith, FOO_SUBNETS } from './subnet-fixtures.js';

// pkg/gateway/model/utilities_test.go. `isIPv6Supported` decides whether the managed security
// group admits IPv6 source ranges (model_build_security_group.go `buildManagedSecurityGroupIngressPermissions`):
// with the default source ranges 0.0.0.0/0 and ::/0, the ::/0 rule appears exactly when it is true.
const facts = factsWith(FOO_SUBNETS);

describe('utilities_test.go Test_IsIPv6Supported', () => {
  it.each([
    ['DualStack should support IPv6', 'dualstack', true],
    ['DualStackWithoutPublicIPV4 should support IPv6', 'dualstack-without-public-ipv4', true],
    ['IPv4 should not support IPv6', 'ipv4', false],
  ] as const)('utilities_test.go Test_IsIPv6Supported/%s', (_name, ipAddressType, expected) => {
    const r = buildLb('alb', { scheme: 'internet-facing', ipAddressType }, { facts });
    expect(r.errors).toEqual([]);
    const sg = specOf(r.result.stackJson(), 'SecurityGroup', 'ManagedLBSecurityGroup');
    const ingress = sg['ingress'] as { ipv6Ranges?: { cidrIPv6: string }[]; ipRanges?: { cidrIP: string }[] }[];
    expect(ingress.some((p) => p.ipRanges?.some((x) => x.cidrIP === '0.0.0.0/0'))).toBe(true);
    expect(ingress.some((p) => p.ipv6Ranges?.some((x) => x.cidrIPv6 === '::/0'))).toBe(expected);
  });

  skipCase('utilities_test.go Test_IsIPv6Supported/Empty address type should not support IPv6', 'an unset ipAddressType is ipv4 before the helper runs, and the CRD enum rejects an empty string');
  skipCase('utilities_test.go Test_IsIPv6Supported/Unknown address type should not support IPv6', "the CRD's enum (ipv4, dualstack, dualstack-without-public-ipv4) rejects other values before LBC sees them");
});
