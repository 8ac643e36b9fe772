/**
 * CreateRule, DescribeRules, ModifyRule, DeleteRule and SetRulePriorities (aws-api-facts.md §2.3
 * "Rules"). Priorities are integers on input and strings on output; the default rule is
 * `default`, listed last, and cannot be deleted, reprioritised or given conditions.
 */
import { QUOTAS, TOO_MANY_UNIQUE_TARGET_GROUPS_MESSAGE } from '../../aws-rules/quotas.js';
import { AwsError, constraintError, validationError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { newRuleArn, requireListener, requireLoadBalancer, requireRule } from './arns.js';
import { readActions, type ActionContext } from './actions.js';
import { readConditions, readTransforms } from './conditions.js';
import type { HandlerContext } from './context.js';
import { paginate } from './pagination.js';
import type { ListenerRecord, RuleRecord } from './records.js';
import { actionTargetGroups, nonDefaultRuleCount, rulesOf, uniqueTargetGroups } from './references.js';
import { ruleShape } from './serialize.js';
import { readTags } from './validation.js';

const MAX_RULES_PER_LB = 100;

function actionContext(state: EmulatorState, listener: ListenerRecord): ActionContext {
  return { state, lb: requireLoadBalancer(state, listener.loadBalancerArn), protocol: listener.protocol };
}

/** Rules sort by numeric priority with the default rule last, as DescribeRules lists them. */
function byPriority(a: RuleRecord, b: RuleRecord): number {
  const pa = a.priority === 'default' ? Infinity : a.priority;
  const pb = b.priority === 'default' ? Infinity : b.priority;
  return pa - pb;
}

function checkUniqueTargetGroups(state: EmulatorState, lbArn: string, rule: Pick<RuleRecord, 'actions'>, excluding?: string): void {
  if (uniqueTargetGroups(state, lbArn, actionTargetGroups(rule.actions), excluding) > QUOTAS.uniqueTargetGroupsPerLoadBalancer) {
    throw new AwsError('TooManyUniqueTargetGroupsPerLoadBalancer', TOO_MANY_UNIQUE_TARGET_GROUPS_MESSAGE);
  }
}

export function createRule(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const listener = requireListener(state, input.requiredStr('ListenerArn'));
  const actx = actionContext(state, listener);
  if (actx.lb.type !== 'application') throw validationError('Listener rules are only supported on Application Load Balancer listeners');
  const priority = input.int('Priority', { min: 1, max: 50000 });
  if (priority === undefined) throw constraintError(null, 'priority', 'Member must not be null');
  const conditions = readConditions(input, 'Conditions');
  if (conditions.length === 0) throw validationError('A rule must have at least one condition');
  const actions = readActions(input, 'Actions', actx);
  const transforms = readTransforms(input, 'Transforms') ?? [];
  const tags = readTags(input);
  if (rulesOf(state, listener.arn).some((r) => r.priority === priority)) throw new AwsError('PriorityInUse', `Priority '${priority}' is currently in use`);
  if (nonDefaultRuleCount(state, actx.lb.arn) >= MAX_RULES_PER_LB) {
    throw new AwsError('TooManyRules', `A load balancer can have at most ${MAX_RULES_PER_LB} rules, not counting default rules`);
  }
  checkUniqueTargetGroups(state, actx.lb.arn, { actions });
  const rule: RuleRecord = { arn: newRuleArn(listener.arn), listenerArn: listener.arn, priority, conditions, actions, transforms };
  state.elbv2.rules[rule.arn] = rule;
  state.elbv2.tags[rule.arn] = tags ?? [];
  ctx.store.changed();
  return { Rules: [ruleShape(rule)] };
}

export function describeRules(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const listenerArn = input.str('ListenerArn');
  const arns = input.memberStrings('RuleArns');
  const hasArns = arns !== undefined && arns.length > 0;
  if (listenerArn === undefined && !hasArns) throw validationError('You must specify either listener rule ARNs or a listener ARN');
  if (listenerArn !== undefined && hasArns) throw validationError('Listener rule ARNs and a listener ARN cannot be specified at the same time');
  let selected: RuleRecord[];
  if (listenerArn !== undefined) {
    selected = rulesOf(state, requireListener(state, listenerArn).arn).sort(byPriority);
  } else {
    const found = arns!.map((a) => {
      requireRule(state, a);
      return state.elbv2.rules[a]!;
    });
    selected = found;
  }
  const page = paginate(selected, input);
  return { Rules: page.items.map(ruleShape), NextMarker: page.nextMarker };
}

export function modifyRule(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const rule = requireRule(state, input.requiredStr('RuleArn'));
  const listener = requireListener(state, rule.listenerArn);
  const hasConditions = input.has('Conditions');
  const hasActions = input.has('Actions');
  const resetTransforms = input.bool('ResetTransforms') ?? false;
  if (!hasConditions && !hasActions && !input.has('Transforms') && !resetTransforms) throw validationError('Either conditions or actions must be specified');
  if (rule.priority === 'default' && (hasConditions || input.has('Transforms'))) {
    throw new AwsError('OperationNotPermitted', 'The conditions and transforms of a default rule cannot be changed');
  }
  const conditions = hasConditions ? readConditions(input, 'Conditions') : rule.conditions;
  if (rule.priority !== 'default' && conditions.length === 0) throw validationError('A rule must have at least one condition');
  const actions = hasActions ? readActions(input, 'Actions', actionContext(state, listener)) : rule.actions;
  const transforms = resetTransforms ? [] : (readTransforms(input, 'Transforms') ?? rule.transforms);
  checkUniqueTargetGroups(state, listener.loadBalancerArn, { actions }, rule.arn);
  rule.conditions = conditions;
  rule.actions = actions;
  rule.transforms = transforms;
  // The default rule's actions are the listener's default actions.
  if (rule.priority === 'default') listener.defaultActions = actions;
  ctx.store.changed();
  return { Rules: [ruleShape(rule)] };
}

export function deleteRule(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const rule = requireRule(state, input.requiredStr('RuleArn'));
  if (rule.priority === 'default') throw new AwsError('OperationNotPermitted', 'A default rule cannot be deleted; delete the listener instead');
  delete state.elbv2.rules[rule.arn];
  delete state.elbv2.tags[rule.arn];
  ctx.store.changed();
  return {};
}

/** Conflicts are judged on the final order, so swapping two priorities in one call is legal (§2.3). */
export function setRulePriorities(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const members = input.members('RulePriorities');
  if (members === undefined) throw constraintError(null, 'rulePriorities', 'Member must not be null');
  const changes = members.map((m) => {
    const priority = m.int('Priority', { min: 1, max: 50000 });
    if (priority === undefined) throw constraintError(null, m.pathOf('Priority'), 'Member must not be null');
    return { rule: requireRule(state, m.requiredStr('RuleArn')), priority };
  });
  const seen = new Set<string>();
  for (const { rule, priority } of changes) {
    if (rule.priority === 'default') throw new AwsError('OperationNotPermitted', `Rule '${rule.arn}' is a default rule; its priority cannot be changed`);
    const key = `${rule.listenerArn} ${priority}`;
    if (seen.has(key)) throw validationError(`Priority '${priority}' was provided multiple times`);
    seen.add(key);
  }
  const final = new Map<string, number | 'default'>();
  for (const r of Object.values(state.elbv2.rules)) final.set(r.arn, r.priority);
  for (const { rule, priority } of changes) final.set(rule.arn, priority);
  for (const { rule, priority } of changes) {
    const clash = rulesOf(state, rule.listenerArn).find((r) => r.arn !== rule.arn && final.get(r.arn) === priority);
    if (clash) throw new AwsError('PriorityInUse', `Priority '${priority}' is currently in use`);
  }
  for (const { rule, priority } of changes) rule.priority = priority;
  ctx.store.changed();
  return { Rules: changes.map(({ rule }) => ruleShape(rule)) };
}
