/**
 * Pre-flight for listener rules (CreateRule): redirect, fixed-response and forward configs and
 * transforms, by the rules in src/aws-rules/ that the emulator (src/emulator/elbv2/actions.ts,
 * conditions.ts) enforces; conditions are in
 * preflight-conditions.ts.
 */
import {
  DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE,
  HTTPS_TO_HTTP_REDIRECT_MESSAGE,
  MAX_FIXED_RESPONSE_BODY as MAX_BODY_LENGTH,
  REDIRECT_LOOP_MESSAGE,
  REDIRECT_STATUS_CODES as REDIRECT_CODES,
  redirectPathError,
} from '../aws-rules/actions.js';
import { ONE_TRANSFORM_PER_TYPE_MESSAGE } from '../aws-rules/conditions.js';
import type { KubeObject } from '../source/kube.js';
import type { ListenerRuleConfiguration } from '../source/lbc-crds.js';
import type { At, BuildContext } from './context.js';
import { checkConditions } from './preflight-conditions.js';
import { PREFLIGHT_CODES as C, type Finding } from './preflight.js';
import type { Action, ListenerRuleSpec, Protocol } from './stack.js';
import { RT, tokenKey } from './stack.js';

interface RuleWhere {
  readonly ctx: BuildContext;
  readonly route?: KubeObject;
  readonly ruleIndex: number;
  readonly rule: At;
}

function whereOf(ctx: BuildContext, id: string): RuleWhere {
  const o = ctx.ruleOrigins.get(id);
  if (!o) return { ctx, ruleIndex: -1, rule: { object: ctx.gw.gateway, path: [] } };
  return { ctx, route: o.route, ruleIndex: o.ruleIndex, rule: { object: o.route, path: ['spec', 'rules', o.ruleIndex] } };
}

/** The rule's ListenerRuleConfiguration; looked up only to locate a finding (a walk over the Gateway's routes). */
function lrcOf(w: RuleWhere): ListenerRuleConfiguration | undefined {
  if (!w.route) return undefined;
  for (const port of w.ctx.gw.ports) {
    for (const a of port.routes) {
      if (a.route !== w.route) continue;
      const lrc = a.rules.find((r) => r.index === w.ruleIndex)?.listenerRuleConfig;
      if (lrc) return lrc;
    }
  }
  return undefined;
}

/** The route's RequestRedirect filter (the one LBC turned into the redirect), else the rule. */
function redirectAt(w: RuleWhere, field?: string): At {
  const filters = (w.route?.spec as { rules?: { filters?: { type: string }[] }[] } | undefined)?.rules?.[w.ruleIndex]?.filters ?? [];
  const i = filters.findIndex((f) => f.type === 'RequestRedirect');
  if (i < 0) return w.rule;
  return { object: w.rule.object, path: [...w.rule.path, 'filters', i, 'requestRedirect', ...(field !== undefined ? [field] : [])] };
}

function backendRefsAt(w: RuleWhere): At {
  return { object: w.rule.object, path: [...w.rule.path, 'backendRefs'] };
}

function lrcAt(w: RuleWhere, type: string, field: string[]): At {
  const lrc = lrcOf(w);
  const i = lrc?.spec.actions?.findIndex((a) => a.type === type) ?? -1;
  return lrc && i >= 0 ? { object: lrc, path: ['spec', 'actions', i, ...field] } : w.rule;
}

function listenerProtocol(ctx: BuildContext, listenerArn: ListenerRuleSpec['listenerARN']): Protocol | undefined {
  const ref = typeof listenerArn === 'object' && '$ref' in listenerArn ? listenerArn.$ref : undefined;
  for (const r of ctx.resources) if (r.type === RT.listener && ref?.includes(`/${r.id}/`)) return r.spec.protocol;
  return undefined;
}

/**
 * What the action checks read of their rule, and where a finding points: looked up only for a
 * finding (almost every rule has none), so a rule's check allocates this one object.
 */
class RuleFacts {
  constructor(
    readonly ctx: BuildContext,
    readonly id: string,
    readonly protocol: Protocol | undefined,
    /** A ReplacePrefixMatch redirect changes the path through a url-rewrite transform, so it is no loop. */
    readonly rewritesPath: boolean,
  ) {}

  where(): RuleWhere {
    return whereOf(this.ctx, this.id);
  }

  at(): At {
    return this.where().rule;
  }
}

