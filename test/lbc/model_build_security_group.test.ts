/**
 * Port of LBC v3.5.0 pkg/gateway/model/model_build_security_group_test.go. LBC's mocks become
 * manifests and discovery facts: the SG resolver is the VPC's security groups (by `sg-` id or
 * `Name` tag), the backend-SG provider is `--enable-backend-security-group` plus the discovered
 * shared backend SG. The builder's outputs are read from the stack: the LB's securityGroups (SG
 * tokens), the managed SG resource and its ingress, and the backend SG gwlb would allocate.
 */
import { describe, expect, it } from 'vitest';
import type { IPPermission } from '../../src/model/index.js';
import { ALB_CLASS, knownFacts, lbcCase, skipCase, specOf, subnet, type LbcCaseOptions } from './harness.js';

const F = 'model_build_security_group_test.go';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/test';
const BACKEND = 'sg-backend';
const MANAGED_REF = { $ref: '#/resources/AWS::EC2::SecurityGroup/ManagedLBSecurityGroup/status/groupID' };

interface Listener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
}

/** A Gateway of class `alb` or `nlb` with the given listeners and LoadBalancerConfiguration spec. */
function gateway(opts: { cls?: 'alb' | 'nlb'; listeners?: readonly Listener[]; config?: string }): string {
  const listeners = opts.listeners ?? [{ name: 'http', port: 80, protocol: 'HTTP' }];
  const secure = listeners.filter((l) => l.protocol === 'HTTPS' || l.protocol === 'TLS');
  const certs = secure.length > 0 ? `listenerConfigurations: [${secure.map((l) => `{protocolPort: "${l.protocol}:${l.port}", defaultCertificate: "${CERT}"}`).join(', ')}]` : '';
  const spec = [opts.config ?? '', certs].filter((s) => s !== '').join(', ');
  const tls = (l: Listener) => (l.protocol === 'TLS' ? ', tls: {mode: Terminate, certificateRefs: [{name: cert}]}' : '');
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: my-gw, namespace: my-namespace, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: ${opts.cls ?? 'alb'}
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}
  listeners: [${listeners.map((l) => `{name: ${l.name}, port: ${l.port}, protocol: ${l.protocol}${tls(l)}}`).join(', ')}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: my-namespace}
spec: {${spec}}
`;
}

const ID = 'my-namespace/my-gw';

/** Subnets with IPv6 CIDRs too (dualstack cases); SGs named `sg1`, `sg2` (two carry `sg2`). */
function facts() {
  return knownFacts({
    subnets: [
      subnet('subnet-a', 'us-east-1a', '10.0.1.0/24', { ipv6Cidrs: ['2600:1f14::/64'] }),
      subnet('subnet-b', 'us-east-1b', '10.0.2.0/24', { ipv6Cidrs: ['2600:1f14:0:1::/64'] }),
    ],
    securityGroups: [
      { id: 'sg-0001', name: 'one', tags: { Name: 'sg1' } },
      { id: 'sg-0002', name: 'two', tags: { Name: 'sg2' } },
      { id: 'sg-0003', name: 'three', tags: { Name: 'sg2' } },
    ],
    backendSecurityGroupId: BACKEND,
  });
}

function build(yaml: string, options: LbcCaseOptions = {}) {
  return lbcCase(yaml, { facts: facts(), ...options });
}

/** What buildSecurityGroups returns, as the stack shows it. */
function outputOf(yaml: string, options: LbcCaseOptions = {}) {
  const r = build(yaml, options);
  expect(r.errors).toEqual([]);
  const json = r.stackJson(ID);
  const lb = specOf(json, 'LoadBalancer', 'LoadBalancer');
  const stack = r.stacks.find((s) => s.id === ID)!;
  return {
    sgTokens: lb['securityGroups'],
    sgResources: Object.keys(json.resources['AWS::EC2::SecurityGroup'] ?? {}),
    backendAllocated: stack.extras.backendSecurityGroup !== undefined,
    json,
  };
}

describe(`${F} Test_BuildSecurityGroups_Specified`, () => {
  const T = `${F} Test_BuildSecurityGroups_Specified`;

  it(`${T}/sg specified - no backend sg`, () => {
    const out = outputOf(gateway({ config: 'securityGroups: [sg1, sg-0009]' }), { settings: { enableBackendSecurityGroup: false } });
    expect(out.sgTokens).toEqual(['sg-0009', 'sg-0001']);
    expect(out.sgResources).toEqual([]);
    expect(out.backendAllocated).toBe(false);
  });

  it(`${T}/sg disabled - nlb`, () => {
    const out = outputOf(gateway({ cls: 'nlb', listeners: [{ name: 'tcp', port: 80, protocol: 'TCP' }], config: 'disableSecurityGroup: true' }));
    expect(out.sgTokens).toBeUndefined();
    expect(out.sgResources).toEqual([]);
    expect(out.backendAllocated).toBe(false);
  });

  it(`${T}/sg disabled - alb`, () => {
    const out = outputOf(gateway({ config: 'disableSecurityGroup: true, securityGroups: [sg-0001, sg-0002]' }), { settings: { enableBackendSecurityGroup: false } });
    expect(out.sgTokens).toEqual(['sg-0001', 'sg-0002']);
    expect(out.sgResources).toEqual([]);
    expect(out.backendAllocated).toBe(false);
  });

  it(`${T}/sg specified - with backend sg`, () => {
    const out = outputOf(gateway({ config: 'manageBackendSecurityGroupRules: true, securityGroups: [sg-0001, sg-0002]' }));
    expect(out.sgTokens).toEqual(['sg-0001', 'sg-0002', BACKEND]);
    expect(out.sgResources).toEqual([]);
    expect(out.backendAllocated).toBe(true);
  });

  it(`${T}/sg specified - with backend sg - error - backendsg not enabled`, () => {
    const r = build(gateway({ config: 'manageBackendSecurityGroupRules: true, securityGroups: [sg-0001, sg-0002]' }), { settings: { enableBackendSecurityGroup: false } });
    expect(r.errors).toEqual([`GWLB313 Gateway ${ID}: backendSG feature is required to manage worker node SG rules when frontendSG manually specified`]);
    expect(r.stacks).toEqual([]);
  });

  // The resolver's error, as ResolveViaNameOrID reports a name no VPC security group carries.
  it(`${T}/sg specified - with backend sg - error - resolve sg error`, () => {
    const r = build(gateway({ config: 'manageBackendSecurityGroupRules: true, securityGroups: [sg1, missing]' }));
    expect(r.errors).toEqual([`GWLB313 Gateway ${ID}: couldn't find all security groups: requested names [sg1, missing] but found [sg1]`]);
    expect(r.stacks).toEqual([]);
  });
  skipCase(`${T}/sg specified - with backend sg - error - resolve sg error (backend SG provider fails)`, 'the second case of that name mocks a failing backend-SG provider (an AWS error)');

  // gwlb: every security group carrying a requested Name tag is used, as DescribeSecurityGroups returns them.
  it('gwlb: a Name carried by two security groups resolves to both', () => {
    expect(outputOf(gateway({ config: 'securityGroups: [sg2]' }), { settings: { enableBackendSecurityGroup: false } }).sgTokens).toEqual(['sg-0002', 'sg-0003']);
  });
});

