/**
 * Moving rules between priorities without collisions, as LBC's rule synthesizer does
 * (listener_rule_synthesizer.go): one SetRulePriorities call per listener that gives every
 * content-matched rule its new priority and pushes the rules about to be deleted down to 50000,
 * 49999, … so their slots are free for the creates that follow. Only made when needed.
 */
import { SetRulePrioritiesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import type { ResourceChange } from '../plan/types.js';
import { actionKind } from '../plan/types.js';
import type { StackContext } from './context.js';

const priorityOf = (v: unknown) => (v !== null && typeof v === 'object' ? Number((v as Record<string, unknown>)['priority']) : NaN);

/** Rule changes of one stack → SetRulePriorities calls, one per listener that needs one. */
export async function settleRulePriorities(conn: AwsConnection, ctx: StackContext, changes: readonly ResourceChange[]): Promise<void> {
  const rules = changes.filter((c) => c.type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
  const byListener = new Map<string, { moves: Map<string, number>; doomed: string[]; wanted: Set<number>; held: Map<number, string> }>();
  const entry = (listener: string) => {
    let e = byListener.get(listener);
    if (!e) byListener.set(listener, (e = { moves: new Map(), doomed: [], wanted: new Set(), held: new Map() }));
    return e;
  };
  for (const rc of rules) {
    const kind = actionKind(rc.change.actions);
    const o = rc.arn ? ctx.observedByArn.get(rc.arn) : undefined;
    const listener = o?.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' ? String(o.spec.listenerARN) : undefined;
    if (kind === 'delete' && o && listener) {
      entry(listener).doomed.push(o.arn);
      entry(listener).held.set(priorityOf(rc.change.before), o.arn);
    } else if ((kind === 'update' || kind === 'no-op') && o && listener) {
      const from = priorityOf(rc.change.before);
      const to = priorityOf(rc.change.after);
      if (from !== to) entry(listener).moves.set(o.arn, to);
      entry(listener).wanted.add(to);
    } else if (kind === 'create') {
      const d = ctx.desiredOf(rc);
      if (d.type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
      const l = ctx.refs.get(String((d.spec.listenerARN as { $ref?: string }).$ref ?? '')) ?? (typeof d.spec.listenerARN === 'string' ? d.spec.listenerARN : undefined);
      if (l) entry(l).wanted.add(d.spec.priority);
    }
  }
  for (const e of byListener.values()) {
    const blocking = [...e.held].some(([p]) => e.wanted.has(p));
    if (e.moves.size === 0 && !blocking) continue;
    const priorities = [...e.moves].map(([RuleArn, Priority]) => ({ RuleArn, Priority }));
    e.doomed.forEach((RuleArn, i) => priorities.push({ RuleArn, Priority: 50000 - i }));
    await conn.elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: priorities }));
  }
}
