/**
 * Ported from pkg/networking/networking_manager_test.go (LBC v3.5.0): choosing the one security
 * group per target ENI, and merging every TGB's permissions per group (restricted and
 * unrestricted), through gwlb's plan/node-sg-rules.ts. Source groups here stand for the backend SG.
 */
import { describe, expect, it } from 'vitest';
import { defaultClusterSettings } from '../../src/model/settings.js';
import type { EndpointGroup } from '../../src/plan/node-network.js';
import { aggregate, endpointGroupOf, type DesiredPermission } from '../../src/plan/node-sg-rules.js';
import { skipCase } from './harness.js';

const F = 'networking_manager_test.go';
const CLUSTER_TAG = { 'kubernetes.io/cluster/cluster-a': 'owned' };
const SG_B_TAGS = { keyA: 'valueA', keyB: 'valueB2', keyC: 'valueC', keyD: 'valueD' };
const groups = (bTags: Record<string, string>): EndpointGroup[] => [
  { groupID: 'sg-a', tags: CLUSTER_TAG, ingress: [] },
  { groupID: 'sg-b', tags: bTags, ingress: [] },
];
const eni = (sgs: string[]) => ({ networkInterfaceId: 'eni-a', securityGroups: sgs });
const got = (tags: string) => `expected exactly one securityGroup tagged with kubernetes.io/cluster/cluster-a and ${tags} for eni eni-a, got: [] (clusterName: cluster-a)`;

describe(`${F} Test_defaultNetworkingManager_resolveEndpointSGForENI`, () => {
  it.each([
    ['Only one security group in eniInfo returns early', {}, eni(['sg-a']), groups(SG_B_TAGS), { groupID: 'sg-a' }],
    ['No security group in eniInfo returns error', {}, eni([]), [], { error: 'expected exactly one securityGroup tagged with kubernetes.io/cluster/cluster-a for eni eni-a, got: [] (clusterName: cluster-a)' }],
    ['A single security group with cluster name tag and no service target tags set', {}, eni(['sg-a', 'sg-b']), groups(SG_B_TAGS), { groupID: 'sg-a' }],
    ['A single security group with cluster name tag and one service target tag set', { keyA: 'valueA' }, eni(['sg-a', 'sg-b']), groups({ ...CLUSTER_TAG, ...SG_B_TAGS }), { groupID: 'sg-b' }],
    ['A single security group with cluster name tag and one service target tag set with no matches', { keyA: 'valueNotA' }, eni(['sg-a', 'sg-b']), groups({ ...CLUSTER_TAG, ...SG_B_TAGS }), { error: got('map[keyA:valueNotA]') }],
    ['A single security group with cluster name tag and multiple service target tags set', { keyA: 'valueA', keyB: 'valueB2' }, eni(['sg-a', 'sg-b']), groups({ ...CLUSTER_TAG, ...SG_B_TAGS }), { groupID: 'sg-b' }],
    [
      'A single security group with cluster name tag and multiple service target tags set with no matches',
      { keyA: 'valueA', keyB: 'valueNotB2' },
      eni(['sg-a', 'sg-b']),
      groups({ ...CLUSTER_TAG, ...SG_B_TAGS }),
      { error: got('map[keyA:valueA keyB:valueNotB2]') },
    ],
    ['A single security group with cluster name tag and a service target tags with an empty value', { keyA: '' }, eni(['sg-a', 'sg-b']), groups({ ...CLUSTER_TAG, keyA: '' }), { groupID: 'sg-b' }],
    ['A single security group with cluster name tag and a service target tag with an empty value with no matches', { keyE: '' }, eni(['sg-a', 'sg-b']), groups({ ...CLUSTER_TAG, keyA: '' }), { error: got('map[keyE:]') }],
  ])('%s', (_name, extra, e, gs, want) => {
    const settings = defaultClusterSettings('cluster-a', { serviceTargetEniSecurityGroupTags: extra });
    expect(endpointGroupOf(e, { enis: {}, groups: gs }, settings)).toEqual(want);
  });
});

const grp = (protocol: string, fromPort: number, toPort: number, groupID: string): DesiredPermission => ({ protocol, fromPort, toPort, source: { kind: 'group', groupID } });
const cidr = (fromPort: number, toPort: number, c: string): DesiredPermission => ({ protocol: 'tcp', fromPort, toPort, source: { kind: 'ipv4', cidr: c } });
const tgb = (perSg: Record<string, DesiredPermission[]>) => new Map(Object.entries(perSg));
const asObject = (m: Map<string, DesiredPermission[]>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v]]));