describe(`${F} Test_BuildSecurityGroups_Allocate`, () => {
  const T = `${F} Test_BuildSecurityGroups_Allocate`;

  it(`${T}/sg allocate - no backend sg`, () => {
    const out = outputOf(gateway({}), { settings: { enableBackendSecurityGroup: false } });
    expect(out.sgResources).toEqual(['ManagedLBSecurityGroup']);
    expect(out.sgTokens).toEqual([MANAGED_REF]);
    expect(out.backendAllocated).toBe(false);
  });

  it(`${T}/sg allocate - with backend sg`, () => {
    const out = outputOf(gateway({ config: 'manageBackendSecurityGroupRules: true' }));
    expect(out.sgResources).toEqual(['ManagedLBSecurityGroup']);
    expect(out.sgTokens).toEqual([MANAGED_REF, BACKEND]);
    expect(out.backendAllocated).toBe(true);
  });

  skipCase(`${T}/sg allocate - provider error`, 'mocks a failing backend-SG provider (an AWS error)');

  // The tag helper's error, as a user meets it: a tag key the controller is told others manage.
  it(`${T}/sg allocate - tag error`, () => {
    const r = build(gateway({ config: 'tags: {team: x}' }), { settings: { externalManagedTags: ['team'] } });
    expect(r.errors).toEqual([`GWLB306 Gateway ${ID}: external managed tag key team cannot be specified`]);
    expect(r.stacks).toEqual([]);
  });
});

