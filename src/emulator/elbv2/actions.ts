/**
 * Listener and rule actions (aws-api-facts.md §2.3 "Actions", §3.4): reading them from the
 * request into their output shape and checking what AWS checks — one terminal action and it
 * last, authentication only on HTTPS, target groups that exist, fit the listener's protocol
 * and belong to no other load balancer, at most 5 target groups per action.
 */
import { DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE, HTTPS_TO_HTTP_REDIRECT_MESSAGE, MAX_FIXED_RESPONSE_BODY, REDIRECT_LOOP_MESSAGE, REDIRECT_STATUS_CODES, redirectPathError } from '../../aws-rules/actions.js';
import { AwsError, constraintError, enumError, validationError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireTargetGroup } from './arns.js';
import type { ActionRecord, LoadBalancerRecord, TargetGroupRecord, TargetGroupTuple } from './records.js';
import { targetGroupLoadBalancers } from './references.js';

const ACTION_TYPES = ['forward', 'authenticate-oidc', 'authenticate-cognito', 'redirect', 'fixed-response', 'jwt-validation'] as const;
const TERMINAL = new Set(['forward', 'redirect', 'fixed-response']);
const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];
const TARGET_GROUPS_PER_ACTION: Record<LoadBalancerRecord['type'], number> = { application: 5, network: 1, gateway: 1 };

/** Which target-group protocols a listener protocol may forward to (§3.4). */
const COMPATIBLE: Record<string, readonly string[]> = {
  HTTP: ['HTTP', 'HTTPS'],
  HTTPS: ['HTTP', 'HTTPS'],
  TCP: ['TCP', 'TCP_UDP'],
  TLS: ['TCP', 'TLS'],
  UDP: ['UDP', 'TCP_UDP'],
  TCP_UDP: ['TCP_UDP'],
  QUIC: ['QUIC'],
  TCP_QUIC: ['TCP_QUIC'],
  GENEVE: ['GENEVE'],
};

export interface ActionContext {
  readonly state: EmulatorState;
  readonly lb: LoadBalancerRecord;
  /** The listener protocol; undefined for GWLB listeners, which forward GENEVE. */
  readonly protocol: string | undefined;
}

export function readActions(input: QueryInput, key: string, ctx: ActionContext): ActionRecord[] {
  const members = input.members(key);
  if (members === undefined) throw constraintError(null, input.pathOf(key), 'Member must not be null');
  if (members.length === 0) throw validationError('At least one action must be specified');
  const actions = members.map((m) => readAction(m, ctx, members.length));
  actions.sort((a, b) => a.Order - b.Order);
  const orders = new Set(actions.map((a) => a.Order));
  if (orders.size !== actions.length) throw validationError('The action orders must be unique');
  const terminal = actions.filter((a) => TERMINAL.has(a.Type));
  if (terminal.length !== 1) throw new AwsError('InvalidLoadBalancerAction', 'A rule must have exactly one forward, redirect or fixed-response action');
  if (!TERMINAL.has(actions[actions.length - 1]!.Type)) throw new AwsError('InvalidLoadBalancerAction', 'The forward, redirect or fixed-response action must be the last action');
  if (actions.filter((a) => a.Type.startsWith('authenticate-')).length > 1) throw new AwsError('TooManyActions', 'A rule can have at most one authenticate action');
  if (actions.filter((a) => a.Type === 'jwt-validation').length > 1) throw new AwsError('TooManyActions', 'A rule can have at most one jwt-validation action');
  return actions;
}

function readAction(m: QueryInput, ctx: ActionContext, count: number): ActionRecord {
  const type = m.str('Type');
  if (type === undefined) throw constraintError(null, m.pathOf('Type'), 'Member must not be null');
  if (!(ACTION_TYPES as readonly string[]).includes(type)) throw enumError(type, m.pathOf('Type'), ACTION_TYPES);
  const order = m.int('Order', { min: 1, max: 50000 });
  if (order === undefined && count > 1) throw validationError('An action order must be specified for each action when there is more than one action');
  if (ctx.lb.type !== 'application' && type !== 'forward') {
    throw new AwsError('InvalidLoadBalancerAction', `Action type '${type}' is only supported by Application Load Balancers`);
  }
  const action: ActionRecord = { Type: type, Order: order ?? 1 };
  switch (type) {
    case 'forward':
      return { ...action, ...readForward(m, ctx) };
    case 'redirect':
      return { ...action, RedirectConfig: readRedirect(m, ctx) };
    case 'fixed-response':
      return { ...action, FixedResponseConfig: readFixedResponse(m) };
    case 'authenticate-oidc':
    case 'authenticate-cognito': {
      if (ctx.protocol !== 'HTTPS') throw new AwsError('InvalidLoadBalancerAction', `Action type '${type}' is only supported on HTTPS listeners`);
      return type === 'authenticate-oidc' ? { ...action, AuthenticateOidcConfig: readAuth(m, 'AuthenticateOidcConfig', OIDC_REQUIRED) } : { ...action, AuthenticateCognitoConfig: readAuth(m, 'AuthenticateCognitoConfig', COGNITO_REQUIRED) };
    }
    default: {
      const config = m.plain('JwtValidationConfig');
      if (config === undefined) throw validationError("A 'jwt-validation' action needs a JwtValidationConfig");
      return { ...action, JwtValidationConfig: config as Record<string, unknown> };
    }
  }
}

