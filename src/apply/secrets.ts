/**
 * Re-sends OIDC client secrets (plan.write_only_resent, plan/write-only.ts). AWS never returns a
 * client secret, so nothing can tell whether the one in AWS is the Secret's current value. LBC
 * sends it on every reconcile: its rule manager finds every OIDC rule drifted (the desired
 * actions carry ClientSecret, the described ones cannot) and calls ModifyRule with the full
 * desired actions (pkg/deploy/elbv2/listener_rule_manager.go `updateSDKListenerRuleWithSettings`).
 * gwlb does the same write as its own step, after the rule's planned change, so a rotated Secret
 * reaches AWS while plans stay free of secrets and comparisons of them.
 */
import { ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import { RT } from '../model/stack.js';
import type { ResourceChange } from '../plan/types.js';
import type { StackContext } from './context.js';
import { actionsToSdk } from './sdk-shapes.js';

/**
 * One ModifyRule with the rule's desired actions, secrets included. Only the actions: the
 * conditions and transforms are what the planned change left, and need no second write.
 */
export async function resendClientSecret(conn: AwsConnection, ctx: StackContext, rc: ResourceChange): Promise<void> {
  const d = ctx.desiredOf(rc);
  if (d.type !== RT.listenerRule) throw new Error(`${rc.address}: gwlb re-sends client secrets only on listener rules`);
  const o = ctx.observedOf(rc);
  const actions = ctx.resolve(d.spec.actions, rc.address);
  await conn.elbv2.send(new ModifyRuleCommand({ RuleArn: o.arn, Actions: actionsToSdk(actions) }));
}
