/**
 * The one table of fields whose change cannot be made in place, and how LBC replaces the resource
 * (lbc-model-deploy.md §10.5):
 * - LB `type` or `scheme`: delete the old LB first, then create (load_balancer_synthesizer.go
 *   Synthesize deletes unmatched LBs before creating; the new LB gets a new name, since the scheme
 *   is hashed into it). Its listeners and rules go with it.
 * - TG `targetType`, `protocol`, `protocolVersion` (only when desired sets one), `targetControlPort`
 *   (set, unset or changed): create the new TG, repoint listeners/rules, delete the old one in
 *   PostSynthesize (target_group_synthesizer.go isSDKTargetGroupRequiresReplacement). All are
 *   inputs of the TG name hash, so the new TG has a new name. With the NLBHealthCheckAdvancedConfig
 *   gate off, an L4 TG's health-check protocol, matcher, interval and timeout also force it.
 * - Listeners, rules, SGs: never (a listener's port/protocol change is a ModifyListener).
 */
import type { FeatureGates } from '../model/settings.js';
import type { Path, PlanResourceType } from './types.js';
import type { View } from './views.js';
import { diffValues, startsWith } from './diff.js';

export type ReplaceOrder = 'delete-create' | 'create-delete';

interface ReplaceRule {
  readonly order: ReplaceOrder;
  /** The paths that force replacement for this desired view. */
  readonly paths: (desired: View, gates: Pick<FeatureGates, 'NLBHealthCheckAdvancedConfig'>) => readonly Path[];
}

const L4_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'QUIC', 'TCP_QUIC', 'TCP_UDP']);

export const REPLACEMENT: Readonly<Partial<Record<PlanResourceType, ReplaceRule>>> = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    order: 'delete-create',
    paths: () => [['type'], ['scheme']],
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    order: 'create-delete',
    paths: (desired, gates) => {
      const paths: Path[] = [['targetType'], ['protocol'], ['targetControlPort']];
      if (desired['protocolVersion'] !== undefined) paths.push(['protocolVersion']);
      const hc = desired['healthCheckConfig'] as View | undefined;
      if (!gates.NLBHealthCheckAdvancedConfig && hc && L4_PROTOCOLS.has(String(desired['protocol']))) {
        for (const k of ['protocol', 'matcher', 'intervalSeconds', 'timeoutSeconds']) if (hc[k] !== undefined) paths.push(['healthCheckConfig', k]);
      }
      return paths;
    },
  },
};

/** The replace paths that differ between the observed and desired views (empty: in place). */
export function replacePaths(type: PlanResourceType, before: View, desired: View, gates: Pick<FeatureGates, 'NLBHealthCheckAdvancedConfig'>): { order: ReplaceOrder; paths: Path[] } | undefined {
  const rule = REPLACEMENT[type];
  if (!rule) return undefined;
  const forcing = rule.paths(desired, gates);
  const changed = diffValues(before, desired).map((d) => d.path);
  const paths = forcing.filter((p) => changed.some((c) => startsWith(c, p)));
  return paths.length > 0 ? { order: rule.order, paths } : undefined;
}
