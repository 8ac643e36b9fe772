/**
 * ALB rule conditions from a rule unit (pkg/gateway/routeutils/route_rule_condition.go):
 * host-header, path-pattern, http-header (comma-split), query-string, http-request-method, then
 * ListenerRuleConfiguration source-ip conditions.
 */
import type { GRPCRouteMatch, HTTPPathMatch, HTTPRouteMatch } from '../source/gateway-api.js';
import type { ListenerRuleConfiguration } from '../source/lbc-crds.js';
import type { RuleCondition } from './stack.js';
import type { RuleUnit } from './rule-precedence.js';

export type ConditionsResult =
  | { readonly ok: true; readonly conditions: RuleCondition[] }
  | { readonly ok: false; readonly code: 'path' | 'grpc'; readonly message: string; readonly path: readonly (string | number)[] };

/**
 * `generateValuesFromMatchHeaderValue`: split on unescaped commas; a backslash escapes the next
 * character (dropping the backslash); a trailing lone backslash is kept.
 */
export function splitHeaderValue(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      if (i + 1 < value.length) {
        cur += value[i + 1];
        i++;
      } else cur += c;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function buildPathCondition(path: HTTPPathMatch): { ok: true; condition: RuleCondition } | { ok: false; message: string } {
  switch (path.type) {
    case 'PathPrefix': {
      if (path.value === '/') return { ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: ['/*'] } } };
      if (/[*?]/.test(path.value)) return { ok: false, message: `prefix path shouldn't contain wildcards: ${path.value}` };
      const p = path.value.endsWith('/') ? path.value.slice(0, -1) : path.value;
      return { ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: [p, `${p}/*`] } } };
    }
    case 'Exact':
      return { ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: [path.value] } } };
    case 'RegularExpression':
      return { ok: true, condition: { field: 'path-pattern', pathPatternConfig: { regexValues: [path.value] } } };
  }
}

function hostHeader(hostname: string): RuleCondition {
  return { field: 'host-header', hostHeaderConfig: { values: [hostname] } };
}

function hostCondition(hostname: string): RuleCondition[] {
  return hostname === '' ? [] : [hostHeader(hostname)];
}

export function buildHttpConditions(hostname: string, match: HTTPRouteMatch | undefined): { ok: true; conditions: RuleCondition[] } | { ok: false; message: string } {
  if (!match) return { ok: true, conditions: hostCondition(hostname) };
  const path = buildPathCondition(match.path);
  if (!path.ok) return path;
  // Host and path in one literal, not pushed one by one: the array stays in the stack, and a push
  // onto a one-element literal grows its backing store to 19 slots.
  const conditions: RuleCondition[] = hostname === '' ? [path.condition] : [hostHeader(hostname), path.condition];
  for (const h of match.headers ?? []) {
    conditions.push({
      field: 'http-header',
      httpHeaderConfig:
        h.type === 'RegularExpression'
          ? { httpHeaderName: h.name, regexValues: [h.value] }
          : { httpHeaderName: h.name, values: splitHeaderValue(h.value) },
    });
  }
  // The query match type is ignored: a RegularExpression is sent as a literal/glob value.
  for (const q of match.queryParams ?? []) {
    conditions.push({ field: 'query-string', queryStringConfig: { values: [{ key: q.name, value: q.value }] } });
  }
  if (match.method !== undefined) conditions.push({ field: 'http-request-method', httpRequestMethodConfig: { values: [match.method] } });
  return { ok: true, conditions };
}

/**
 * gRPC method → glob path (`buildGrpcMethodCondition`, route_rule_condition.go 233–253);
 * RegularExpression is treated like Exact (never regexValues). LBC tests presence, not emptiness:
 * a RegularExpression match may set `service: ""` (the CRD checks the character set only for
 * Exact), which gives `//method`.
 */
export function grpcPathValue(match: GRPCRouteMatch | undefined): { ok: true; value: string } | { ok: false; message: string } {
  const m = match?.method;
  if (!m) return { ok: true, value: '/*' };
  const { service, method } = m;
  if (service !== undefined && method !== undefined) return { ok: true, value: `/${service}/${method}` };
  if (service !== undefined) return { ok: true, value: `/${service}/*` };
  if (method !== undefined) return { ok: true, value: `/*/${method}` };
  return { ok: false, message: `Invalid grpc method match: ${JSON.stringify(m)}` };
}

export function buildGrpcConditions(hostname: string, match: GRPCRouteMatch | undefined): { ok: true; conditions: RuleCondition[] } | { ok: false; message: string } {
  const conditions = hostCondition(hostname);
  const path = grpcPathValue(match);
  if (!path.ok) return path;
  conditions.push({ field: 'path-pattern', pathPatternConfig: { values: [path.value] } });
  for (const h of match?.headers ?? []) {
    conditions.push({ field: 'http-header', httpHeaderConfig: { httpHeaderName: h.name, values: splitHeaderValue(h.value) } });
  }
  return { ok: true, conditions };
}

/**
 * `BuildSourceIpInCondition` (route_rule_condition.go 267–289): LRC source-ip conditions, for every
 * match when `matchIndexes` is absent, else once per entry equal to this match's index (LBC loops
 * over the list, so an index listed twice adds the condition twice).
 */
export function sourceIpConditions(lrc: ListenerRuleConfiguration | undefined, matchIndex: number): RuleCondition[] {
  const out: RuleCondition[] = [];
  for (const c of lrc?.spec.conditions ?? []) {
    if (c.field !== 'source-ip') continue;
    const times = c.matchIndexes === undefined ? 1 : c.matchIndexes.filter((i) => i === matchIndex).length;
    for (let n = 0; n < times; n++) out.push({ field: 'source-ip', sourceIPConfig: { values: [...c.sourceIPConfig.values] } });
  }
  return out;
}

export function buildUnitConditions(unit: RuleUnit): ConditionsResult {
  const r = unit.kind === 'HTTPRoute' ? buildHttpConditions(unit.hostname, unit.match) : buildGrpcConditions(unit.hostname, unit.match);
  if (!r.ok) {
    const base = ['spec', 'rules', unit.rule.index, 'matches', unit.matchIndex === Number.MAX_SAFE_INTEGER ? 0 : unit.matchIndex];
    return unit.kind === 'HTTPRoute'
      ? { ok: false, code: 'path', message: r.message, path: [...base, 'path', 'value'] }
      : { ok: false, code: 'grpc', message: r.message, path: [...base, 'method'] };
  }
  // r.conditions is this call's own new array: the source-ip conditions go on its end.
  const lrc = unit.rule.listenerRuleConfig;
  if (lrc) r.conditions.push(...sourceIpConditions(lrc, unit.matchIndex));
  return r;
}
