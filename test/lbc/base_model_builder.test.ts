/**
 * Port of LBC v3.5.0 pkg/gateway/model/base_model_builder_test.go. isDeleteProtected is observed
 * where Build uses it: a Gateway being deleted (metadata.deletionTimestamp) fails with LBC's error
 * when deletion protection parses true, and otherwise builds the empty stack that deletes
 * everything. Scheme and IP address type are read from the LB spec; the default scheme is
 * `--default-load-balancer-scheme`, the default IP type LBC's fixed ipv4.
 */
import { describe, expect, it } from 'vitest';
import { ALB_CLASS, knownFacts, lbcCase, skipCase, specOf, subnet, type LbcCaseOptions } from './harness.js';

const F = 'base_model_builder_test.go';

function gateway(config: string | undefined, opts: { deleting?: boolean } = {}): string {
  const deleting = opts.deleting ? ', deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: [gateway.k8s.aws/alb]' : '';
  const ref = config !== undefined ? '\n  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}' : '';
  const lbc =
    config !== undefined
      ? `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: ns}
spec: ${config}`
      : '';
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555${deleting}}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]${ref}${lbc}
`;
}

describe(`${F} Test_baseModelBuilder_isDeleteProtected`, () => {
  const T = `${F} Test_baseModelBuilder_isDeleteProtected`;
  const attrs = (...kv: [string, string][]) => `{loadBalancerAttributes: [${kv.map(([key, value]) => `{key: ${key}, value: "${value}"}`).join(', ')}]}`;

  it.each<[string, string | undefined, boolean]>([
    ['deletion protection enabled', attrs(['deletion_protection.enabled', 'true']), true],
    ['deletion protection disabled', attrs(['deletion_protection.enabled', 'false']), false],
    ['deletion protection not specified', attrs(), false],
    ['deletion protection with invalid value', attrs(['deletion_protection.enabled', 'invalid']), false],
    ['deletion protection among other attributes', attrs(['idle_timeout.timeout_seconds', '60'], ['deletion_protection.enabled', 'true'], ['access_logs.s3.enabled', 'false']), true],
    ['empty config', undefined, false],
  ])(`${T}/%s`, (_name, config, protectedWant) => {
    const r = lbcCase(gateway(config, { deleting: true }));
    if (protectedWant) {
      expect(r.errors).toEqual(['GWLB314 Gateway ns/gw: Unable to delete gateway ns/gw because deletion protection is enabled.']);
      expect(r.stacks).toEqual([]);
    } else {
      expect(r.errors).toEqual([]);
      expect(r.stacks.map((s) => [s.id, s.resources.length])).toEqual([['ns/gw', 0]]);
    }
    // The same parse, for a Gateway that is not being deleted: what the plan needs to delete it later.
    // (An invalid value builds in LBC and AWS rejects it at deploy: gwlb's pre-flight says so.)
    const live = lbcCase(gateway(config));
    expect(live.built[0]?.extras.deletionProtection).toBe(protectedWant);
  });
});

describe(`${F} Test_baseModelBuilder_buildLoadBalancerScheme`, () => {
  const T = `${F} Test_baseModelBuilder_buildLoadBalancerScheme`;
  it.each<[string, string | undefined, 'internal' | 'internet-facing', string]>([
    ['internet-facing scheme', '{scheme: internet-facing}', 'internal', 'internet-facing'],
    ['internal scheme', '{scheme: internal}', 'internet-facing', 'internal'],
    ['nil scheme uses default', '{}', 'internal', 'internal'],
  ])(`${T}/%s`, (_name, config, defaultScheme, want) => {
    const r = lbcCase(gateway(config), { settings: { defaultLoadBalancerScheme: defaultScheme } });
    expect(r.errors).toEqual([]);
    expect(specOf(r.stackJson('ns/gw'), 'LoadBalancer', 'LoadBalancer')['scheme']).toBe(want);
  });
  it('gwlb: nil scheme uses an internet-facing default', () => {
    const r = lbcCase(gateway('{}'), { settings: { defaultLoadBalancerScheme: 'internet-facing' } });
    expect(specOf(r.stackJson('ns/gw'), 'LoadBalancer', 'LoadBalancer')['scheme']).toBe('internet-facing');
  });
  skipCase(`${T}/unknown scheme returns error`, 'the CRD enum (internal;internet-facing) makes the API server reject it; gwlb rejects it at load time');
});

describe(`${F} Test_baseModelBuilder_buildLoadBalancerIPAddressType`, () => {
  const T = `${F} Test_baseModelBuilder_buildLoadBalancerIPAddressType`;
  const dualstackFacts = knownFacts({
    subnets: [
      subnet('subnet-a', 'us-east-1a', '10.0.1.0/24', { ipv6Cidrs: ['2600:1f14::/64'] }),
      subnet('subnet-b', 'us-east-1b', '10.0.2.0/24', { ipv6Cidrs: ['2600:1f14:0:1::/64'] }),
    ],
  });
  // LBC's builder default is always ipv4 (NewModelBuilder defaultIPType); the Go cases that set
  // another default are expressed by the configured type, which wins regardless.
  it.each<[string, string, string, LbcCaseOptions]>([
    ['ipv4 address type', '{ipAddressType: ipv4}', 'ipv4', {}],
    ['dualstack address type', '{ipAddressType: dualstack}', 'dualstack', { facts: dualstackFacts }],
    ['dualstack without public ipv4 address type', '{ipAddressType: dualstack-without-public-ipv4, scheme: internet-facing}', 'dualstack-without-public-ipv4', { facts: dualstackFacts }],
    ['nil address type uses default', '{}', 'ipv4', {}],
  ])(`${T}/%s`, (_name, config, want, options) => {
    const r = lbcCase(gateway(config), options);
    expect(r.errors).toEqual([]);
    expect(specOf(r.stackJson('ns/gw'), 'LoadBalancer', 'LoadBalancer')['ipAddressType']).toBe(want);
  });
  skipCase(`${T}/unknown address type returns error`, 'the CRD enum (ipv4;dualstack;dualstack-without-public-ipv4) makes the API server reject it; gwlb rejects it at load time');
});
