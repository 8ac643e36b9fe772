/**
 * Derived relations between ELBv2 resources. They are computed from listeners and rules rather
 * than stored, so they can never drift: a target group's LoadBalancerArns, whether it is in use,
 * and which load balancers use an ACM certificate (ACM's InUseBy, aws-api-facts.md §4.2).
 */
import type { EmulatorState } from '../state.js';
import type { ActionRecord, ListenerRecord, RuleRecord } from './records.js';

export function actionTargetGroups(actions: readonly ActionRecord[]): string[] {
  const out = new Set<string>();
  for (const a of actions) {
    if (a.TargetGroupArn) out.add(a.TargetGroupArn);
    for (const t of a.ForwardConfig?.TargetGroups ?? []) out.add(t.TargetGroupArn);
  }
  return [...out];
}

export function listenersOf(state: EmulatorState, lbArn: string): ListenerRecord[] {
  return Object.values(state.elbv2.listeners).filter((l) => l.loadBalancerArn === lbArn);
}

export function rulesOf(state: EmulatorState, listenerArn: string): RuleRecord[] {
  return Object.values(state.elbv2.rules).filter((r) => r.listenerArn === listenerArn);
}

/** Load balancers whose listeners or rules forward to the target group. */
export function targetGroupLoadBalancers(state: EmulatorState, tgArn: string): string[] {
  const out = new Set<string>();
  for (const rule of Object.values(state.elbv2.rules)) {
    if (!actionTargetGroups(rule.actions).includes(tgArn)) continue;
    const listener = state.elbv2.listeners[rule.listenerArn];
    if (listener) out.add(listener.loadBalancerArn);
  }
  return [...out];
}

/** Load balancers using a certificate as a default or listed certificate. */
export function certificateUsers(state: EmulatorState, certArn: string): string[] {
  const out = new Set<string>();
  for (const l of Object.values(state.elbv2.listeners)) {
    if (l.defaultCertificate === certArn || l.certificates.includes(certArn)) out.add(l.loadBalancerArn);
  }
  return [...out];
}

/** Rules of a load balancer, excluding default rules (the ALB rule quota counts these, §3.2). */
export function nonDefaultRuleCount(state: EmulatorState, lbArn: string): number {
  let n = 0;
  for (const l of listenersOf(state, lbArn)) for (const r of rulesOf(state, l.arn)) if (r.priority !== 'default') n += 1;
  return n;
}

/** Distinct target groups a load balancer forwards to, optionally counting extra ones. */
export function uniqueTargetGroups(state: EmulatorState, lbArn: string, extra: readonly string[] = [], excludingRule?: string): number {
  const out = new Set<string>(extra);
  for (const l of listenersOf(state, lbArn)) {
    for (const r of rulesOf(state, l.arn)) if (r.arn !== excludingRule) for (const tg of actionTargetGroups(r.actions)) out.add(tg);
  }
  return out.size;
}
