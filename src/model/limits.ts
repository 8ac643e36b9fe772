/**
 * Pre-flight limits: what AWS (or LBC) would reject at deploy time, reported before any write
 * (lbc-l7-routes-status.md §4.9; ELBv2 quotas). LBC itself only enforces weight ≤ 999.
 */
import type { BuildContext, At } from './context.js';
import { CODES } from './context.js';
import type { Action, RuleCondition, StackResource } from './stack.js';
import { desiredTagCount, type TagContext } from './tags.js';

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

export function checkLimits(ctx: BuildContext): void {
  let rules = 0;
  for (const r of ctx.resources) if (r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule') rules++;
  if (rules > LIMITS.rulesPerLoadBalancer) {
    ctx.error(CODES.limitRulesPerLoadBalancer, `${rules} listener rules exceed the ALB limit of ${LIMITS.rulesPerLoadBalancer} rules per load balancer`, { object: ctx.gw.gateway, path: [] });
  }
  const tagCtx: TagContext = { cluster: ctx.settings.clusterName, tagPrefix: ctx.tagPrefix, stackId: ctx.stackId, listenerRulesTagging: ctx.settings.featureGates.ListenerRulesTagging };
  for (const r of ctx.resources) check(ctx, r, tagCtx);
}

/** Where a limit finding on `r` is reported: a rule's route rule, else the Gateway. Built only for a finding. */
function atOf(ctx: BuildContext, r: StackResource): At {
  const o = r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' ? ctx.ruleOrigins.get(r.id) : undefined;
  return o ? { object: o.route, path: ['spec', 'rules', o.ruleIndex] } : { object: ctx.gw.gateway, path: [] };
}

function whereOf(r: StackResource): string {
  return `${r.type} ${r.id}`;
}

function check(ctx: BuildContext, r: StackResource, tagCtx: TagContext): void {
  switch (r.type) {
    case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
      let n = 0;
      for (const c of r.spec.conditions) n += conditionValueCount(c);
      if (n > LIMITS.conditionValuesPerRule) ctx.error(CODES.limitConditionValues, `${whereOf(r)}: ${n} condition values exceed the limit of ${LIMITS.conditionValuesPerRule} per rule`, atOf(ctx, r));
      checkForwards(ctx, r, r.spec.actions);
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      checkForwards(ctx, r, r.spec.defaultActions);
      const certs = r.spec.certificates?.length ?? 0;
      if (certs > LIMITS.certificatesPerListener) ctx.error(CODES.limitCertificates, `${whereOf(r)}: ${certs} certificates exceed the limit of ${LIMITS.certificatesPerListener} per listener`, atOf(ctx, r));
      break;
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      // A name still unknown (it hashes a nodePort the API server assigns) is a generated one: short.
      if (typeof r.spec.name === 'string' && r.spec.name.length > LIMITS.nameLength) ctx.error(CODES.limitNameLength, `${whereOf(r)}: name "${r.spec.name}" is longer than ${LIMITS.nameLength} characters`, atOf(ctx, r));
      break;
    default:
      break;
  }
  const count = desiredTagCount(r, tagCtx);
  if (count > LIMITS.tagsPerResource) ctx.error(CODES.limitTags, `${whereOf(r)}: ${count} tags exceed the limit of ${LIMITS.tagsPerResource} per resource`, atOf(ctx, r));
}

function checkForwards(ctx: BuildContext, r: StackResource, actions: readonly Action[] | undefined): void {
  for (const f of actions ?? []) {
    if (f.type !== 'forward') continue;
    const tgs = f.forwardConfig.targetGroups;
    if (tgs.length > LIMITS.targetGroupsPerForward) ctx.error(CODES.limitTargetGroupsPerAction, `${whereOf(r)}: ${tgs.length} target groups exceed the limit of ${LIMITS.targetGroupsPerForward} per forward action`, atOf(ctx, r));
    for (const t of tgs) {
      if (t.weight !== undefined && t.weight > LIMITS.maxWeight) ctx.error(CODES.limitWeight, `${whereOf(r)}: Weight [${t.weight}] must be less than or equal to ${LIMITS.maxWeight}`, atOf(ctx, r));
    }
  }
}