export function checkRule(ctx: BuildContext, id: string, spec: ListenerRuleSpec, push: (f: Finding) => void): void {
  const transforms = spec.transforms ?? [];
  const rule = new RuleFacts(ctx, id, listenerProtocol(ctx, spec.listenerARN), transforms.some((t) => t.type === 'url-rewrite'));
  for (let i = 0; i < spec.actions.length; i++) checkAction(spec.actions[i]!, i, rule, push);
  checkConditions(spec.conditions, rule, push);
  if (transforms.length > 1 && new Set(transforms.map((t) => t.type)).size !== transforms.length) {
    push({ code: C.transform, call: 'CreateRule', awsCode: 'ValidationError', awsMessage: ONE_TRANSFORM_PER_TYPE_MESSAGE, fix: 'Keep one URLRewrite filter per rule.', at: rule.at() });
  }
}

/** AWS's member path of the action at `index` in its messages. */
function memberPath(index: number): string {
  return `actions.${index + 1}.member`;
}

// Module functions, not closures in checkAction: it runs for every action of every rule.
function reject(push: (f: Finding) => void, code: Finding['code'], awsCode: string, awsMessage: string, fix: string, at: At): void {
  push({ code, call: 'CreateRule', awsCode, awsMessage, fix, at });
}

/** `index`: the action's position, for AWS's member path in messages. */
function checkAction(a: Action, index: number, rule: RuleFacts, push: (f: Finding) => void): void {
  switch (a.type) {
    case 'redirect': {
      const r = a.redirectConfig;
      if (!(REDIRECT_CODES as readonly string[]).includes(r.statusCode)) {
        const code = r.statusCode.replace('HTTP_', '');
        reject(
          push,
          C.redirect,
          'ValidationError',
          `1 validation error detected: Value '${r.statusCode}' at '${memberPath(index)}.redirectConfig.statusCode' failed to satisfy constraint: Member must satisfy enum value set: [${REDIRECT_CODES.join(', ')}]`,
          `An ALB redirects only with 301 or 302; set statusCode: 301 (permanent) or 302 instead of ${code}.`,
          redirectAt(rule.where(), 'statusCode'),
        );
      }
      if (rule.protocol === 'HTTPS' && r.protocol === 'HTTP') {
        reject(push, C.redirect, 'InvalidLoadBalancerAction', HTTPS_TO_HTTP_REDIRECT_MESSAGE, 'Redirect to scheme https, or attach the route to an HTTP listener only.', redirectAt(rule.where(), 'scheme'));
      }
      const pathProblem = r.path !== undefined ? redirectPathError(r.path) : undefined;
      if (pathProblem) reject(push, C.redirect, 'InvalidLoadBalancerAction', pathProblem, "Start the redirect path with '/'.", redirectAt(rule.where(), 'path'));
      if (!rule.rewritesPath && r.host === undefined && r.path === undefined && r.port === undefined && r.protocol === undefined && r.query === undefined) {
        reject(
          push,
          C.redirect,
          'InvalidLoadBalancerAction',
          REDIRECT_LOOP_MESSAGE,
          'The redirect keeps scheme, host, port and path, so it points at itself; set at least one of scheme, hostname, port or path.',
          redirectAt(rule.where()),
        );
      }
      break;
    }
    case 'fixed-response': {
      const body = a.fixedResponseConfig.messageBody;
      if (body !== undefined && body.length > MAX_BODY_LENGTH) {
        reject(
          push,
          C.fixedResponse,
          'ValidationError',
          `1 validation error detected: Value '${body.slice(0, 16)}…' at '${memberPath(index)}.fixedResponseConfig.messageBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BODY_LENGTH}`,
          `Shorten the fixed-response messageBody to at most ${MAX_BODY_LENGTH} characters (it has ${body.length}).`,
          lrcAt(rule.where(), 'fixed-response', ['fixedResponseConfig', 'messageBody']),
        );
      }
      break;
    }
    case 'forward': {
      const d = duplicateTargetGroup(a);
      if (d) reject(push, C.forward, 'ValidationError', DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE, d, backendRefsAt(rule.where()));
      break;
    }
    case 'authenticate-cognito':
    case 'authenticate-oidc':
    case 'jwt-validation':
      break;
  }
}

/** What to change when two backendRefs of one rule (or L4 route) resolve to the same target group, else undefined. */
export function duplicateTargetGroup(a: Extract<Action, { type: 'forward' }>): string | undefined {
  const tgs = a.forwardConfig.targetGroups;
  if (tgs.length < 2) return undefined; // the usual single backend: nothing to compare
  const keys = new Set(tgs.map((t) => tokenKey(t.targetGroupARN)));
  if (keys.size === tgs.length) return undefined;
  return 'Two backendRefs name the same Service and port (one target group); merge them into one backendRef with the summed weight.';
}
