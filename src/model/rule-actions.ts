/**
 * ALB rule actions (pkg/gateway/routeutils/route_rule_action.go, model_build_listener.go
 * `buildListenerRules`): an optional pre-routing action (HTTPS only), then one routing action —
 * LRC fixed-response, else forward (unless every weight is 0), replaced by a RequestRedirect
 * filter; nothing at all → fixed 500.
 */
import type { Secret } from '../source/core-kinds.js';
import type { HTTPRequestRedirectFilter, HTTPRouteFilter } from '../source/gateway-api.js';
import type { ListenerRuleAction, ListenerRuleConfiguration } from '../source/lbc-crds.js';
import type { Action, Protocol, TargetGroupTuple } from './stack.js';
import type { RuleUnit } from './rule-precedence.js';

export type ActionError = { readonly kind: 'filter' | 'redirect' | 'oidc'; readonly message: string; readonly path: readonly (string | number)[] };
export type ActionsResult = { readonly ok: true; readonly actions: Action[] } | { readonly ok: false; readonly error: ActionError };

export const FIXED_500: Action = { type: 'fixed-response', fixedResponseConfig: { contentType: 'text/plain', statusCode: '500' } };
export const FIXED_404: Action = { type: 'fixed-response', fixedResponseConfig: { contentType: 'text/plain', statusCode: '404' } };

const PRE_ROUTING = new Set(['authenticate-cognito', 'authenticate-oidc', 'jwt-validation']);
const ROUTING = new Set(['forward', 'fixed-response', 'redirect']);

function firstAction(lrc: ListenerRuleConfiguration | undefined, kinds: Set<string>): ListenerRuleAction | undefined {
  return lrc?.spec.actions?.find((a) => kinds.has(a.type));
}

/** Secret data is held decoded; keys `clientID` (legacy `clientId`) and `clientSecret`. */
function oidcCredentials(secrets: readonly Secret[], namespace: string, name: string): { clientID: string; clientSecret: string } | string {
  const key = `${namespace}/${name}`;
  const secret = secrets.find((s) => s.metadata.namespace === namespace && s.metadata.name === name);
  if (!secret) return `secret ${key} not found`;
  const id = secret.spec.data['clientID'] ?? secret.spec.data['clientId'];
  if (id === undefined) return `missing clientID, secret: ${key}`;
  const sec = secret.spec.data['clientSecret'];
  if (sec === undefined) return `missing clientSecret, secret: ${key}`;
  // route_rule_action.go 145–146: TrimRightFunc(unicode.IsSpace) / TrimRightFunc(unicode.IsControl).
  // Go's IsSpace is Unicode White_Space (with NEL, without the BOM that JS's \s has); IsControl is Cc.
  return { clientID: id.replace(/\p{White_Space}+$/u, ''), clientSecret: sec.replace(/\p{Cc}+$/u, '') };
}

export function buildPreRoutingAction(a: ListenerRuleAction, routeNamespace: string, secrets: readonly Secret[]): Action | string | undefined {
  switch (a.type) {
    case 'authenticate-cognito': {
      const c = a.authenticateCognitoConfig;
      return {
        type: 'authenticate-cognito',
        authenticateCognitoConfig: {
          ...(c.authenticationRequestExtraParams ? { authenticationRequestExtraParams: c.authenticationRequestExtraParams } : {}),
          onUnauthenticatedRequest: c.onUnauthenticatedRequest,
          scope: c.scope,
          sessionCookieName: c.sessionCookieName,
          sessionTimeout: c.sessionTimeout,
          userPoolARN: c.userPoolArn,
          userPoolClientID: c.userPoolClientId,
          userPoolDomain: c.userPoolDomain,
        },
      };
    }
    case 'authenticate-oidc': {
      const c = a.authenticateOIDCConfig;
      const creds = oidcCredentials(secrets, routeNamespace, c.secret.name);
      if (typeof creds === 'string') return creds;
      return {
        type: 'authenticate-oidc',
        authenticateOIDCConfig: {
          ...(c.authenticationRequestExtraParams ? { authenticationRequestExtraParams: c.authenticationRequestExtraParams } : {}),
          onUnauthenticatedRequest: c.onUnauthenticatedRequest,
          scope: c.scope,
          sessionCookieName: c.sessionCookieName,
          sessionTimeout: c.sessionTimeout,
          issuer: c.issuer,
          authorizationEndpoint: c.authorizationEndpoint,
          tokenEndpoint: c.tokenEndpoint,
          userInfoEndpoint: c.userInfoEndpoint,
          clientID: creds.clientID,
          clientSecret: creds.clientSecret,
        },
      };
    }
    case 'jwt-validation': {
      const c = a.jwtValidationConfig;
      const claims = (c.additionalClaims ?? []).map((x) => ({ format: x.format, name: x.name, values: [...x.values] }));
      return { type: 'jwt-validation', jwtValidationConfig: { jwksEndpoint: c.jwksEndpoint, issuer: c.issuer, ...(claims.length > 0 ? { additionalClaims: claims } : {}) } };
    }
    default:
      return undefined;
  }
}

