/**
 * observe: the owned LBC stacks in the account → ObservedState (plan/observed.ts), with the
 * fewest calls the APIs allow (lbc-model-deploy.md §10.2, §10.9):
 *   DescribeLoadBalancers + DescribeTargetGroups  ⌈n/400⌉ pages each (shared with discovery)
 *   DescribeTags                                   ⌈(LBs+TGs in VPC)/20⌉, then ⌈(listeners+rules)/20⌉
 *   DescribeSecurityGroups                         1 page for the VPC (shared with discovery)
 *   per owned LB:        DescribeListeners (+ attributes only where the model sets some)
 *   per owned listener:  DescribeRules (ALB), DescribeListenerCertificates (HTTPS/TLS)
 *   per owned TG:        attributes / DescribeTargetHealth only where the model needs them
 *   per owned ALB of a planned stack: its WAFv2 web ACL and Shield protection (addons.ts)
 * Ownership is LBC's tag test (aws/ownership.ts); listeners and rules are owned through their LB.
 *
 * Narrowed (`--gateway NS/NAME`, or `destroy --gateway`): the per-stack reads (listeners, rules,
 * certificates, attributes, target health, listener/rule tags) are made for the named stacks
 * only. The account-wide reads stay, because the checks that keep a narrowed plan safe need them:
 * the LB/TG listings and their tags are how a stack's resources are found at all (a stack's LB
 * may carry any name; only its `<prefix>/stack` tag says whose it is — LBC lists and tags the same
 * way, tagging_manager.go), the look-alike check needs every name in the region, and the backend
 * SG's users — and every node rule source's (rule-users.ts: a rule a foreign LB may need is never
 * revoked) — are counted over every LB in the VPC. Stacks outside the scope are left out of the
 * observed state, so a narrowed plan cannot see — and so never deletes — anything outside it.
 */
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import { DescribeListenersCommand, type Listener, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mapLimit, READ_CONCURRENCY } from '../aws/inventory.js';
import { isBackendSecurityGroup, stackOf, taggedInventory, type StackKey } from '../aws/ownership.js';
import { ec2Tags, type AwsSession } from '../aws/session.js';
import type { Stack } from '../model/stack.js';
import type { ForeignResource, ObservedBackendSecurityGroup, ObservedResource, ObservedState, ObservedStack } from '../plan/observed.js';
import { observeAddons } from './addons.js';
import { observeNodeNetwork } from './enis.js';
import { hintsFrom, NO_HINTS, stackKey, type ObserveHints } from './hints.js';
import { listenerAttributes, listenerCertificates, lbAttributes, lbCapacity, rulesOf, targetsOf, tgAttributes } from './reads.js';
import { listenerSpec, loadBalancerSpec, securityGroupSpec, targetGroupSpec } from './specs.js';
import { ruleSpec } from './rules.js';

export { hintsFrom } from './hints.js';

const SECURE = new Set(['HTTPS', 'TLS']);

interface Bucket {
  readonly key: StackKey;
  readonly resources: ObservedResource[];
}

function resourceId(tags: Readonly<Record<string, string>>, key: StackKey, fallback: string): string {
  // An owned resource without its resource tag makes the plan abort the stack (plan/ownership.ts);
  // the stand-in id only keeps it apart from the stack's other resources.
  return tags[`${key.tagPrefix}/resource`] ?? `(no resource tag) ${fallback}`;
}

/** The stack ids (Gateway `ns/name`) a narrowed observe reads; undefined reads every owned stack. */
export type ObserveScope = ReadonlySet<string> | undefined;