function readForward(m: QueryInput, ctx: ActionContext): Pick<ActionRecord, 'TargetGroupArn' | 'ForwardConfig'> {
  const single = m.str('TargetGroupArn');
  const forward = m.child('ForwardConfig');
  const tuples: TargetGroupTuple[] = (forward?.members('TargetGroups') ?? []).map((t) => ({
    TargetGroupArn: t.requiredStr('TargetGroupArn'),
    Weight: t.int('Weight', { min: 0, max: 999 }) ?? 1,
  }));
  if (single === undefined && tuples.length === 0) throw validationError("A 'forward' action needs a target group ARN or a forward configuration with target groups");
  if (single !== undefined && tuples.length > 0 && (tuples.length !== 1 || tuples[0]!.TargetGroupArn !== single)) {
    throw validationError('TargetGroupArn and ForwardConfig must name the same single target group when both are given');
  }
  const all = tuples.length > 0 ? tuples : [{ TargetGroupArn: single!, Weight: 1 }];
  const limit = TARGET_GROUPS_PER_ACTION[ctx.lb.type];
  if (all.length > limit) throw new AwsError('TooManyTargetGroups', `A forward action can have at most ${limit} target groups; ${all.length} were given`);
  if (new Set(all.map((t) => t.TargetGroupArn)).size !== all.length) throw validationError(DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE);
  for (const t of all) checkTargetGroup(requireTargetGroup(ctx.state, t.TargetGroupArn), ctx);
  const stickiness = forward?.child('TargetGroupStickinessConfig');
  const enabled = stickiness?.bool('Enabled') ?? false;
  const duration = stickiness?.int('DurationSeconds', { min: 1, max: 604800 });
  if (enabled && duration === undefined) throw validationError('A stickiness duration must be specified when target group stickiness is enabled');
  // AWS answers with both forms; TargetGroupArn only when there is exactly one target group.
  return {
    ...(all.length === 1 ? { TargetGroupArn: all[0]!.TargetGroupArn } : {}),
    ForwardConfig: { TargetGroups: all, TargetGroupStickinessConfig: { Enabled: enabled, ...(duration !== undefined ? { DurationSeconds: duration } : {}) } },
  };
}

function checkTargetGroup(tg: TargetGroupRecord, ctx: ActionContext): void {
  if (tg.vpcId !== undefined && tg.vpcId !== ctx.lb.vpcId) {
    throw validationError(`Target group '${tg.arn}' is in VPC '${tg.vpcId}', not in the load balancer's VPC '${ctx.lb.vpcId}'`);
  }
  if (tg.targetType !== 'lambda') {
    const allowed = COMPATIBLE[ctx.protocol ?? 'GENEVE'] ?? [];
    if (!allowed.includes(tg.protocol ?? '')) {
      throw new AwsError('IncompatibleProtocols', `The protocol of target group '${tg.arn}' (${tg.protocol}) is not compatible with the ${ctx.protocol ?? 'GENEVE'} listener; use one of [${allowed.join(', ')}]`);
    }
  } else if (ctx.lb.type !== 'application') {
    throw new AwsError('IncompatibleProtocols', `Lambda target group '${tg.arn}' can only be used by an Application Load Balancer`);
  }
  const others = targetGroupLoadBalancers(ctx.state, tg.arn).filter((arn) => arn !== ctx.lb.arn);
  if (others.length > 0) {
    throw new AwsError('TargetGroupAssociationLimit', `The following target groups cannot be associated with more than one load balancer: ${tg.arn}`);
  }
}

