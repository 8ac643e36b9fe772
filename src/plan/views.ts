/**
 * Resource views: the attributes a plan shows and compares, one shape per resource type, built
 * the same way from a desired spec and from an observed one. `overlay` predicts the state after
 * an in-place update: where LBC does not reconcile a field, AWS keeps the observed value
 * (lbc-model-deploy.md §4.8, §10.4):
 * - LB: name and customer-owned IPv4 pool are never changed; EIP/private IP of a kept subnet are
 *   not detected; attributes only for keys set in the desired spec (removed keys never reverted);
 *   the capacity reservation only when the model sets one (0 units = none, the reset).
 * - SG: name and description are never changed; rules compare one CIDR/prefix/group per permission,
 *   descriptions ignored (pkg/deploy/ec2/security_group_reconciler.go).
 * - TG: name, port and IP address type changes are not detected; health-check fields not set in
 *   the desired spec are not compared; attributes as for LBs (target_group_manager.go).
 * - Listener: SSL policy only when desired sets one; attributes as for LBs (listener_manager.go).
 * - Shield protection: its name is never changed (protection_synthesizer.go).
 */
import type { IPPermission, StackResource, Tags } from '../model/stack.js';
import {
  alignActions,
  attributeMap,
  normalizeActions,
  normalizeAlpn,
  normalizeCertificates,
  normalizeConditions,
  normalizeMtls,
  normalizeTransforms,
} from './normalize.js';
import { SHIELD_PROTECTION_NAME } from './addons.js';
import type { ObservedResource } from './observed.js';
import type { PlanResourceType } from './types.js';
import { canonical, clean, sortSet } from './values.js';

export type View = Record<string, unknown>;

type Spec<T extends PlanResourceType> = Extract<StackResource, { type: T }>['spec'];

/** One permission per source, without descriptions, as a sorted set. */
export function expandIngress(perms: readonly IPPermission[] | undefined): View[] {
  const out: View[] = [];
  for (const p of perms ?? []) {
    const base = { ipProtocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort };
    for (const r of p.ipRanges ?? []) out.push({ ...base, cidrIP: r.cidrIP });
    for (const r of p.ipv6Ranges ?? []) out.push({ ...base, cidrIPv6: r.cidrIPv6 });
    for (const r of p.prefixLists ?? []) out.push({ ...base, prefixListID: r.listID });
    for (const r of p.userIDGroupPairs ?? []) out.push({ ...base, groupID: r.groupID });
  }
  return sortSet(out.map((x) => clean(x) as View));
}

function healthCheckView(hc: Spec<'AWS::ElasticLoadBalancingV2::TargetGroup'>['healthCheckConfig']): View | undefined {
  // AWS reports the port as a string (`traffic-port` or `8080`).
  return hc ? { ...hc, ...(hc.port !== undefined ? { port: String(hc.port) } : {}) } : undefined;
}

type Source = Extract<StackResource, { type: PlanResourceType }> | ObservedResource;

/** The view of a spec (desired or observed), with full tags given separately. */
export function viewOf(r: Source, tags: Tags | undefined): View {
  let v: View;
  switch (r.type) {
    case 'AWS::EC2::SecurityGroup':
      v = { groupName: r.spec.groupName, description: r.spec.description, ingress: expandIngress(r.spec.ingress) };
      break;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const { tags: _t, subnetMapping, securityGroups, loadBalancerAttributes, ...rest } = r.spec;
      v = {
        ...rest,
        subnetMapping: subnetMapping ? [...subnetMapping].sort((a, b) => (canonical(a.subnetID) < canonical(b.subnetID) ? -1 : 1)) : undefined,
        securityGroups: securityGroups ? sortSet(securityGroups) : undefined,
        loadBalancerAttributes: attributeMap(loadBalancerAttributes),
      };
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
      const { tags: _t, healthCheckConfig, targetGroupAttributes, ...rest } = r.spec;
      v = { ...rest, healthCheckConfig: healthCheckView(healthCheckConfig), targetGroupAttributes: attributeMap(targetGroupAttributes) };
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      const s = r.spec;
      v = {
        loadBalancerARN: s.loadBalancerARN,
        port: s.port,
        protocol: s.protocol,
        defaultActions: normalizeActions(s.defaultActions),
        certificates: normalizeCertificates(s.certificates),
        sslPolicy: s.sslPolicy,
        alpnPolicy: normalizeAlpn(s.alpnPolicy),
        mutualAuthentication: normalizeMtls(s.mutualAuthentication),
        listenerAttributes: attributeMap(s.listenerAttributes?.map((a) => ({ key: a.Key, value: a.Value }))),
      };
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
      const s = r.spec;
      v = { listenerARN: s.listenerARN, priority: s.priority, actions: normalizeActions(s.actions), conditions: normalizeConditions(s.conditions) };
      // Set only when there are some: most rules have none, and then the view needs no cleaning copy below.
      if (s.transforms && s.transforms.length > 0) v['transforms'] = normalizeTransforms(s.transforms);
      break;
    }
    case 'AWS::WAFv2::WebACLAssociation':
      v = { webACLARN: r.spec.webACLARN, resourceARN: r.spec.resourceARN };
      break;
    case 'AWS::Shield::Protection':
      // LBC names the protections it creates (protection_synthesizer.go); the model does not.
      v = { enabled: r.spec.enabled, name: ('name' in r.spec ? r.spec.name : undefined) ?? SHIELD_PROTECTION_NAME, resourceARN: r.spec.resourceARN };
      break;
  }
  // Nested undefined members are harmless (diff, canonical and the plan JSON skip them); drop the top-level ones.
  let defined = true;
  for (const k in v) if (v[k] === undefined) defined = false;
  if (defined) {
    // `v` is this call's own object: the tags are added to it, not to a copy (a spread of views of
    // a dozen shapes takes V8's slow generic path, once per resource).
    if (tags) v['tags'] = tags;
    return v;
  }
  // A view built member by member is slower than a literal (one per resource): only when needed.
  const out: View = {};
  for (const k in v) if (v[k] !== undefined) out[k] = v[k];
  if (tags) out['tags'] = tags;
  return out;
}

