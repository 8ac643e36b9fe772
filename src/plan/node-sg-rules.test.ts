/**
 * Node/pod ENI security-group rules in the plan (networking_manager.go, security_group_reconciler.go):
 * one group per ENI, permissions aggregated per group, authorize/revoke by protocol+ports+source,
 * only labelled rules revoked, and only when the plan covers every owned stack.
 */
import { describe, expect, it } from 'vitest';
import { defaultClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import { albStack, applied, CLUSTER, observedOfStacks, plan, settings } from './fixtures.test-util.js';
import { backendSgAddress, type ObservedState } from './index.js';
import { TGB_RULE_DESCRIPTION, type EndpointGroup, type IngressPermission, type ObservedNodeNetwork } from './node-network.js';
import { endpointGroupOf, nodeRuleAddress } from './node-sg-rules.js';

const NODE_SG = 'sg-node';
const CLUSTER_TAG = { [`kubernetes.io/cluster/${CLUSTER}`]: 'owned' };

/** The fixture ALB (two instance TGs on nodePorts 30080, 30081) with both TGs' targets known. */
function withTargets(s: Stack = albStack(), ids: string[] = ['i-1', 'i-2']): Stack {
  const targets = s.extras.targets.map((t) => ({ kind: 'managed' as const, targetGroupId: t.targetGroupId, targets: ids.map((id, i) => ({ id, port: 30080 + i })) }));
  return { ...s, extras: { ...s.extras, targets } };
}

const rule = (fromPort: number, toPort: number, groupID: string, description = TGB_RULE_DESCRIPTION): IngressPermission => ({ protocol: 'tcp', fromPort, toPort, source: { kind: 'group', groupID }, description });
const group = (groupID: string, ingress: IngressPermission[] = [], tags: Record<string, string> = CLUSTER_TAG): EndpointGroup => ({ groupID, tags, ingress });

function network(groups: EndpointGroup[] = [group(NODE_SG)], sgsOfEni: string[] = [NODE_SG]): ObservedNodeNetwork {
  return { enis: { 'i-1': { networkInterfaceId: 'eni-1', securityGroups: sgsOfEni }, 'i-2': { networkInterfaceId: 'eni-2', securityGroups: [NODE_SG] } }, groups, attachedBy: {}, withoutGroups: [] };
}

function observed(net: ObservedNodeNetwork, ...stacks: Stack[]): ObservedState {
  return { ...observedOfStacks(...stacks.map((s) => applied(s))), nodeNetwork: net };
}

const ruleChanges = (p: ReturnType<typeof plan>) => Object.fromEntries(p.resource_changes.filter((rc) => rc.type === 'AWS::EC2::SecurityGroupIngress').map((rc) => [rc.address, rc.change.actions.join(',')]));

describe('node security group rules', () => {
  it('opens one port range per protocol and source on the node SG, across target groups (restricted)', () => {
    const s = withTargets();
    const p = plan([s], observed(network(), s));
    expect(ruleChanges(p)).toEqual({ [nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend')]: 'create' });
    const rc = p.resource_changes.find((x) => x.type === 'AWS::EC2::SecurityGroupIngress')!;
    expect(rc.change.after).toEqual({ security_group_id: NODE_SG, protocol: 'tcp', from_port: 30080, to_port: 30081, source_security_group_id: 'sg-backend', description: TGB_RULE_DESCRIPTION });
  });

  it('with --disable-restricted-sg-rules: all TCP ports from the backend SG', () => {
    const unrestricted = defaultClusterSettings(CLUSTER, { disableRestrictedSecurityGroupRules: true });
    const s = withTargets(albStack({ settings: unrestricted }));
    const p = plan([s], observed(network(), s), { settings: unrestricted });
    expect(ruleChanges(p)).toEqual({ [nodeRuleAddress('sg-node/tcp/0-65535/sg-backend')]: 'create' });
  });

  it('an existing rule with the same protocol, ports and source is kept, whatever its description', () => {
    const s = withTargets();
    expect(ruleChanges(plan([s], observed(network([group(NODE_SG, [rule(30080, 30081, 'sg-backend', '')])]), s)))).toEqual({});
  });

  it('revokes a stale labelled rule; never one without the label', () => {
    const s = withTargets();
    const net = network([group(NODE_SG, [rule(30080, 30081, 'sg-backend'), rule(9000, 9000, 'sg-backend'), rule(22, 22, 'sg-backend', 'ssh from bastion')])]);
    expect(ruleChanges(plan([s], observed(net, s)))).toEqual({ [nodeRuleAddress('sg-node/tcp/9000/sg-backend')]: 'delete' });
  });

  it('collects labelled rules from every cluster-tagged SG no target group uses', () => {
    const s = withTargets();
    const net = network([group(NODE_SG, [rule(30080, 30081, 'sg-backend')]), group('sg-old', [rule(31000, 31000, 'sg-backend')])]);
    expect(ruleChanges(plan([s], observed(net, s)))).toEqual({ [nodeRuleAddress('sg-old/tcp/31000/sg-backend')]: 'delete' });
  });

  it('a plan that does not cover every owned stack only authorizes', () => {
    const s = withTargets();
    const other = albStack({ name: 'other' });
    const net = network([group(NODE_SG, [rule(9000, 9000, 'sg-backend')])]);
    // The orphan (not pruned) may need 9000; a narrowed plan may not see who does either.
    expect(ruleChanges(plan([s], observed(net, s, other)))).toEqual({ [nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend')]: 'create' });
    expect(ruleChanges(plan([s], observed(net, s), { scope: s.id }))).toEqual({ [nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend')]: 'create' });
  });

  describe('a labelled rule a load balancer outside the plan may need is kept', () => {
    const INGRESS_LB = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/k8s-ingress/1';
    const userBackend = defaultClusterSettings(CLUSTER, { backendSecurityGroup: 'sg-user' });
    const withUsers = (net: ObservedNodeNetwork, attachedBy: Record<string, string[]>, withoutGroups: string[] = []): ObservedNodeNetwork => ({ ...net, attachedBy, withoutGroups });
    const lbArn = (s: Stack) => applied(s).resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!.arn;

    it('the auto backend SG attached to an Ingress load balancer: its stale rule kept, and reported', () => {
      const s = withTargets();
      const net = withUsers(network([group(NODE_SG, [rule(9000, 9000, 'sg-backend')])]), { 'sg-backend': [INGRESS_LB, lbArn(s)] });
      const p = plan([s], observed(net, s));
      expect(ruleChanges(p)).toEqual({ [nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend')]: 'create' });
      expect(p.node_security_group_rules_kept).toEqual([{ id: 'sg-node/tcp/9000/sg-backend', load_balancers: [INGRESS_LB] }]);
    });

    it('a user-specified backend SG (--backend-security-group) attached to a foreign load balancer: its stale rule kept', () => {
      const s = withTargets(albStack({ settings: userBackend }));
      const net = withUsers(network([group(NODE_SG, [rule(30080, 30081, 'sg-user'), rule(9000, 9000, 'sg-user')])]), { 'sg-user': [INGRESS_LB, lbArn(s)] });
      const p = plan([s], observed(net, s), { settings: userBackend });
      expect(ruleChanges(p)).toEqual({});
      expect(p.node_security_group_rules_kept).toEqual([{ id: 'sg-node/tcp/9000/sg-user', load_balancers: [INGRESS_LB] }]);
    });

    it('the same user-specified backend SG attached only to the plan\'s own load balancer: the stale rule is revoked', () => {
      const s = withTargets(albStack({ settings: userBackend }));
      const net = withUsers(network([group(NODE_SG, [rule(30080, 30081, 'sg-user'), rule(9000, 9000, 'sg-user')])]), { 'sg-user': [lbArn(s)] });
      const p = plan([s], observed(net, s), { settings: userBackend });
      expect(ruleChanges(p)).toEqual({ [nodeRuleAddress('sg-node/tcp/9000/sg-user')]: 'delete' });
      expect(p.node_security_group_rules_kept).toBeUndefined();
    });

    it('a foreign load balancer attaching another SG: the stale rules of every other source are still revoked', () => {
      const s = withTargets(albStack({ settings: userBackend }));
      const stale = [rule(30080, 30081, 'sg-user'), rule(9000, 9000, 'sg-user'), rule(9001, 9001, 'sg-ingress'), rule(9002, 9002, 'sg-gone')];
      const net = withUsers(network([group(NODE_SG, stale)]), { 'sg-user': [lbArn(s)], 'sg-ingress': [INGRESS_LB] });
      const p = plan([s], observed(net, s), { settings: userBackend });
      expect(ruleChanges(p)).toEqual({ [nodeRuleAddress('sg-node/tcp/9000/sg-user')]: 'delete', [nodeRuleAddress('sg-node/tcp/9002/sg-gone')]: 'delete' });
      expect(p.node_security_group_rules_kept).toEqual([{ id: 'sg-node/tcp/9001/sg-ingress', load_balancers: [INGRESS_LB] }]);
    });

    it('a foreign load balancer without security groups keeps the labelled CIDR rules (an NLB\'s source ranges), not the group ones', () => {
      const s = withTargets();
      const cidr: IngressPermission = { protocol: 'tcp', fromPort: 31000, toPort: 31000, source: { kind: 'ipv4', cidr: '10.0.0.0/16' }, description: TGB_RULE_DESCRIPTION };
      const net = withUsers(network([group(NODE_SG, [rule(30080, 30081, 'sg-backend'), rule(9000, 9000, 'sg-backend'), cidr])]), { 'sg-backend': [lbArn(s)] }, ['arn:nlb-without-sgs']);
      const p = plan([s], observed(net, s));
      expect(ruleChanges(p)).toEqual({ [nodeRuleAddress('sg-node/tcp/9000/sg-backend')]: 'delete' });
      expect(p.node_security_group_rules_kept).toEqual([{ id: 'sg-node/tcp/31000/10.0.0.0/16', load_balancers: ['arn:nlb-without-sgs'] }]);
    });

    it('no narrower copy of a rule from a source a foreign load balancer uses (LBC merged its ports into the range)', () => {
      const s = withTargets();
      const net = withUsers(network([group(NODE_SG, [rule(30000, 30500, 'sg-backend')])]), { 'sg-backend': [INGRESS_LB, lbArn(s)] });
      const p = plan([s], observed(net, s));
      expect(ruleChanges(p)).toEqual({});
      expect(p.node_security_group_rules_kept).toEqual([{ id: 'sg-node/tcp/30000-30500/sg-backend', load_balancers: [INGRESS_LB] }]);
    });

    it('destroy of every stack keeps the rule an Ingress still needs, and so the backend SG', () => {
      const s = withTargets();
      const net = withUsers(network([group(NODE_SG, [rule(30080, 30081, 'sg-backend')])]), { 'sg-backend': [INGRESS_LB, lbArn(s)] });
      const state: ObservedState = { ...observed(net, s), backendSecurityGroup: { groupID: 'sg-backend', groupName: 'k8s-traffic', tags: {}, usedBy: [INGRESS_LB, lbArn(s)], referencedBy: [NODE_SG] } };
      const p = plan([], state, { destroy: { kind: 'all' }, inputGateways: [] });
      expect(ruleChanges(p)).toEqual({});
      expect(p.resource_changes.map((rc) => rc.address)).not.toContain(backendSgAddress('k8s-traffic'));
    });
  });

  it('a narrowed plan adds no rule when an existing one already admits its ports (the merged range of a complete plan)', () => {
    const s = withTargets();
    const merged = network([group(NODE_SG, [rule(30000, 30099, 'sg-backend')])]);
    expect(ruleChanges(plan([s], observed(merged, s), { scope: s.id }))).toEqual({});
    // Ports outside the existing range still need their rule.
    const narrow = network([group(NODE_SG, [rule(30080, 30080, 'sg-backend')])]);
    expect(ruleChanges(plan([s], observed(narrow, s), { scope: s.id }))).toEqual({ [nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend')]: 'create' });
    // Another source is no cover.
    const other = network([group(NODE_SG, [rule(30000, 30099, 'sg-other')])]);
    expect(ruleChanges(plan([s], observed(other, s), { scope: s.id }))).toEqual({ [nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend')]: 'create' });
  });

  it('targets unknown (no Nodes in the input): authorize-only, nothing computed for that target group', () => {
    const s = albStack();
    const net = network([group(NODE_SG, [rule(9000, 9000, 'sg-backend')])]);
    expect(ruleChanges(plan([s], observed(net, s)))).toEqual({});
  });

  it('a target without an ENI is LBC error, reported, and nothing is revoked', () => {
    const s = withTargets(albStack(), ['i-1', 'i-9']);
    const net = network([group(NODE_SG, [rule(9000, 9000, 'sg-backend')])]);
    const p = plan([s], observed(net, s));
    expect(p.node_security_group_problems?.[0]?.error).toBe('cannot resolve node ENI for nodes: [i-9]');
    expect(ruleChanges(p)).toEqual({});
  });

  it('destroy revokes the labelled rules from the backend SG, so the backend SG can go too', () => {
    const s = withTargets();
    const o = applied(s);
    const lb = o.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!.arn;
    const state: ObservedState = {
      ...observedOfStacks(o),
      nodeNetwork: network([group(NODE_SG, [rule(30080, 30081, 'sg-backend'), rule(22, 22, 'sg-admin', 'ssh')])]),
      backendSecurityGroup: { groupID: 'sg-backend', groupName: 'k8s-traffic', tags: {}, usedBy: [lb], referencedBy: [NODE_SG] },
    };
    const p = plan([], state, { destroy: { kind: 'all' }, inputGateways: [] });
    const addresses = p.resource_changes.map((rc) => rc.address);
    expect(addresses.slice(-2)).toEqual([nodeRuleAddress('sg-node/tcp/30080-30081/sg-backend'), backendSgAddress('k8s-traffic')]);
  });
});

describe('endpoint security group per ENI (resolveEndpointSGForENI)', () => {
  const eni = { networkInterfaceId: 'eni-1', securityGroups: ['sg-a', 'sg-b'] };
  it.each([
    ['one SG: that one, tagged or not', { ...eni, securityGroups: ['sg-x'] }, [], settings, { groupID: 'sg-x' }],
    ['several: the one with the cluster tag', eni, [group('sg-a'), group('sg-b', [], {})], settings, { groupID: 'sg-a' }],
    [
      'several tagged: LBC error',
      eni,
      [group('sg-a'), group('sg-b')],
      settings,
      { error: `expected exactly one securityGroup tagged with kubernetes.io/cluster/${CLUSTER} for eni eni-1, got: [sg-a sg-b] (clusterName: ${CLUSTER})` },
    ],
    ['several tagged: the extra tags choose', eni, [group('sg-a'), group('sg-b', [], { ...CLUSTER_TAG, role: 'pods' })], defaultClusterSettings(CLUSTER, { serviceTargetEniSecurityGroupTags: { role: 'pods' } }), { groupID: 'sg-b' }],
    [
      'none tagged with the extra tags: LBC error',
      eni,
      [group('sg-a'), group('sg-b')],
      defaultClusterSettings(CLUSTER, { serviceTargetEniSecurityGroupTags: { role: 'pods' } }),
      { error: `expected exactly one securityGroup tagged with kubernetes.io/cluster/${CLUSTER} and map[role:pods] for eni eni-1, got: [] (clusterName: ${CLUSTER})` },
    ],
  ])('%s', (_title, e, groups, s, want) => {
    expect(endpointGroupOf(e, { enis: {}, groups }, s)).toEqual(want);
  });
});
