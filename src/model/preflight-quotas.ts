/**
 * Pre-flight for per-load-balancer quotas and NLB listener actions, by the quotas in
 * src/aws-rules/quotas.ts that the emulator (src/emulator/elbv2/listeners.ts, rules.ts,
 * actions.ts, src/emulator/ec2/permissions.ts) enforces. The rules-per-load-balancer and
 * per-action limits are in limits.ts.
 */
import { DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE } from '../aws-rules/actions.js';
import { QUOTAS, SECURITY_GROUP_RULES_MESSAGE, TOO_MANY_LISTENERS_MESSAGE, TOO_MANY_UNIQUE_TARGET_GROUPS_MESSAGE } from '../aws-rules/quotas.js';
import type { At, BuildContext } from './context.js';
import { lbcFieldAt } from './preflight-attributes.js';
import { duplicateTargetGroup } from './preflight-rules.js';
import { PREFLIGHT_CODES as C, type Finding } from './preflight.js';
import type { ListenerSpec } from './stack.js';
import { RT, tokenKey } from './stack.js';

/** The L4 route LBC uses on this NLB port (its backendRefs make the listener's default action). */
function l4RouteAt(ctx: BuildContext, port: number): At {
  const a = ctx.gw.ports.find((p) => p.port === port)?.l4Route;
  const rule = a?.rules.find((r) => r.backends.length > 1) ?? a?.rules[0];
  return a && rule ? { object: a.route, path: ['spec', 'rules', rule.index, 'backendRefs'] } : { object: ctx.gw.gateway, path: ['spec', 'listeners'] };
}

export function checkListenerActions(ctx: BuildContext, spec: ListenerSpec, push: (f: Finding) => void): void {
  for (const a of spec.defaultActions ?? []) {
    if (a.type !== 'forward') continue;
    const fix = duplicateTargetGroup(a);
    if (fix) push({ code: C.forward, call: 'CreateListener', awsCode: 'ValidationError', awsMessage: DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE, fix, at: l4RouteAt(ctx, spec.port) });
  }
}

export function checkQuotas(ctx: BuildContext, push: (f: Finding) => void): void {
  const gwAt: At = { object: ctx.gw.gateway, path: ['spec', 'listeners'] };
  let listeners = 0;
  const unique = new Set<string>();
  for (const r of ctx.resources) {
    if (r.type === RT.listener) listeners++;
    const actions = r.type === RT.listenerRule ? r.spec.actions : r.type === RT.listener ? r.spec.defaultActions : undefined;
    for (const a of actions ?? []) {
      if (a.type === 'forward') for (const t of a.forwardConfig.targetGroups) unique.add(tokenKey(t.targetGroupARN));
    }
  }
  if (listeners > QUOTAS.listenersPerLoadBalancer) {
    push({
      code: C.quota,
      call: 'CreateListener',
      awsCode: 'TooManyListeners',
      awsMessage: TOO_MANY_LISTENERS_MESSAGE,
      fix: `This Gateway and its ListenerSets use ${listeners} ports; use at most ${QUOTAS.listenersPerLoadBalancer}, or split them across Gateways.`,
      at: gwAt,
    });
  }
  if (unique.size > QUOTAS.uniqueTargetGroupsPerLoadBalancer) {
    push({
      code: C.quota,
      call: 'CreateRule',
      awsCode: 'TooManyUniqueTargetGroupsPerLoadBalancer',
      awsMessage: TOO_MANY_UNIQUE_TARGET_GROUPS_MESSAGE,
      fix: `The routes of this Gateway forward to ${unique.size} target groups; split the routes across Gateways.`,
      at: gwAt,
    });
  }
  for (const r of ctx.resources) {
    if (r.type !== RT.securityGroup) continue;
    const rules = (r.spec.ingress ?? []).reduce(
      (n, p) => n + (p.ipRanges?.length ?? 0) + (p.ipv6Ranges?.length ?? 0) + (p.userIDGroupPairs?.length ?? 0) + (p.prefixLists?.length ?? 0),
      0,
    );
    if (rules > QUOTAS.securityGroupRules) {
      push({
        code: C.quota,
        call: 'AuthorizeSecurityGroupIngress',
        awsCode: 'RulesPerSecurityGroupLimitExceeded',
        awsMessage: SECURITY_GROUP_RULES_MESSAGE,
        fix: `The managed security group needs ${rules} inbound rules (source ranges × listener ports); use fewer sourceRanges or ports in the LoadBalancerConfiguration, or prefix lists.`,
        at: lbcFieldAt(ctx, (s) => (s.sourceRanges ? ['sourceRanges'] : undefined)),
      });
    }
  }
}