function merge(after: unknown, before: unknown): View | undefined {
  if (after === undefined && before === undefined) return undefined;
  return { ...((before ?? {}) as View), ...((after ?? {}) as View) };
}

/** The state after an in-place update: `after` where LBC reconciles, `before` elsewhere. */
export function overlay(type: PlanResourceType, after: View, before: View): View {
  const keep = (...keys: string[]): View => Object.fromEntries(keys.filter((k) => before[k] !== undefined).map((k) => [k, before[k]]));
  const keepIfUnset = (...keys: string[]): View => Object.fromEntries(keys.filter((k) => after[k] === undefined && before[k] !== undefined).map((k) => [k, before[k]]));
  switch (type) {
    case 'AWS::EC2::SecurityGroup':
      return { ...after, ...keep('groupName', 'description') };
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const kept = new Map(((before['subnetMapping'] ?? []) as View[]).map((m) => [canonical(m['subnetID']), m]));
      const subnets = (after['subnetMapping'] as View[] | undefined)?.map((m) => {
        const b = kept.get(canonical(m['subnetID']));
        return b ? clean({ ...m, allocationID: b['allocationID'], privateIPv4Address: b['privateIPv4Address'], ipv6Address: b['ipv6Address'] }) : m;
      });
      return clean({
        ...after,
        ...keep('name', 'customerOwnedIPv4Pool'),
        ...keepIfUnset('securityGroupsInboundRulesOnPrivateLink', 'enablePrefixForIpv6SourceNat', 'minimumLoadBalancerCapacity'),
        subnetMapping: subnets,
        loadBalancerAttributes: merge(after['loadBalancerAttributes'], before['loadBalancerAttributes']),
      }) as View;
    }
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return clean({
        ...after,
        ...keep('name', 'port', 'ipAddressType'),
        ...keepIfUnset('protocolVersion'),
        healthCheckConfig: merge(after['healthCheckConfig'], before['healthCheckConfig']),
        targetGroupAttributes: merge(after['targetGroupAttributes'], before['targetGroupAttributes']),
      }) as View;
    case 'AWS::ElasticLoadBalancingV2::Listener':
      return clean({
        ...after,
        ...keepIfUnset('sslPolicy'),
        defaultActions: alignActions(after['defaultActions'] as View[], (before['defaultActions'] ?? []) as View[]),
        listenerAttributes: merge(after['listenerAttributes'], before['listenerAttributes']),
      }) as View;
    case 'AWS::ElasticLoadBalancingV2::ListenerRule':
      return { ...after, actions: alignActions(after['actions'] as View[], (before['actions'] ?? []) as View[]) };
    case 'AWS::EC2::SecurityGroupIngress':
    case 'AWS::ElasticLoadBalancingV2::Target':
    case 'AWS::WAFv2::WebACLAssociation':
      return after;
    case 'AWS::Shield::Protection':
      // An existing protection satisfies LBC whatever its name (it never renames one).
      return { ...after, ...keep('name') };
  }
}

/**
 * The state of a replacement after it is created: the desired view, plus the values AWS gives a
 * new resource for fields the spec leaves unset, where the observed resource shows that default —
 * so a replacement's diff lists only what truly changes. An NLB created with security groups
 * enforces their inbound rules on PrivateLink traffic (`on`) unless told otherwise.
 */
export function replacementView(type: PlanResourceType, after: View, before: View): View {
  if (type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return after;
  const groups = after['securityGroups'];
  const withGroups = Array.isArray(groups) && groups.length > 0;
  if (after['securityGroupsInboundRulesOnPrivateLink'] === undefined && before['securityGroupsInboundRulesOnPrivateLink'] === 'on' && withGroups) {
    return { ...after, securityGroupsInboundRulesOnPrivateLink: 'on' };
  }
  return after;
}
