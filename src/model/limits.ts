/**
 * Pre-flight limits: what AWS (or LBC) would reject at deploy time, reported before any write
 * (lbc-l7-routes-status.md §4.9; ELBv2 quotas). LBC itself only enforces weight ≤ 999.
 */
import type { BuildContext, At } from './context.js';
import { CODES } from './context.js';
import type { Action, RuleCondition, StackResource } from './stack.js';
import { desiredTagCount } from './tags.js';

export const LIMITS = {
  rulesPerLoadBalancer: 100,
  conditionValuesPerRule: 5,
  targetGroupsPerForward: 5,
  maxWeight: 999,
  nameLength: 32,
  certificatesPerListener: 25,
  tagsPerResource: 50,
} as const;

export function conditionValueCount(c: RuleCondition): number {
  switch (c.field) {
    case 'host-header':
      return (c.hostHeaderConfig.values?.length ?? 0) + (c.hostHeaderConfig.regexValues?.length ?? 0);
    case 'path-pattern':
      return (c.pathPatternConfig.values?.length ?? 0) + (c.pathPatternConfig.regexValues?.length ?? 0);
    case 'http-header':
      return (c.httpHeaderConfig.values?.length ?? 0) + (c.httpHeaderConfig.regexValues?.length ?? 0);
    case 'http-request-method':
      return c.httpRequestMethodConfig.values.length;
    case 'query-string':
      return c.queryStringConfig.values.length;
    case 'source-ip':
      return c.sourceIPConfig.values.length;
  }
}

function forwards(actions: readonly Action[] | undefined): Extract<Action, { type: 'forward' }>[] {
  return (actions ?? []).filter((a): a is Extract<Action, { type: 'forward' }> => a.type === 'forward');
}

export function checkLimits(ctx: BuildContext): void {
  const gwAt: At = { object: ctx.gw.gateway, path: [] };
  const ruleAt = (id: string): At => {
    const o = ctx.ruleOrigins.get(id);
    return o ? { object: o.route, path: ['spec', 'rules', o.ruleIndex] } : gwAt;
  };
  const rules = ctx.resources.filter((r) => r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
  if (rules.length > LIMITS.rulesPerLoadBalancer) {
    ctx.error(CODES.limitRulesPerLoadBalancer, `${rules.length} listener rules exceed the ALB limit of ${LIMITS.rulesPerLoadBalancer} rules per load balancer`, gwAt);
  }
  for (const r of ctx.resources) check(ctx, r, r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' ? ruleAt(r.id) : gwAt);
}

function check(ctx: BuildContext, r: StackResource, at: At): void {
  const where = `${r.type} ${r.id}`;
  switch (r.type) {
    case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
      const n = r.spec.conditions.reduce((s, c) => s + conditionValueCount(c), 0);
      if (n > LIMITS.conditionValuesPerRule) ctx.error(CODES.limitConditionValues, `${where}: ${n} condition values exceed the limit of ${LIMITS.conditionValuesPerRule} per rule`, at);
      checkForwards(ctx, where, r.spec.actions, at);
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      checkForwards(ctx, where, r.spec.defaultActions, at);
      const certs = r.spec.certificates?.length ?? 0;
      if (certs > LIMITS.certificatesPerListener) ctx.error(CODES.limitCertificates, `${where}: ${certs} certificates exceed the limit of ${LIMITS.certificatesPerListener} per listener`, at);
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      // A name still unknown (it hashes a nodePort the API server assigns) is a generated one: short.
      if (typeof r.spec.name === 'string' && r.spec.name.length > LIMITS.nameLength) ctx.error(CODES.limitNameLength, `${where}: name "${r.spec.name}" is longer than ${LIMITS.nameLength} characters`, at);
      break;
    default:
      break;
  }
  const count = desiredTagCount(r, { cluster: ctx.settings.clusterName, tagPrefix: ctx.tagPrefix, stackId: ctx.stackId, listenerRulesTagging: ctx.settings.featureGates.ListenerRulesTagging });
  if (count > LIMITS.tagsPerResource) ctx.error(CODES.limitTags, `${where}: ${count} tags exceed the limit of ${LIMITS.tagsPerResource} per resource`, at);
}

function checkForwards(ctx: BuildContext, where: string, actions: readonly Action[] | undefined, at: At): void {
  for (const f of forwards(actions)) {
    const tgs = f.forwardConfig.targetGroups;
    if (tgs.length > LIMITS.targetGroupsPerForward) ctx.error(CODES.limitTargetGroupsPerAction, `${where}: ${tgs.length} target groups exceed the limit of ${LIMITS.targetGroupsPerForward} per forward action`, at);
    for (const t of tgs) {
      if (t.weight !== undefined && t.weight > LIMITS.maxWeight) ctx.error(CODES.limitWeight, `${where}: Weight [${t.weight}] must be less than or equal to ${LIMITS.maxWeight}`, at);
    }
  }
}
