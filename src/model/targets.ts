/**
 * Target registrations, as LBC's TargetGroupBinding controller computes them
 * (pkg/targetgroupbinding/resource_manager.go, pkg/backend/endpoint_resolver.go,
 * pkg/backend/endpoint_utils.go), when the input holds the Service's EndpointSlices (ip) or Nodes
 * (instance). Without them the TG's targets are unmanaged: gwlb leaves what it finds, and the plan
 * says so once per target group.
 *
 * gwlb reads no Pods, so for an endpoint that is not ready it cannot see whether the pod's
 * containers are ready (LBC registers such an endpoint when they are and its node is Ready, and
 * fails open to those on Unknown nodes): gwlb registers ready endpoints only.
 */
import type { Node, Service, ServicePort } from '../source/core-kinds.js';
import type { LabelSelector } from '../source/kube.js';
import type { BuildContext } from './context.js';
import { parseIpAddress, parseIpPrefix, prefixContains } from './ip-address.js';
import type { Target, TargetRegistration } from './stack.js';

/** endpoint_utils.go `defaultTrafficProxyNodeLabelSelector`. */
const DEFAULT_NODE_SELECTOR: LabelSelector = {
  matchExpressions: [
    { key: 'node-role.kubernetes.io/master', operator: 'DoesNotExist' },
    { key: 'node.kubernetes.io/exclude-from-external-load-balancers', operator: 'DoesNotExist' },
    { key: 'alpha.service-controller.kubernetes.io/exclude-balancer', operator: 'DoesNotExist' },
    { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
  ],
};

export function matchesSelector(labels: Readonly<Record<string, string>>, sel: LabelSelector | undefined): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels;
    const val = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(val!)) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(val!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** endpoint_utils.go `IsNodeSuitableAsTrafficProxy`: nodes being removed carry no traffic. */
export function suitableAsTrafficProxy(node: Node): boolean {
  return !(node.spec.taints ?? []).some((t) => t.key === 'ToBeDeletedByClusterAutoscaler' || (t.key === 'karpenter.sh/disrupted' && t.effect === 'NoSchedule'));
}

/** node_utils.go `ExtractNodeInstanceID`, with LBC's error text. */
export function nodeInstanceId(node: Node): { id: string } | { error: string } {
  const providerID = node.spec.providerID ?? '';
  const name = node.metadata.name;
  if (providerID === '') return { error: `providerID is not specified for node: ${name}` };
  const last = providerID.split('/').pop() ?? '';
  if (providerID.startsWith('eks-hybrid://')) {
    return /^mi-[^/]*$/.test(last) ? { id: `hybrid-${last}` } : { error: `providerID ${providerID} is invalid for EKS hybrid instances, node: ${name}` };
  }
  return /^i-[^/]*$/.test(last) ? { id: last } : { error: `providerID ${providerID} is invalid for EC2 instances, node: ${name}` };
}

const readyStatus = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;

function ipTargets(ctx: BuildContext, tgId: string, svc: Service, sp: ServicePort, ipv6: boolean): TargetRegistration {
  const svcName = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const slices = (ctx.input.endpointSlices ?? []).filter((s) => s.metadata.namespace === svc.metadata.namespace && s.metadata.labels['kubernetes.io/service-name'] === svc.metadata.name);
  if (slices.length === 0) {
    return { kind: 'unmanaged', targetGroupId: tgId, reason: `the input holds no EndpointSlices of Service ${svcName}, which gwlb registers ip targets from (add them to the input, or read the cluster with --from-cluster)` };
  }
  // resource_manager.go `endpointSliceAddressType`: the TG's IP family.
  const family = ipv6 ? 'IPv6' : 'IPv4';
  const outside = outsideVpc(ctx);
  const targets: Target[] = [];
  for (const s of slices.filter((x) => x.spec.addressType === family)) {
    for (const port of s.spec.ports) {
      // endpoint_resolver.go `resolvePodEndpointsWithEndpointsData`: an unnamed Service port takes every port.
      if ((sp.name ?? '') !== '' && sp.name !== port.name) continue;
      if (port.port === undefined) continue;
      for (const e of s.spec.endpoints) {
        // Only pod-backed endpoints, and only their first address.
        if (e.targetRef?.kind !== 'Pod' || e.addresses.length === 0) continue;
        const ready = e.conditions?.ready;
        if (ready !== undefined && !ready) continue;
        const ip = e.addresses[0]!;
        // resource_manager.go `prepareRegistrationCall`: an IP outside the VPC's CIDRs is registered in AZ `all`.
        targets.push({ id: ip, port: port.port, ...(outside(ip) ? { availabilityZone: 'all' } : {}) });
      }
    }
  }
  return { kind: 'managed', targetGroupId: tgId, targets: dedupe(targets) };
}

/** `generateOverrideAzFn`: whether an IP lies outside every VPC CIDR (unknown VPC: never). */
function outsideVpc(ctx: BuildContext): (ip: string) => boolean {
  if (ctx.input.facts.kind !== 'known') return () => false;
  const vpc = ctx.input.facts.vpc;
  const prefixes = [...vpc.ipv4Cidrs, ...vpc.ipv6Cidrs].flatMap((c) => parseIpPrefix(c) ?? []);
  return (ip) => {
    const a = parseIpAddress(ip);
    return a !== undefined && !prefixes.some((p) => prefixContains(p, a));
  };
}

function instanceTargets(ctx: BuildContext, tgId: string, svc: Service, sp: ServicePort, nodeSelector: LabelSelector | undefined): TargetRegistration {
  const svcName = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const nodes = ctx.input.nodes ?? [];
  if (nodes.length === 0) return { kind: 'unmanaged', targetGroupId: tgId, reason: 'the input holds no Nodes, which gwlb registers instance targets from (add them to the input, or read the cluster with --from-cluster)' };
  if (svc.spec.type !== 'NodePort' && svc.spec.type !== 'LoadBalancer') {
    return { kind: 'unmanaged', targetGroupId: tgId, reason: `LBC fails with "service type must be either 'NodePort' or 'LoadBalancer': ${svcName}"` };
  }
  if (sp.nodePort === undefined) return { kind: 'unmanaged', targetGroupId: tgId, reason: `Service ${svcName} port ${sp.port} has no nodePort in the input yet` };
  // endpoint_utils.go `GetTrafficProxyNodeSelector`: the default selector ANDed with the TGB's.
  const candidates = nodes.filter((n) => matchesSelector(n.metadata.labels, DEFAULT_NODE_SELECTOR) && matchesSelector(n.metadata.labels, nodeSelector) && suitableAsTrafficProxy(n));
  let chosen = candidates.filter((n) => readyStatus(n) === 'True');
  // endpoint_resolver.go `ResolveNodePortEndpoints`: fail open to Unknown nodes when none is Ready.
  if (chosen.length === 0 && ctx.settings.featureGates.EndpointsFailOpen) chosen = candidates.filter((n) => readyStatus(n) === 'Unknown');
  const targets: Target[] = [];
  for (const n of chosen) {
    const id = nodeInstanceId(n);
    if ('error' in id) return { kind: 'unmanaged', targetGroupId: tgId, reason: `LBC fails with "${id.error}"` };
    targets.push({ id: id.id, port: sp.nodePort });
  }
  return { kind: 'managed', targetGroupId: tgId, targets: dedupe(targets) };
}

export function computeTargets(ctx: BuildContext, tgId: string, svc: Service, sp: ServicePort, targetType: 'ip' | 'instance', nodeSelector: LabelSelector | undefined, ipv6 = false): TargetRegistration {
  return targetType === 'ip' ? ipTargets(ctx, tgId, svc, sp, ipv6) : instanceTargets(ctx, tgId, svc, sp, nodeSelector);
}

/** One target per `id:port` (LBC's identifier), sorted. */
function dedupe(ts: Target[]): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const t of ts) {
    const k = `${String(t.id)}:${t.port}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out.sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : a.port - b.port));
}