export function buildRedirectAction(f: HTTPRequestRedirectFilter, query: string | undefined): Action | string {
  let port = f.port !== undefined ? String(f.port) : undefined;
  let protocol: string | undefined;
  if (f.scheme !== undefined) {
    const upper = f.scheme.toUpperCase();
    if (upper !== 'HTTP' && upper !== 'HTTPS') return `unsupported redirect scheme: ${upper}`;
    protocol = upper;
    port ??= upper === 'HTTP' ? '80' : '443';
  }
  let path: string | undefined;
  if (f.path?.replaceFullPath !== undefined) {
    if (/[*?]/.test(f.path.replaceFullPath)) return `ReplaceFullPath shouldn't contain wildcards: ${f.path.replaceFullPath}`;
    path = f.path.replaceFullPath;
  } else if (f.path?.replacePrefixMatch !== undefined && /[*?]/.test(f.path.replacePrefixMatch)) {
    return `ReplacePrefixMatch shouldn't contain wildcards: ${f.path.replacePrefixMatch}`;
  }
  return {
    type: 'redirect',
    redirectConfig: {
      ...(f.hostname !== undefined ? { host: f.hostname } : {}),
      ...(path !== undefined ? { path } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(protocol !== undefined ? { protocol } : {}),
      ...(query !== undefined ? { query } : {}),
      statusCode: `HTTP_${f.statusCode}`,
    },
  };
}

/** `buildHttpRuleRedirectActionsBasedOnFilter`: first RequestRedirect wins; other filters before it fail. */
export function redirectFromFilters(
  filters: readonly HTTPRouteFilter[],
  query: string | undefined,
  lrcHasRedirect: boolean,
): { action?: Action; error?: { message: string; index: number } } {
  if (filters.length === 1 && filters[0]!.type === 'ExtensionRef' && lrcHasRedirect) {
    return { error: { message: 'HTTPRouteFilterRequestRedirect must be provided if RedirectActionConfig in ListenerRuleConfiguration is provided', index: 0 } };
  }
  for (const [index, f] of filters.entries()) {
    switch (f.type) {
      case 'RequestRedirect': {
        const a = buildRedirectAction(f.requestRedirect ?? { statusCode: 302 }, query);
        return typeof a === 'string' ? { error: { message: a, index } } : { action: a };
      }
      case 'ExtensionRef':
      case 'URLRewrite':
        continue;
      default:
        return {
          error: {
            message: `Unsupported filter type: ${f.type}. Only request redirect is supported. To specify header modification, please configure it through LoadBalancerConfiguration.`,
            index,
          },
        };
    }
  }
  return {};
}

/** Where a filter error points; built only for one. */
function filtersPath(unit: RuleUnit): (string | number)[] {
  return ['spec', 'rules', unit.rule.index, 'filters'];
}

export function buildUnitActions(unit: RuleUnit, listenerProtocol: Protocol, tuples: readonly TargetGroupTuple[], secrets: readonly Secret[]): ActionsResult {
  const lrc = unit.rule.listenerRuleConfig;
  let preRouting: Action | undefined;
  if (lrc && listenerProtocol === 'HTTPS') {
    const pre = firstAction(lrc, PRE_ROUTING);
    if (pre) {
      const built = buildPreRoutingAction(pre, unit.route.metadata.namespace, secrets);
      if (typeof built === 'string') return { ok: false, error: { kind: 'oidc', message: built, path: filtersPath(unit) } };
      preRouting = built;
    }
  }
  const routing = lrc ? firstAction(lrc, ROUTING) : undefined;
  let action: Action | undefined;
  if (routing?.type === 'fixed-response') {
    const c = routing.fixedResponseConfig;
    action = {
      type: 'fixed-response',
      fixedResponseConfig: { contentType: c.contentType, ...(c.messageBody !== undefined ? { messageBody: c.messageBody } : {}), statusCode: String(c.statusCode) },
    };
  } else {
    // shouldProvisionActions: any tuple with a non-zero (or nil) weight.
    if (tuples.some((t) => t.weight === undefined || t.weight !== 0)) {
      const sticky = routing?.type === 'forward' ? routing.forwardConfig.targetGroupStickinessConfig : undefined;
      const targetGroups = [...tuples];
      action = {
        type: 'forward',
        forwardConfig: sticky ? { targetGroups, targetGroupStickinessConfig: { enabled: sticky.enabled, durationSeconds: sticky.durationSeconds } } : { targetGroups },
      };
    }
    if (unit.kind === 'HTTPRoute') {
      const filters = unit.route.spec.rules[unit.rule.index]?.filters ?? [];
      if (filters.length > 0) {
        const query = routing?.type === 'redirect' ? routing.redirectConfig.query : undefined;
        const r = redirectFromFilters(filters, query, routing?.type === 'redirect');
        if (r.error) {
          const kind = r.error.message.startsWith('Unsupported filter') || r.error.message.startsWith('HTTPRouteFilter') ? 'filter' : 'redirect';
          return { ok: false, error: { kind, message: r.error.message, path: [...filtersPath(unit), r.error.index] } };
        }
        if (r.action) action = r.action;
      }
    } else {
      const filters = unit.route.spec.rules[unit.rule.index]?.filters ?? [];
      for (const [index, f] of filters.entries()) {
        if (f.type === 'ExtensionRef') continue;
        return {
          ok: false,
          error: { kind: 'filter', message: `Unsupported filter type: ${f.type}. To specify header modification, please configure it through LoadBalancerConfiguration.`, path: [...filtersPath(unit), index] },
        };
      }
    }
  }
  // One literal (the array stays in the stack; pushes would grow it to 17 slots).
  const routingAction = action ?? FIXED_500;
  return { ok: true, actions: preRouting ? [preRouting, routingAction] : [routingAction] };
}