describe(`${F} Test_BuildSecurityGroups_BuildManagedSecurityGroupIngressPermissions`, () => {
  const T = `${F} Test_BuildSecurityGroups_BuildManagedSecurityGroupIngressPermissions`;
  const v4 = (proto: string, port: number, cidr: string): IPPermission => ({ ipProtocol: proto, fromPort: port, toPort: port, ipRanges: [{ cidrIP: cidr }] });
  const v6 = (proto: string, port: number, cidr: string): IPPermission => ({ ipProtocol: proto, fromPort: port, toPort: port, ipv6Ranges: [{ cidrIPv6: cidr }] });
  const icmp4 = (cidr: string): IPPermission => ({ ipProtocol: 'icmp', fromPort: 3, toPort: 4, ipRanges: [{ cidrIP: cidr }] });
  const icmp6 = (cidr: string): IPPermission => ({ ipProtocol: 'icmpv6', fromPort: 2, toPort: 0, ipv6Ranges: [{ cidrIPv6: cidr }] });
  const pl = (port: number, listID: string): IPPermission => ({ ipProtocol: 'tcp', fromPort: port, toPort: port, prefixLists: [{ listID }] });
  const RANGES = 'sourceRanges: ["127.0.0.1/24", "127.100.0.1/24", "127.200.0.1/24"]';
  const three = (proto: string, port: number) => ['127.0.0.1/24', '127.100.0.1/24', '127.200.0.1/24'].map((c) => v4(proto, port, c));
  const http: Listener = { name: 'http', port: 80, protocol: 'HTTP' };
  const l4: Listener[] = [
    { name: 'tcp-1', port: 80, protocol: 'TCP' },
    { name: 'udp-1', port: 85, protocol: 'UDP' },
    { name: 'tls-1', port: 90, protocol: 'TLS' },
  ];
  const dualstack = 'ipAddressType: dualstack';

  it.each<[string, string, IPPermission[]]>([
    // LBC's helper is called with no ipAddressType here; ipv4 is the Gateway default.
    ['ipv4 - tcp - with default source ranges', gateway({ listeners: [http] }), [v4('tcp', 80, '0.0.0.0/0')]],
    ['ipv4 - tcp - with source range', gateway({ cls: 'nlb', listeners: [{ name: 'tcp', port: 80, protocol: 'TCP' }], config: RANGES }), three('tcp', 80)],
    ['ipv4 - udp - with source range', gateway({ cls: 'nlb', listeners: [{ name: 'udp', port: 80, protocol: 'UDP' }], config: RANGES }), three('udp', 80)],
    [
      'ipv4 - udp - with source range - icmp enabled',
      gateway({ cls: 'nlb', listeners: [{ name: 'udp', port: 80, protocol: 'UDP' }], config: 'sourceRanges: ["127.0.0.1/24"], enableICMP: true' }),
      [v4('udp', 80, '127.0.0.1/24'), icmp4('127.0.0.1/24')],
    ],
    [
      'dualstack - udp - with source range - icmp enabled',
      gateway({ cls: 'nlb', listeners: [{ name: 'udp', port: 80, protocol: 'UDP' }], config: `${dualstack}, sourceRanges: ["127.0.0.1/24", "2001:db8::/32"], enableICMP: true` }),
      [v4('udp', 80, '127.0.0.1/24'), icmp4('127.0.0.1/24'), v6('udp', 80, '2001:db8::/32'), icmp6('2001:db8::/32')],
    ],
    [
      'ipv4 - with multiple l7 listeners - with source range - multiple ports',
      gateway({ listeners: [{ name: 'http-1', port: 80, protocol: 'HTTP' }, { name: 'http-2', port: 8080, protocol: 'HTTPS' }], config: RANGES }),
      [...three('tcp', 80), ...three('tcp', 8080)],
    ],
    ['ipv4 - with multiple l4 listeners type - with source range - multiple ports', gateway({ cls: 'nlb', listeners: l4, config: RANGES }), [...three('tcp', 80), ...three('udp', 85), ...three('tcp', 90)]],
    ['ipv6 - with default source ranges', gateway({ listeners: [http], config: dualstack }), [v4('tcp', 80, '0.0.0.0/0'), v6('tcp', 80, '::/0')]],
    [
      'ipv6 - with source range',
      gateway({ cls: 'nlb', listeners: l4, config: `${dualstack}, sourceRanges: ["2001:db8::/32"]` }),
      [v6('tcp', 80, '2001:db8::/32'), v6('udp', 85, '2001:db8::/32'), v6('tcp', 90, '2001:db8::/32')],
    ],
    ['ipv6 + ipv4 - with source range', gateway({ listeners: [http], config: `${dualstack}, sourceRanges: ["2001:db8::/32", "127.0.0.1/24"]` }), [v4('tcp', 80, '127.0.0.1/24'), v6('tcp', 80, '2001:db8::/32')]],
    ['ipv6 + ipv4 - with source range - but lb type doesnt support ipv6', gateway({ listeners: [http], config: 'ipAddressType: ipv4, sourceRanges: ["2001:db8::/32", "127.0.0.1/24"]' }), [v4('tcp', 80, '127.0.0.1/24')]],
    ['prefix list', gateway({ listeners: [http], config: 'sourceRanges: ["127.0.0.1/24"], securityGroupPrefixes: [pl1, pl2]' }), [v4('tcp', 80, '127.0.0.1/24'), pl(80, 'pl1'), pl(80, 'pl2')]],
  ])(`${T}/%s`, (_name, yaml, expected) => {
    const out = outputOf(yaml);
    const sg = specOf(out.json, 'SecurityGroup', 'ManagedLBSecurityGroup');
    expect(sg['ingress']).toHaveLength(expected.length);
    expect(sg['ingress']).toEqual(expect.arrayContaining(expected));
  });
});
