/**
 * The fewest AWS calls a no-change plan can make, per action, derived from what observe must
 * read (issue #5 §1) rather than from observe's code, so the bench can hold the two side by side:
 * - the listings cover the whole region/VPC (every page is needed to find the owned resources);
 * - LB/TG tags decide ownership, so they are read before listeners and rules can be owned, and
 *   listener/rule tags come in a second round of DescribeTags;
 * - per owned LB its listeners, per ALB listener its rules (+ the default rule), per HTTPS/TLS
 *   listener its certificate list — these have no batch form in the API;
 * - attributes and target health only where the desired stack sets them (unset keys cannot
 *   drift, lbc-model-deploy.md §10.4);
 * - each owned ALB's web ACL (one lookup per ALB, or, with more ALBs than web ACLs, the web ACLs'
 *   resource lists) and, with one, the Shield subscription and the ALB protections: the account
 *   is gwlb's record of which addon is active (plan/addons.ts).
 * Counts come from the emulator's state after the apply (the account) and the desired stacks.
 * With `scope` (`plan --gateway NS/NAME`) the per-stack reads count that stack's resources only
 * (the ones whose `<prefix>/stack` tag names it); the listings and the LB/TG tags stay region-
 * and VPC-wide, since ownership is only known from them.
 */
import type { RunningEmulator } from '../src/emulator/index.js';
import { resourcesOf, RT, type Stack } from '../src/model/stack.js';

