/**
 * ALB rule expansion and ordering (pkg/gateway/routeutils/route_rule_precedence.go,
 * `SortAllRulesByPrecedence`, v3.5.0 unified cross-kind precedence with the per-hostname split).
 * One unit per (route, rule, match, hostname); units of every route on the port are sorted by one
 * comparator and become priorities 1..N.
 */
import type { AttachedRoute, LoadedRule } from '../resolve/types.js';
import type { GRPCRouteMatch, HTTPRouteMatch, GRPCRoute, HTTPRoute } from '../source/gateway-api.js';
import { creationMillis } from '../source/kube.js';

/** A match index for rules without matches (`math.MaxInt` in LBC). */
export const NO_MATCH_INDEX = Number.MAX_SAFE_INTEGER;

export type RuleUnit =
  | {
      readonly kind: 'HTTPRoute';
      readonly attached: AttachedRoute;
      readonly route: HTTPRoute;
      readonly rule: LoadedRule;
      readonly matchIndex: number;
      readonly match?: HTTPRouteMatch;
      readonly hostname: string;
    }
  | {
      readonly kind: 'GRPCRoute';
      readonly attached: AttachedRoute;
      readonly route: GRPCRoute;
      readonly rule: LoadedRule;
      readonly matchIndex: number;
      readonly match?: GRPCRouteMatch;
      readonly hostname: string;
    };

/** Compatible hostnames on the port, else the route's own, else one catch-all `""`. */
export function unitHostnames(attached: AttachedRoute): readonly string[] {
  if (attached.compatibleHostnames.length > 0) return [...new Set(attached.compatibleHostnames)];
  const route = attached.route;
  if ((route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute') && route.spec.hostnames.length > 0) return route.spec.hostnames;
  return [''];
}

export function expandUnits(routes: readonly AttachedRoute[]): RuleUnit[] {
  const units: RuleUnit[] = [];
  for (const attached of routes) {
    const route = attached.route;
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') continue;
    const hostnames = unitHostnames(attached);
    for (const rule of attached.rules) {
      if (route.kind === 'HTTPRoute') {
        const matches = route.spec.rules[rule.index]?.matches ?? [];
        const indexed = matches.length > 0 ? matches.map((m, i) => [m, i] as const) : [[undefined, NO_MATCH_INDEX] as const];
        for (const [match, matchIndex] of indexed)
          for (const hostname of hostnames) units.push({ kind: 'HTTPRoute', attached, route, rule, matchIndex, match, hostname });
      } else {
        const matches = route.spec.rules[rule.index]?.matches ?? [];
        const indexed = matches.length > 0 ? matches.map((m, i) => [m, i] as const) : [[undefined, NO_MATCH_INDEX] as const];
        for (const [match, matchIndex] of indexed)
          for (const hostname of hostnames) units.push({ kind: 'GRPCRoute', attached, route, rule, matchIndex, match, hostname });
      }
    }
  }
  return units;
}

/**
 * Hostname precedence: <0 when `a` wins. Non-empty beats empty; exact beats wildcard; then more
 * dots, then longer (LBC counts dots first, unlike the Gateway API wording).
 */
export function compareHostnames(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? (b === '' ? 0 : 1) : -1;
  const aw = a.startsWith('*.');
  const bw = b.startsWith('*.');
  if (aw !== bw) return aw ? 1 : -1;
  const ad = a.split('.').length;
  const bd = b.split('.').length;
  if (ad !== bd) return bd - ad;
  if (a.length !== b.length) return b.length - a.length;
  return 0;
}

const utf8 = new TextEncoder();

/**
 * Go's `len` of a string: its UTF-8 byte count, which the precedence lengths use
 * (route_rule_precedence.go 339, 374, 377). Only RegularExpression paths and gRPC names can hold
 * non-ASCII characters, where it differs from a JavaScript string's length.
 */
function goLen(s: string | undefined): number {
  return s === undefined ? 0 : utf8.encode(s).length;
}

interface Key {
  readonly matchType: number;
  readonly primary: number;
  readonly secondary: number;
  readonly hasMethod: boolean;
  readonly headers: number;
  readonly queryParams: number;
}

function keyOf(u: RuleUnit): Key {
  if (u.kind === 'HTTPRoute') {
    const m = u.match;
    const type = m?.path.type;
    return {
      matchType: type === 'Exact' ? 3 : type === 'PathPrefix' ? 2 : type === 'RegularExpression' ? 1 : 0,
      primary: goLen(m?.path.value),
      secondary: 0,
      hasMethod: m?.method !== undefined,
      headers: m?.headers?.length ?? 0,
      queryParams: m?.queryParams?.length ?? 0,
    };
  }
  const method = u.match?.method;
  return {
    matchType: method === undefined ? 0 : method.type === 'Exact' ? 3 : 1,
    primary: goLen(method?.service),
    secondary: goLen(method?.method),
    hasMethod: false,
    headers: u.match?.headers?.length ?? 0,
    queryParams: 0,
  };
}

function nsName(u: RuleUnit): string {
  return `${u.route.metadata.namespace}/${u.route.metadata.name}`;
}

export function compareUnits(a: RuleUnit, b: RuleUnit): number {
  const h = compareHostnames(a.hostname, b.hostname);
  if (h !== 0) return h;
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (ka.matchType !== kb.matchType) return kb.matchType - ka.matchType;
  if (ka.primary !== kb.primary) return kb.primary - ka.primary;
  if (ka.secondary !== kb.secondary) return kb.secondary - ka.secondary;
  if (ka.hasMethod !== kb.hasMethod) return ka.hasMethod ? -1 : 1;
  if (ka.headers !== kb.headers) return kb.headers - ka.headers;
  if (ka.queryParams !== kb.queryParams) return kb.queryParams - ka.queryParams;
  const ta = creationMillis(a.route);
  const tb = creationMillis(b.route);
  if (ta !== tb) return ta - tb;
  const na = nsName(a);
  const nb = nsName(b);
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.rule.index !== b.rule.index) return a.rule.index - b.rule.index;
  if (a.matchIndex !== b.matchIndex) return a.matchIndex - b.matchIndex;
  if (a.hostname !== b.hostname) return a.hostname < b.hostname ? -1 : 1;
  return 0;
}

export function sortUnits(routes: readonly AttachedRoute[]): RuleUnit[] {
  return expandUnits(routes).sort(compareUnits);
}
