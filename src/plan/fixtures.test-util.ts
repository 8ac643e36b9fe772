/** Plan test fixtures: desired stacks from the model fixtures, and "applied" observed copies of them. */
import { attached, gateway, httpListener, httpRoute, resolution, service, svcBackend } from '../model/fixtures.test-util.js';
import { buildStack } from '../model/index.js';
import { emptyKnownFacts, type KnownDiscoveryFacts } from '../model/discovery.js';
import { defaultClusterSettings, type ClusterSettings } from '../model/settings.js';
import type { Stack, StatusField } from '../model/stack.js';
import { desiredTags } from '../model/tags.js';
import { buildPlan, TYPE_ORDER, type Plan, type PlanInput } from './index.js';
import type { ObservedResource, ObservedStack, ObservedState } from './observed.js';
import { parseRef } from './plan-stack.js';
import { resolveRefs } from './values.js';

export const CLUSTER = 'my-cluster';
export const settings: ClusterSettings = defaultClusterSettings(CLUSTER);

export const facts: KnownDiscoveryFacts = {
  ...emptyKnownFacts({ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [] }),
  subnets: ['a', 'b'].map((az, i) => ({ id: `subnet-${az}`, availabilityZone: az, ipv4Cidr: `10.0.${i}.0/24`, ipv6Cidrs: [], availableIpAddressCount: 100, tags: { 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/role/elb': '1' }, public: true })),
  backendSecurityGroupId: 'sg-backend',
  certificates: [{ arn: 'arn:cert-a', domains: ['a.example.com'], status: 'ISSUED' }],
};

/** An ALB Gateway ns/gw with HTTP :80, one route with `rules` path prefixes, each to its own Service. */
export function albStack(opts: { paths?: string[]; scheme?: 'internal' | 'internet-facing'; tags?: Record<string, string>; settings?: ClusterSettings; name?: string } = {}): Stack {
  const gw = gateway('ns', opts.name ?? 'gw', [httpListener(80)]);
  const paths = opts.paths ?? ['/a', '/b'];
  const route = httpRoute('r', ['a.example.com'], paths.map((p) => ({ matches: [{ path: { type: 'PathPrefix', value: p } }] })));
  const backends = paths.map((_, i) => [svcBackend(service(`svc${i}`, 'ns', 80, 8080, 30080 + i))]);
  const lbc = { ...(opts.scheme ? { scheme: opts.scheme } : {}), ...(opts.tags ? { tags: opts.tags } : {}) };
  const built = buildStack(resolution(gw, { 80: [attached(route, backends)] }, { lbc }), { facts, settings: opts.settings ?? settings });
  if (!built.stack) throw new Error(`fixture stack failed: ${built.diagnostics.map((d) => d.message).join('; ')}`);
  return built.stack;
}

const PLANNED = new Set<string>(TYPE_ORDER);

const STATUS: Record<string, StatusField> = {
  'AWS::EC2::SecurityGroup': 'groupID',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'loadBalancerARN',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'targetGroupARN',
  'AWS::ElasticLoadBalancingV2::Listener': 'listenerARN',
};

/** What observe/ would read after LBC (or gwlb) applied `stack`: every resource, ARNs resolved, full tags. */
export function applied(stack: Stack, s: ClusterSettings = settings): ObservedStack {
  const arn = (type: string, id: string) => (type === 'AWS::EC2::SecurityGroup' ? `sg-${id}` : `arn:${type.split('::')[2]}/${id}`);
  const lookup = (ref: string) => {
    const p = parseRef(ref);
    return p ? arn(p.type, p.id) : undefined;
  };
  const resources: ObservedResource[] = [];
  const ctx = { cluster: s.clusterName, tagPrefix: stack.extras.tagPrefix, stackId: stack.id, listenerRulesTagging: true };
  for (const r of stack.resources) {
    const field = STATUS[r.type];
    const base = { id: r.id, arn: r.type === 'AWS::WAFv2::WebACLAssociation' || r.type === 'AWS::Shield::Protection' ? arn('AWS::ElasticLoadBalancingV2::LoadBalancer', 'LoadBalancer') : arn(r.type, r.id), tags: desiredTags(r, ctx) ?? {}, status: field ? { [field]: arn(r.type, r.id) } : {} };
    if (PLANNED.has(r.type) && 'spec' in r) resources.push({ ...base, type: r.type, spec: resolveRefs(r.spec, lookup) } as ObservedResource);
  }
  return { id: stack.id, tagPrefix: stack.extras.tagPrefix, resources };
}

export function observedOfStacks(...stacks: ObservedStack[]): ObservedState {
  return { stacks, foreign: [] };
}

export function plan(desired: Stack[], observed: ObservedState, extra: Partial<PlanInput> = {}): Plan {
  return buildPlan({ desired, observed, settings, mode: 'live', prune: false, inputGateways: desired.map((d) => d.id), errored: false, ...extra });
}

/** `address → actions` for compact assertions. */
export function actionsOf(p: Plan): Record<string, string> {
  return Object.fromEntries(p.resource_changes.map((rc) => [rc.address + (rc.deposed ? ' (deposed)' : ''), rc.change.actions.join(',')]));
}

/** Replace an observed resource (by type and id). */
export function mapObserved(o: ObservedStack, type: string, id: string, f: (r: ObservedResource) => ObservedResource): ObservedStack {
  return { ...o, resources: o.resources.map((r) => (r.type === type && r.id === id ? f(r) : r)) };
}