export async function observeState(session: AwsSession, desired: readonly Stack[] = [], scope?: ObserveScope): Promise<ObservedState> {
  const inScope = (key: StackKey) => scope === undefined || scope.has(key.stackId);
  const planned = scope ? desired.filter((s) => scope.has(s.id)) : desired;
  const hints: ObserveHints = hintsFrom(planned);
  const [inventory, groups] = await Promise.all([taggedInventory(session), session.securityGroups()]);
  const buckets = new Map<string, Bucket>();
  const bucket = (key: StackKey) => {
    const k = stackKey(key.tagPrefix, key.stackId);
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = { key, resources: [] }));
    return b;
  };
  const hintOf = (key: StackKey) => hints.stacks.get(stackKey(key.tagPrefix, key.stackId)) ?? NO_HINTS;
  const client = session.conn.elbv2;

  const ownedSgs: { g: SecurityGroup; key: StackKey; tags: Record<string, string> }[] = [];
  for (const g of groups) {
    const tags = ec2Tags(g.Tags);
    const key = stackOf(tags, session.cluster);
    if (key && inScope(key)) ownedSgs.push({ g, key, tags });
  }
  for (const { g, key, tags } of ownedSgs) {
    bucket(key).resources.push({ type: 'AWS::EC2::SecurityGroup', id: resourceId(tags, key, g.GroupName ?? ''), arn: g.GroupId ?? '', tags, status: { groupID: g.GroupId ?? '' }, spec: securityGroupSpec(g) });
  }

  const ownedTgs = inventory.targetGroups.filter((t) => t.stack && inScope(t.stack));
  await mapLimit(ownedTgs, READ_CONCURRENCY, async (t) => {
    const key = t.stack!;
    const id = resourceId(t.tags, key, t.item.TargetGroupName ?? '');
    const h = hintOf(key);
    const [attrs, targets] = await Promise.all([h.tgAttributes.has(id) ? tgAttributes(client, t.arn) : undefined, h.managedTargets.has(id) ? targetsOf(client, t.arn) : undefined]);
    bucket(key).resources.push({
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      id,
      arn: t.arn,
      tags: t.tags,
      status: { targetGroupARN: t.arn },
      spec: targetGroupSpec(t.item, attrs),
      ...(targets ? { targets } : {}),
    });
  });

  const ownedLbs = inventory.loadBalancers.filter((l) => l.stack && inScope(l.stack));
  const listeners: { l: Listener; key: StackKey; lbType: string }[] = [];
  await mapLimit(ownedLbs, READ_CONCURRENCY, async (lb) => {
    const key = lb.stack!;
    const h = hintOf(key);
    const [attrs, capacity, ls] = await Promise.all([
      h.lbAttributes ? lbAttributes(client, lb.arn) : undefined,
      h.lbCapacity ? lbCapacity(client, lb.arn) : undefined,
      listenersOf(session, lb.arn),
    ]);
    bucket(key).resources.push({
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      id: resourceId(lb.tags, key, lb.item.LoadBalancerName ?? ''),
      arn: lb.arn,
      tags: lb.tags,
      status: { loadBalancerARN: lb.arn, dnsName: lb.item.DNSName ?? '' },
      spec: loadBalancerSpec(lb.item, attrs, capacity),
    });
    for (const l of ls) listeners.push({ l, key, lbType: lb.item.Type ?? 'application' });
  });

  const details = await mapLimit(listeners, READ_CONCURRENCY, async ({ l, key, lbType }) => {
    const arn = l.ListenerArn ?? '';
    const [certs, attrs, rules] = await Promise.all([
      SECURE.has(l.Protocol ?? '') ? listenerCertificates(client, arn) : undefined,
      hintOf(key).listenerAttributes.has(l.Port ?? 0) ? listenerAttributes(client, arn) : undefined,
      lbType === 'application' ? rulesOf(client, arn) : [],
    ]);
    return { l, key, arn, certs, attrs, rules };
  });
  const tags = await session.elbv2Inventory.tagsOf(details.flatMap((d) => [d.arn, ...d.rules.map((r) => r.RuleArn ?? '')]));
  for (const d of details) {
    const b = bucket(d.key);
    b.resources.push({ type: 'AWS::ElasticLoadBalancingV2::Listener', id: String(d.l.Port ?? 0), arn: d.arn, tags: tags.get(d.arn) ?? {}, status: { listenerARN: d.arn }, spec: listenerSpec(d.l, d.certs, d.attrs) });
    for (const r of d.rules) {
      const spec = ruleSpec(r, d.arn);
      b.resources.push({ type: 'AWS::ElasticLoadBalancingV2::ListenerRule', id: `${d.l.Port ?? 0}:${spec.priority}`, arn: r.RuleArn ?? '', tags: tags.get(r.RuleArn ?? '') ?? {}, status: {}, spec });
    }
  }

  const addonLbs = ownedLbs
    .filter((lb) => lb.item.Type === 'application' && hints.stacks.has(stackKey(lb.stack!.tagPrefix, lb.stack!.stackId)))
    .map((lb) => ({ arn: lb.arn, id: resourceId(lb.tags, lb.stack!, lb.item.LoadBalancerName ?? ''), key: lb.stack! }));
  const protectionDesired = planned.some((s) => s.resources.some((r) => r.type === 'AWS::Shield::Protection' && r.spec.enabled));
  const addons = await observeAddons(session.conn, addonLbs, protectionDesired);
  for (const a of addons.resources) bucket(a.key).resources.push(a.resource);

  const stacks: ObservedStack[] = [...buckets.values()]
    .map((b) => ({ id: b.key.stackId, tagPrefix: b.key.tagPrefix, resources: sortResources(b.resources) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.tagPrefix < b.tagPrefix ? -1 : 1));
  const backend = backendSecurityGroup(session.cluster, groups, inventory.loadBalancers.map((l) => l.item));
  // Target ENIs and node SGs for the node/pod rules (enis.ts): reads only when targets are known.
  const nodeNetwork = await observeNodeNetwork(session, scope ? desired.filter((s) => scope.has(s.id)) : desired, groups, inventory.loadBalancers.map((l) => l.item));
  return {
    stacks,
    foreign: await foreignResources(session, hints, inventory, groups),
    ...(backend ? { backendSecurityGroup: backend } : {}),
    nodeNetwork,
    ...(addons.shieldSubscribed !== undefined ? { shieldSubscribed: addons.shieldSubscribed } : {}),
  };
}

