/**
 * Write-only values: OIDC client secrets. AWS never returns one (DescribeRules omits
 * ClientSecret), so the plan can neither compare nor show it (normalize.ts makes it the sensitive
 * marker). LBC cannot compare it either: its desired actions carry the secret and the described
 * ones do not, so `isSDKListenerRuleSettingsDrifted` (pkg/deploy/elbv2/listener_rule_manager.go,
 * with pkg/equality/elbv2/compare_option_for_actions.go, which does not ignore ClientSecret) is
 * true on every reconcile and LBC sends ModifyRule with the secret each time — which is how a
 * rotated Secret reaches AWS. gwlb keeps plans idempotent and instead lists here the rules whose
 * secret apply re-sends. Creates and replacements are left out: their create call carries it.
 * Listener default actions need no entry: LBC's Gateway model never puts an authenticate action
 * there (a fixed 404 on ALB listeners, model/listeners.ts).
 */
import { RT, type Stack } from '../model/stack.js';
import { actionKind, type ResourceChange } from './types.js';

const RESENT_KINDS = new Set(['no-op', 'update']);

/** Addresses of the planned rules, in plan order, that exist and authenticate with OIDC. */
export function writeOnlyResent(desired: readonly Stack[], changes: readonly ResourceChange[]): string[] {
  const kept = changes.filter((rc) => rc.type === RT.listenerRule && RESENT_KINDS.has(actionKind(rc.change.actions)));
  // No existing rule is planned (an offline plan, a first apply): nothing to look up.
  if (kept.length === 0) return [];
  const oidc = new Set<string>();
  for (const s of desired) {
    for (const r of s.resources) {
      if (r.type === RT.listenerRule && r.spec.actions.some((a) => a.type === 'authenticate-oidc')) oidc.add(`${s.id}\u0000${r.id}`);
    }
  }
  return kept.filter((rc) => oidc.has(`${rc.stack}\u0000${rc.id}`)).map((rc) => rc.address);
}