export interface MinimumRow {
  readonly action: string;
  readonly minimum: number;
  readonly formula: string;
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

export function minimumPlanCalls(emu: RunningEmulator, vpcId: string, allDesired: readonly Stack[], scope?: string): MinimumRow[] {
  const { ec2, elbv2, acm } = emu.state;
  const allLbs = Object.values(elbv2.loadBalancers).filter((l) => l.vpcId === vpcId);
  const tgs = Object.values(elbv2.targetGroups).filter((t) => t.vpcId === vpcId);
  const stackOf = (arn: string) => (elbv2.tags[arn] ?? []).find((t) => t.Key?.endsWith('/stack'))?.Value;
  const lbs = scope === undefined ? allLbs : allLbs.filter((l) => stackOf(l.arn) === scope);
  const desired = scope === undefined ? allDesired : allDesired.filter((s) => s.id === scope);
  const lbArns = new Set(lbs.map((l) => l.arn));
  const listeners = Object.values(elbv2.listeners).filter((l) => lbArns.has(l.loadBalancerArn));
  const albArns = new Set(lbs.filter((l) => l.type === 'application').map((l) => l.arn));
  const albListeners = listeners.filter((l) => albArns.has(l.loadBalancerArn));
  const rulesPer = (listenerArn: string) => Object.values(elbv2.rules).filter((r) => r.listenerArn === listenerArn).length;
  const rules = albListeners.reduce((n, l) => n + rulesPer(l.arn) - 1, 0);
  const secure = listeners.filter((l) => l.protocol === 'HTTPS' || l.protocol === 'TLS');
  const issued = Object.values(acm.certificates).filter((c) => c.status === 'ISSUED');
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
  const desiredOf = <T extends Parameters<typeof resourcesOf>[1]>(type: T) => desired.flatMap((s) => resourcesOf(s, type));
  const lbAttrs = desiredOf(RT.loadBalancer).filter((l) => (l.spec.loadBalancerAttributes?.length ?? 0) > 0).length;
  const tgAttrs = desiredOf(RT.targetGroup).filter((t) => (t.spec.targetGroupAttributes?.length ?? 0) > 0).length;
  const listenerAttrs = desiredOf(RT.listener).filter((l) => (l.spec.listenerAttributes?.length ?? 0) > 0).length;
  const managedTargets = sum(desired, (s) => s.extras.targets.filter((t) => t.kind !== 'unmanaged').length);
  const subnets = Object.values(ec2.subnets).filter((s) => s.vpcId === vpcId).length;
  const groups = Object.values(ec2.securityGroups).filter((g) => g.vpcId === vpcId).length;
  const L = allLbs.length;
  const T = tgs.length;
  const of = scope === undefined ? '' : ` of ${scope}`;
  const N = listeners.length;
  const R = rules;
  const desiredIds = new Set(desired.map((d) => d.id));
  const A = lbs.filter((l) => l.type === 'application' && desiredIds.has(stackOf(l.arn) ?? '')).length;
  const K = Object.keys(emu.state.wafv2.webACLs).length;
  const listAcls = A > 2 && K < A;
  const shieldRead = A > 0 || desiredOf(RT.shieldProtection).some((p) => p.spec.enabled);
  const subscribed = emu.state.shield.subscription === 'ACTIVE';
  return [
    { action: 'ec2:DescribeVpcs', minimum: 1, formula: '1 (the VPC tagged for the cluster)' },
    { action: 'ec2:DescribeSubnets', minimum: pages(subnets, 1000), formula: `ceil(subnets/1000) = ceil(${subnets}/1000)` },
    { action: 'ec2:DescribeSecurityGroups', minimum: pages(groups, 1000), formula: `ceil(SGs in VPC/1000) = ceil(${groups}/1000)` },
    { action: 'acm:ListCertificates', minimum: pages(issued.length, 1000), formula: `ceil(issued certs/1000) = ceil(${issued.length}/1000)` },
    {
      action: 'acm:DescribeCertificate',
      minimum: issued.filter((c) => c.subjectAlternativeNames.length > 100).length,
      formula: 'certs whose ListCertificates SAN summary is truncated (>100 SANs)',
    },
    { action: 'elbv2:DescribeLoadBalancers', minimum: pages(L, 400), formula: `ceil(LBs/400) = ceil(${L}/400)` },
    { action: 'elbv2:DescribeTargetGroups', minimum: pages(T, 400), formula: `ceil(TGs/400) = ceil(${T}/400)` },
    {
      action: 'elbv2:DescribeTags',
      minimum: pages(L + T, 20) + (N + R > 0 ? Math.ceil((N + R) / 20) : 0),
      formula: `ceil((LBs+TGs)/20) + ceil((listeners+rules${of})/20) = ceil(${L + T}/20) + ceil(${N + R}/20)`,
    },
    { action: 'elbv2:DescribeListeners', minimum: sum(lbs, (lb) => pages(listeners.filter((l) => l.loadBalancerArn === lb.arn).length, 400)), formula: `Σ per LB${of} ceil(listeners/400) = ${lbs.length} LBs` },
    { action: 'elbv2:DescribeRules', minimum: sum(albListeners, (l) => pages(rulesPer(l.arn), 400)), formula: `Σ per ALB listener${of} ceil((rules+default)/400) = ${albListeners.length} listeners` },
    { action: 'elbv2:DescribeListenerCertificates', minimum: sum(secure, (l) => pages(l.certificates.length + 1, 400)), formula: `Σ per HTTPS/TLS listener${of} ceil(certs/400) = ${secure.length} listeners` },
    { action: 'elbv2:DescribeLoadBalancerAttributes', minimum: lbAttrs, formula: `LBs${of} whose model sets attributes` },
    { action: 'elbv2:DescribeTargetGroupAttributes', minimum: tgAttrs, formula: `TGs${of} whose model sets attributes` },
    { action: 'elbv2:DescribeListenerAttributes', minimum: listenerAttrs, formula: `listeners${of} whose model sets attributes` },
    { action: 'elbv2:DescribeTargetHealth', minimum: managedTargets, formula: `TGs${of} whose targets gwlb manages` },
    { action: 'wafv2:GetWebACLForResource', minimum: listAcls ? 0 : A, formula: `owned ALBs${of}, unless more than 2 and more than the web ACLs = ${A} (${K} web ACLs)` },
    { action: 'wafv2:ListWebACLs', minimum: listAcls ? pages(K, 100) : 0, formula: `ceil(web ACLs/100), when listed = ceil(${K}/100)` },
    { action: 'wafv2:ListResourcesForWebACL', minimum: listAcls ? K : 0, formula: `web ACLs, when listed = ${K}` },
    { action: 'shield:GetSubscriptionState', minimum: shieldRead ? 1 : 0, formula: '1 with an owned ALB or a desired protection' },
    { action: 'shield:ListProtections', minimum: shieldRead && subscribed && A > 0 ? 1 : 0, formula: 'ceil(ALB protections/10000), when subscribed' },
  ];
}