function readRedirect(m: QueryInput, ctx: ActionContext): NonNullable<ActionRecord['RedirectConfig']> {
  const c = m.child('RedirectConfig');
  if (!c) throw validationError("A 'redirect' action needs a RedirectConfig");
  const statusCode = c.enumValue('StatusCode', REDIRECT_STATUS_CODES);
  if (statusCode === undefined) throw constraintError(null, c.pathOf('StatusCode'), 'Member must not be null');
  const config = {
    Protocol: c.str('Protocol') ?? '#{protocol}',
    Port: c.str('Port') ?? '#{port}',
    Host: c.str('Host') ?? '#{host}',
    Path: c.str('Path') ?? '/#{path}',
    Query: c.str('Query') ?? '#{query}',
    StatusCode: statusCode,
  };
  if (!/^(HTTPS?|#\{protocol\})$/i.test(config.Protocol)) throw new AwsError('InvalidLoadBalancerAction', `Redirect protocol '${config.Protocol}' must be HTTP, HTTPS or #{protocol}`);
  config.Protocol = config.Protocol.startsWith('#') ? config.Protocol : config.Protocol.toUpperCase();
  if (ctx.protocol === 'HTTPS' && config.Protocol === 'HTTP') throw new AwsError('InvalidLoadBalancerAction', HTTPS_TO_HTTP_REDIRECT_MESSAGE);
  const pathProblem = redirectPathError(config.Path);
  if (pathProblem) throw new AwsError('InvalidLoadBalancerAction', pathProblem);
  if (config.Port !== '#{port}' && !(/^\d+$/.test(config.Port) && Number(config.Port) >= 1 && Number(config.Port) <= 65535)) {
    throw new AwsError('InvalidLoadBalancerAction', `Redirect port '${config.Port}' must be a number between 1 and 65535 or #{port}`);
  }
  const loops = config.Protocol === '#{protocol}' && config.Port === '#{port}' && config.Host === '#{host}' && config.Path === '/#{path}' && config.Query === '#{query}';
  if (loops) throw new AwsError('InvalidLoadBalancerAction', REDIRECT_LOOP_MESSAGE);
  return config;
}

function readFixedResponse(m: QueryInput): NonNullable<ActionRecord['FixedResponseConfig']> {
  const c = m.child('FixedResponseConfig');
  if (!c) throw validationError("A 'fixed-response' action needs a FixedResponseConfig");
  const statusCode = c.requiredStr('StatusCode');
  if (!/^(2|4|5)\d\d$/.test(statusCode)) throw constraintError(statusCode, c.pathOf('StatusCode'), 'Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$');
  const contentType = c.str('ContentType');
  if (contentType !== undefined && !CONTENT_TYPES.includes(contentType)) {
    throw new AwsError('InvalidLoadBalancerAction', `Content type '${contentType}' is not supported; use one of [${CONTENT_TYPES.join(', ')}]`);
  }
  const body = c.str('MessageBody');
  if (body !== undefined && body.length > MAX_FIXED_RESPONSE_BODY) {
    throw constraintError(`${body.slice(0, 16)}…`, c.pathOf('MessageBody'), `Member must have length less than or equal to ${MAX_FIXED_RESPONSE_BODY}`);
  }
  return { StatusCode: statusCode, ...(contentType !== undefined ? { ContentType: contentType } : {}), ...(body !== undefined ? { MessageBody: body } : {}) };
}

const OIDC_REQUIRED = ['Issuer', 'AuthorizationEndpoint', 'TokenEndpoint', 'UserInfoEndpoint', 'ClientId'];
const COGNITO_REQUIRED = ['UserPoolArn', 'UserPoolClientId', 'UserPoolDomain'];

/** Authenticate configs are stored as given (scalars and string maps); only required members are checked. */
function readAuth(m: QueryInput, key: string, required: readonly string[]): Record<string, string | Record<string, string>> {
  const c = m.child(key);
  if (!c) throw validationError(`An authenticate action needs an ${key}`);
  for (const r of required) c.requiredStr(r);
  const out: Record<string, string | Record<string, string>> = {};
  for (const k of c.keys()) {
    const map = k === 'AuthenticationRequestExtraParams' ? c.map(k) : undefined;
    out[k] = map ?? c.str(k) ?? '';
  }
  if (key === 'AuthenticateOidcConfig' && out['ClientSecret'] === undefined && out['UseExistingClientSecret'] !== 'true') {
    throw validationError('A client secret must be specified for an authenticate-oidc action');
  }
  return out;
}