/**
 * The shared backend SG, found as LBC finds it (tags, never the name; first match wins), with
 * what still uses it: load balancers that attach it and security groups whose rules name it.
 */
function backendSecurityGroup(cluster: string, groups: readonly SecurityGroup[], lbs: readonly LoadBalancer[]): ObservedBackendSecurityGroup | undefined {
  const g = groups.find((x) => isBackendSecurityGroup(ec2Tags(x.Tags), cluster));
  if (!g?.GroupId) return undefined;
  const id = g.GroupId;
  const names = (perms: SecurityGroup['IpPermissions']) => (perms ?? []).some((p) => (p.UserIdGroupPairs ?? []).some((u) => u.GroupId === id));
  return {
    groupID: id,
    groupName: g.GroupName ?? '',
    tags: ec2Tags(g.Tags),
    usedBy: lbs.filter((l) => (l.SecurityGroups ?? []).includes(id)).map((l) => l.LoadBalancerArn ?? '').sort(),
    referencedBy: groups.filter((x) => x.GroupId !== id && (names(x.IpPermissions) || names(x.IpPermissionsEgress))).map((x) => x.GroupId ?? '').sort(),
  };
}

async function listenersOf(session: AwsSession, lbArn: string): Promise<Listener[]> {
  const out: Listener[] = [];
  let marker: string | undefined;
  do {
    const page = await session.conn.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn, PageSize: 400, ...(marker ? { Marker: marker } : {}) }));
    out.push(...(page.Listeners ?? []));
    marker = page.NextMarker || undefined;
  } while (marker);
  return out;
}

/** Deterministic order, so the observed state (and the plan fingerprint over it) is stable. */
function sortResources(rs: ObservedResource[]): ObservedResource[] {
  const order = ['AWS::EC2::SecurityGroup', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::WAFv2::WebACLAssociation', 'AWS::Shield::Protection'];
  return [...rs].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.arn < b.arn ? -1 : 1));
}

/** Resources without our tracking tags that hold a name the plan wants: never touched, reported. */
async function foreignResources(session: AwsSession, hints: ObserveHints, inventory: Awaited<ReturnType<typeof taggedInventory>>, groups: readonly SecurityGroup[]): Promise<ForeignResource[]> {
  const out: ForeignResource[] = [];
  for (const l of inventory.loadBalancers) {
    if (!l.stack && hints.lbNames.has(l.item.LoadBalancerName ?? '')) out.push({ type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', name: l.item.LoadBalancerName ?? '', arn: l.arn, tags: l.tags });
  }
  // TG names are unique per region, so a look-alike in another VPC collides too.
  const ours = new Set(inventory.targetGroups.filter((t) => t.stack).map((t) => t.arn));
  const lookalikes = (await session.elbv2Inventory.targetGroups()).filter((t) => t.TargetGroupArn && !ours.has(t.TargetGroupArn) && hints.tgNames.has(t.TargetGroupName ?? ''));
  const tgTags = await session.elbv2Inventory.tagsOf(lookalikes.map((t) => t.TargetGroupArn!));
  for (const t of lookalikes) out.push({ type: 'AWS::ElasticLoadBalancingV2::TargetGroup', name: t.TargetGroupName ?? '', arn: t.TargetGroupArn!, tags: tgTags.get(t.TargetGroupArn!) ?? {} });
  for (const g of groups) {
    const tags = ec2Tags(g.Tags);
    if (!stackOf(tags, session.cluster) && hints.sgNames.has(g.GroupName ?? '')) out.push({ type: 'AWS::EC2::SecurityGroup', name: g.GroupName ?? '', arn: g.GroupId ?? '', tags });
  }
  return out.sort((a, b) => (a.arn < b.arn ? -1 : 1));
}
