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

/** A hostname's precedence fields (`compareHostnames`), counted once per hostname of a route rather than per comparison. */
interface HostKey {
  readonly name: string;
  readonly wildcard: boolean;
  readonly dots: number;
}

function hostKeyOf(name: string): HostKey {
  let dots = 0;
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) dots++;
  return { name, wildcard: name.startsWith('*.'), dots };
}

function compareHostKeys(a: HostKey, b: HostKey): number {
  if (a.name === b.name) return 0;
  if (a.name === '' || b.name === '') return a.name === '' ? 1 : -1;
  if (a.wildcard !== b.wildcard) return a.wildcard ? 1 : -1;
  if (a.dots !== b.dots) return b.dots - a.dots;
  if (a.name.length !== b.name.length) return b.name.length - a.name.length;
  return 0;
}

/**
 * Hostname precedence: <0 when `a` wins. Non-empty beats empty; exact beats wildcard; then more
 * dots, then longer (LBC counts dots first, unlike the Gateway API wording).
 */
export function compareHostnames(a: string, b: string): number {
  return compareHostKeys(hostKeyOf(a), hostKeyOf(b));
}

/**
 * Go's `len` of a string: its UTF-8 byte count, which the precedence lengths use
 * (route_rule_precedence.go 339, 374, 377). Only RegularExpression paths and gRPC names can hold
 * non-ASCII characters, where it differs from a JavaScript string's length.
 */
function goLen(s: string | undefined): number {
  return s === undefined ? 0 : Buffer.byteLength(s, 'utf8');
}

/**
 * Every field the comparator reads, computed once rather than per comparison (a sort makes
 * O(n log n) of them): the route's fields once per route, the match's once per match, the
 * hostname's once per hostname of the route.
 */
interface SortKey {
  readonly unit: RuleUnit;
  readonly host: HostKey;
  readonly match: MatchKey;
  readonly created: number;
  readonly nsName: string;
}

interface MatchKey {
  readonly matchType: number;
  readonly primary: number;
  readonly secondary: number;
  readonly hasMethod: boolean;
  readonly headers: number;
  readonly queryParams: number;
}

function httpMatchKey(m: HTTPRouteMatch | undefined): MatchKey {
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

function grpcMatchKey(m: GRPCRouteMatch | undefined): MatchKey {
  const method = m?.method;
  return {
    matchType: method === undefined ? 0 : method.type === 'Exact' ? 3 : 1,
    primary: goLen(method?.service),
    secondary: goLen(method?.method),
    hasMethod: false,
    headers: m?.headers?.length ?? 0,
    queryParams: 0,
  };
}

function compareMatchKeys(a: MatchKey, b: MatchKey): number {
  if (a.matchType !== b.matchType) return b.matchType - a.matchType;
  if (a.primary !== b.primary) return b.primary - a.primary;
  if (a.secondary !== b.secondary) return b.secondary - a.secondary;
  if (a.hasMethod !== b.hasMethod) return a.hasMethod ? -1 : 1;
  if (a.headers !== b.headers) return b.headers - a.headers;
  if (a.queryParams !== b.queryParams) return b.queryParams - a.queryParams;
  return 0;
}

function compareKeys(a: SortKey, b: SortKey): number {
  const h = compareHostKeys(a.host, b.host);
  if (h !== 0) return h;
  const m = a.match === b.match ? 0 : compareMatchKeys(a.match, b.match);
  if (m !== 0) return m;
  if (a.created !== b.created) return a.created - b.created;
  if (a.nsName !== b.nsName) return a.nsName < b.nsName ? -1 : 1;
  const ua = a.unit;
  const ub = b.unit;
  if (ua.rule.index !== ub.rule.index) return ua.rule.index - ub.rule.index;
  if (ua.matchIndex !== ub.matchIndex) return ua.matchIndex - ub.matchIndex;
  if (ua.hostname !== ub.hostname) return ua.hostname < ub.hostname ? -1 : 1;
  return 0;
}

/**
 * The sort keys of every unit of `routes`: one per (route, rule, match, hostname). A rule without
 * matches is one unit with match index NO_MATCH_INDEX.
 */
function expandKeys(routes: readonly AttachedRoute[]): SortKey[] {
  const keys: SortKey[] = [];
  for (const attached of routes) {
    const route = attached.route;
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') continue;
    const hosts = unitHostnames(attached).map(hostKeyOf);
    const created = creationMillis(route);
    const nsName = `${route.metadata.namespace}/${route.metadata.name}`;
    for (const rule of attached.rules) {
      if (route.kind === 'HTTPRoute') {
        const matches = route.spec.rules[rule.index]?.matches ?? [];
        for (let i = 0; i < Math.max(matches.length, 1); i++) {
          const match = matches[i];
          const matchIndex = matches.length > 0 ? i : NO_MATCH_INDEX;
          const mk = httpMatchKey(match);
          for (const host of hosts) keys.push({ unit: { kind: 'HTTPRoute', attached, route, rule, matchIndex, match, hostname: host.name }, host, match: mk, created, nsName });
        }
      } else {
        const matches = route.spec.rules[rule.index]?.matches ?? [];
        for (let i = 0; i < Math.max(matches.length, 1); i++) {
          const match = matches[i];
          const matchIndex = matches.length > 0 ? i : NO_MATCH_INDEX;
          const mk = grpcMatchKey(match);
          for (const host of hosts) keys.push({ unit: { kind: 'GRPCRoute', attached, route, rule, matchIndex, match, hostname: host.name }, host, match: mk, created, nsName });
        }
      }
    }
  }
  return keys;
}

/** Every unit of the routes on a port, in precedence order. */
export function sortUnits(routes: readonly AttachedRoute[]): RuleUnit[] {
  const keys = expandKeys(routes).sort(compareKeys);
  // A loop, not `.map`: the result is iterated by one caller for every port, and `.map` makes a
  // holey array while an empty port's is packed, which deoptimised that caller ("wrong map").
  const units: RuleUnit[] = [];
  for (const k of keys) units.push(k.unit);
  return units;
}
