/**
 * Target registrations, as LBC's TargetGroupBinding controller computes them
 * (pkg/targetgroupbinding/resource_manager.go, pkg/backend/endpoint_resolver.go), when the input
 * holds EndpointSlices (ip) or Nodes (instance). Without them the TG's targets are unmanaged: gwlb
 * never deregisters what it finds.
 */
import type { Service, ServicePort } from '../source/core-kinds.js';
import type { LabelSelector } from '../source/kube.js';
import type { BuildContext } from './context.js';
import type { Target, TargetRegistration } from './stack.js';

const EXCLUDE_LABELS = ['node-role.kubernetes.io/master', 'node.kubernetes.io/exclude-from-external-load-balancers', 'alpha.service-controller.kubernetes.io/exclude-balancer'];

function matchesSelector(labels: Readonly<Record<string, string>>, sel: LabelSelector | undefined): boolean {
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

/** `i-…` from a providerID like `aws:///us-east-1a/i-0123`. */
function instanceId(providerID: string | undefined): string | undefined {
  const m = providerID?.match(/\/(i-[0-9a-f]+)$/);
  return m?.[1];
}

export function computeTargets(ctx: BuildContext, tgId: string, svc: Service, sp: ServicePort, targetType: 'ip' | 'instance', nodeSelector: LabelSelector | undefined): TargetRegistration {
  if (targetType === 'ip') {
    const slices = (ctx.input.endpointSlices ?? []).filter(
      (s) => s.metadata.namespace === svc.metadata.namespace && s.metadata.labels['kubernetes.io/service-name'] === svc.metadata.name,
    );
    if (slices.length === 0) return { kind: 'unmanaged', targetGroupId: tgId, reason: 'no EndpointSlices for the Service in the input' };
    const targets: Target[] = [];
    for (const s of slices) {
      const port = s.spec.ports.find((p) => (p.name ?? '') === (sp.name ?? ''))?.port;
      if (port === undefined) continue;
      for (const e of s.spec.endpoints) {
        if (e.targetRef?.kind !== undefined && e.targetRef.kind !== 'Pod') continue;
        const ready = e.conditions?.ready ?? true;
        if (!ready) continue;
        for (const a of e.addresses) targets.push({ id: a, port, ...(e.zone ? { availabilityZone: e.zone } : {}) });
      }
    }
    return { kind: 'managed', targetGroupId: tgId, targets: dedupe(targets) };
  }
  const nodes = ctx.input.nodes ?? [];
  if (nodes.length === 0) return { kind: 'unmanaged', targetGroupId: tgId, reason: 'no Nodes in the input' };
  if (!sp.nodePort) return { kind: 'unmanaged', targetGroupId: tgId, reason: 'Service port has no nodePort' };
  const eligible = nodes.filter((n) => {
    const l = n.metadata.labels;
    if (EXCLUDE_LABELS.some((k) => k in l)) return false;
    if (l['eks.amazonaws.com/compute-type'] === 'fargate') return false;
    if (!matchesSelector(l, nodeSelector)) return false;
    if ((n.spec.taints ?? []).some((t) => t.key === 'ToBeDeletedByClusterAutoscaler' || (t.key === 'karpenter.sh/disrupted' && t.effect === 'NoSchedule'))) return false;
    return instanceId(n.spec.providerID) !== undefined;
  });
  const ready = eligible.filter((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True');
  // EndpointsFailOpen: with no Ready node, nodes in Unknown readiness are used.
  const chosen = ready.length > 0 ? ready : eligible.filter((n) => (n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown') === 'Unknown');
  const targets = chosen.map((n) => ({ id: instanceId(n.spec.providerID)!, port: sp.nodePort! }));
  return { kind: 'managed', targetGroupId: tgId, targets: dedupe(targets) };
}

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
