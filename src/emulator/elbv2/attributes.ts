/**
 * Describe/Modify attributes for load balancers, target groups and listeners. Modify returns the
 * full resulting list; keys that do not apply to the resource fail with
 * InvalidConfigurationRequest and bad values with ValidationError (aws-api-facts.md §2.3, §3.7).
 * A modify call is all-or-nothing: everything is checked before anything changes.
 */
import { ALB_CROSS_ZONE_MESSAGE, APP_COOKIE_NAME_MESSAGE, attributeValueError, slowStartError, stickinessTypeError } from '../../aws-rules/attributes.js';
import { AwsError, constraintError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireListener, requireLoadBalancer, requireTargetGroup } from './arns.js';
import type { HandlerContext } from './context.js';
import { attributesShape } from './serialize.js';

function readAttributes(input: QueryInput): [string, string][] {
  const members = input.members('Attributes');
  if (members === undefined) throw constraintError(null, 'attributes', 'Member must not be null');
  if (members.length > 20) throw constraintError(`${members.length} attributes`, 'attributes', 'Member must have length less than or equal to 20');
  return members.map((m) => {
    const key = m.requiredStr('Key');
    if (!/^[a-zA-Z0-9._]+$/.test(key) || key.length > 256) throw constraintError(key, m.pathOf('Key'), 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9._]+$');
    return [key, m.str('Value') ?? ''];
  });
}

function checkValue(key: string, value: string, current: Record<string, string>, kind: string): void {
  if (!(key in current)) throw new AwsError('InvalidConfigurationRequest', `Attribute key '${key}' is not valid for this ${kind}; describe its attributes to see the supported keys`);
  const message = attributeValueError(key, value);
  if (message) throw validationError(message);
}

function applyAttributes(current: Record<string, string>, changes: [string, string][], kind: string): Record<string, string> {
  const next = { ...current };
  for (const [key, value] of changes) {
    checkValue(key, value, current, kind);
    next[key] = value;
  }
  return next;
}

export function describeLoadBalancerAttributes(input: QueryInput, ctx: HandlerContext) {
  const lb = requireLoadBalancer(ctx.store.state, input.requiredStr('LoadBalancerArn'));
  return { Attributes: attributesShape(lb.attributes) };
}

export function modifyLoadBalancerAttributes(input: QueryInput, ctx: HandlerContext) {
  const lb = requireLoadBalancer(ctx.store.state, input.requiredStr('LoadBalancerArn'));
  const next = applyAttributes(lb.attributes, readAttributes(input), `${lb.type} load balancer`);
  if (lb.type === 'application' && next['load_balancing.cross_zone.enabled'] !== 'true') {
    throw new AwsError('InvalidConfigurationRequest', ALB_CROSS_ZONE_MESSAGE);
  }
  lb.attributes = next;
  ctx.store.changed();
  return { Attributes: attributesShape(lb.attributes) };
}

export function describeTargetGroupAttributes(input: QueryInput, ctx: HandlerContext) {
  const tg = requireTargetGroup(ctx.store.state, input.requiredStr('TargetGroupArn'));
  return { Attributes: attributesShape(tg.attributes) };
}

export function modifyTargetGroupAttributes(input: QueryInput, ctx: HandlerContext) {
  const tg = requireTargetGroup(ctx.store.state, input.requiredStr('TargetGroupArn'));
  const next = applyAttributes(tg.attributes, readAttributes(input), 'target group');
  const stickinessType = next['stickiness.type'];
  if (stickinessType !== undefined) {
    const message = stickinessTypeError(stickinessType, tg.protocol, tg.protocol ?? tg.targetType);
    if (message) throw new AwsError('InvalidConfigurationRequest', message);
    if (next['stickiness.enabled'] === 'true' && stickinessType === 'app_cookie' && !next['stickiness.app_cookie.cookie_name']) {
      throw new AwsError('InvalidConfigurationRequest', APP_COOKIE_NAME_MESSAGE);
    }
  }
  const slowStart = slowStartError(Number(next['slow_start.duration_seconds'] ?? '0'));
  if (slowStart) throw validationError(slowStart);
  tg.attributes = next;
  ctx.store.changed();
  return { Attributes: attributesShape(tg.attributes) };
}

export function describeListenerAttributes(input: QueryInput, ctx: HandlerContext) {
  const listener = requireListener(ctx.store.state, input.requiredStr('ListenerArn'));
  return { Attributes: attributesShape(listener.attributes) };
}

export function modifyListenerAttributes(input: QueryInput, ctx: HandlerContext) {
  const listener = requireListener(ctx.store.state, input.requiredStr('ListenerArn'));
  listener.attributes = applyAttributes(listener.attributes, readAttributes(input), `${listener.protocol ?? ''} listener`);
  ctx.store.changed();
  return { Attributes: attributesShape(listener.attributes) };
}