describe(`${F} Test_defaultNetworkingManager_computeRestrictedIngressPermissionsPerSG`, () => {
  it.each([
    ['single sg, port not assigned', [tgb({ 'sg-a': [grp('tcp', 0, 0, 'group-1')] })], { 'sg-a': [grp('tcp', 0, 65535, 'group-1')] }],
    ['multiple sgs, port not assigned', [tgb({ 'sg-a': [grp('tcp', 0, 0, 'group-1')] }), tgb({ 'sg-b': [grp('tcp', 0, 0, 'group-2')] })], { 'sg-a': [grp('tcp', 0, 65535, 'group-1')], 'sg-b': [grp('tcp', 0, 65535, 'group-2')] }],
    ['single sg, port range 0 - 65535', [tgb({ 'sg-a': [grp('tcp', 0, 65535, 'group-1')] })], { 'sg-a': [grp('tcp', 0, 65535, 'group-1')] }],
    ['multiple sgs, port range 0 - 65535', [tgb({ 'sg-a': [grp('tcp', 0, 65535, 'group-1')] }), tgb({ 'sg-b': [grp('tcp', 0, 65535, 'group-2')] })], { 'sg-a': [grp('tcp', 0, 65535, 'group-1')], 'sg-b': [grp('tcp', 0, 65535, 'group-2')] }],
    ['single sg, single protocol', [tgb({ 'sg-a': [grp('tcp', 80, 8080, 'group-1'), grp('tcp', 30, 8080, 'group-1')] })], { 'sg-a': [grp('tcp', 30, 8080, 'group-1')] }],
    [
      'multiple sg,  multiple protocols',
      [tgb({ 'sg-a': [grp('tcp', 80, 8080, 'group-1'), grp('tcp', 30, 8080, 'group-1')], 'sg-b': [grp('udp', 8443, 8443, 'group-2'), grp('udp', 8080, 8080, 'group-2')] })],
      { 'sg-a': [grp('tcp', 30, 8080, 'group-1')], 'sg-b': [grp('udp', 8080, 8443, 'group-2')] },
    ],
    [
      'test for CIDRs',
      [tgb({ 'sg-a': [cidr(80, 80, '192.168.0.0/16'), cidr(8080, 8080, '192.169.0.0/16'), cidr(8443, 8443, '192.170.0.0/16')] })],
      { 'sg-a': [cidr(80, 80, '192.168.0.0/16'), cidr(8080, 8080, '192.169.0.0/16'), cidr(8443, 8443, '192.170.0.0/16')] },
    ],
    [
      'test for both sg and CIDRs',
      [tgb({ 'sg-a': [cidr(80, 80, '192.168.0.0/16'), cidr(8080, 8080, '192.169.0.0/16'), cidr(80, 8080, '192.170.0.0/16')], 'sg-b': [grp('tcp', 8443, 9090, 'group-1'), grp('tcp', 8443, 32768, 'group-1')] })],
      { 'sg-a': [cidr(80, 80, '192.168.0.0/16'), cidr(8080, 8080, '192.169.0.0/16'), cidr(80, 8080, '192.170.0.0/16')], 'sg-b': [grp('tcp', 8443, 32768, 'group-1')] },
    ],
  ])('%s', (_name, perTgb, want) => {
    expect(asObject(aggregate(perTgb, true))).toEqual(want);
  });
});

describe(`${F} Test_defaultNetworkingManager_computeUnrestrictedIngressPermissionsPerSG`, () => {
  const c = (x: string) => cidr(80, 8080, x);
  it.each([
    ['single tgb', [tgb({ 'sg-a': [c('192.168.0.0/16'), c('192.169.0.0/16')], 'sg-b': [c('192.168.0.0/16')] })], { 'sg-a': [c('192.168.0.0/16'), c('192.169.0.0/16')], 'sg-b': [c('192.168.0.0/16')] }],
    [
      'multiple tgb',
      [tgb({ 'sg-a': [c('192.168.0.0/16'), c('192.169.0.0/16')], 'sg-b': [c('192.168.0.0/16')] }), tgb({ 'sg-a': [c('192.168.0.0/16'), c('192.170.0.0/16')], 'sg-c': [c('192.168.0.0/16')] })],
      { 'sg-a': [c('192.168.0.0/16'), c('192.169.0.0/16'), c('192.170.0.0/16')], 'sg-b': [c('192.168.0.0/16')], 'sg-c': [c('192.168.0.0/16')] },
    ],
    ['no tgb', [], {}],
  ])('%s', (_name, perTgb, want) => {
    expect(asObject(aggregate(perTgb, false))).toEqual(want);
  });
});

skipCase(`${F} Test_defaultNetworkingManager_computeIngressPermissionsForTGBNetworking`, 'the TGB networking block → permissions step is the model’s (model/tg-networking.ts), covered by model_build_target_group_binding_network cases; no plan-level input differs');
skipCase(`${F} Test_defaultNetworkingManager_computePermissionsForPeerPort`, 'internal helper; the permissions it builds are the model’s nodeSecurityGroupRules');
skipCase(`${F} Test_defaultNetworkingManager_computeNumericalPorts`, 'named container ports need Pods, which gwlb does not read (EndpointSlice ports are numeric)');
skipCase(`${F} Test_AttemptGarbageCollection`, 'mocks the controller’s in-memory TGB cache; gwlb keeps no cache (its plan coverage rule is tested in src/plan/node-sg-rules.test.ts)');
