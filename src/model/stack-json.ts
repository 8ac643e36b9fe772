/**
 * LBC's dry-run plan JSON (pkg/deploy/stack_marshaller.go, stack_schema_builder.go):
 * `{"id":..,"resources":{Type:{id:{"spec":..}}}}`. Struct fields keep LBC's declaration order
 * (our specs are built in that order); Go maps — resources, ids, tags, extra params — are
 * emitted with sorted keys. OIDC clientID/clientSecret become `[REDACTED]` (listener.go
 * MarshalJSON) when asked. `stackToLbcJsonText` also reproduces Go's HTML escaping and sorts
 * integer-like keys as strings, which a JS object cannot.
 */
import type { Stack, StackResource } from './stack.js';

/** Keys whose values are Go maps (sorted on output). */
const MAP_KEYS = new Set(['tags', 'authenticationRequestExtraParams', 'labels', 'annotations', 'matchLabels', 'TargetGroups']);

class GoMap {
  constructor(readonly entries: [string, unknown][]) {}
}

function sortedMap(obj: Readonly<Record<string, unknown>>, convert: (v: unknown) => unknown): GoMap {
  return new GoMap(Object.keys(obj).sort().map((k) => [k, convert(obj[k])]));
}

function redactOidc(v: unknown, redact: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => redactOidc(x, redact));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined) continue;
    if (MAP_KEYS.has(k) && x !== null && typeof x === 'object') {
      out[k] = sortedMap(x as Record<string, unknown>, (y) => redactOidc(y, redact));
      continue;
    }
    out[k] = redactOidc(x, redact);
  }
  if (redact && 'clientSecret' in out && 'clientID' in out) {
    out['clientID'] = '[REDACTED]';
    out['clientSecret'] = '[REDACTED]';
  }
  return out;
}

function resourceBody(r: StackResource): Record<string, unknown> {
  if (r.type === 'FrontendNLBTargetGroup') return { TargetGroups: r.targetGroups };
  if (r.type === 'K8S::ElasticLoadBalancingV2::TargetGroupBinding') {
    // metav1.ObjectMeta: name, namespace, creationTimestamp (a zero Time marshals as null), labels, annotations.
    const m = r.spec.template.metadata;
    const meta = {
      name: m.name,
      namespace: m.namespace,
      creationTimestamp: null,
      ...(m.labels && Object.keys(m.labels).length > 0 ? { labels: m.labels } : {}),
      ...(m.annotations && Object.keys(m.annotations).length > 0 ? { annotations: m.annotations } : {}),
    };
    return { spec: { template: { metadata: meta, spec: r.spec.template.spec } } };
  }
  return { spec: r.spec };
}

function build(stack: Stack, redact: boolean): { id: string; resources: GoMap } {
  const byType = new Map<string, [string, unknown][]>();
  for (const r of stack.resources) {
    const list = byType.get(r.type) ?? [];
    list.push([r.id, redactOidc(dropEmpty(resourceBody(r)), redact)]);
    byType.set(r.type, list);
  }
  const types = [...byType.keys()].sort();
  return {
    id: stack.id,
    resources: new GoMap(types.map((t) => [t, new GoMap(byType.get(t)!.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))])),
  };
}

/** Go `omitempty`: drop undefined, empty arrays and empty maps (not empty strings: LBC keeps some). */
function dropEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropEmpty);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined) continue;
    if (Array.isArray(x) && x.length === 0 && !REQUIRED_ARRAYS.has(k)) continue;
    if (MAP_KEYS.has(k) && x !== null && typeof x === 'object' && Object.keys(x).length === 0 && k !== 'TargetGroups') continue;
    out[k] = dropEmpty(x);
  }
  return out;
}

/** Slices without `omitempty` in LBC's structs: emitted even when empty. */
const REQUIRED_ARRAYS = new Set(['actions', 'conditions', 'targetGroups', 'values', 'rewrites', 'from', 'ports']);

function toPlain(v: unknown): unknown {
  if (v instanceof GoMap) return Object.fromEntries(v.entries.map(([k, x]) => [k, toPlain(x)]));
  if (Array.isArray(v)) return v.map(toPlain);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toPlain(x)]));
}

/** The plan as a JSON value (for `-o json` and deep comparison with LBC's annotation). */
export function stackToLbcJson(stack: Stack, opts: { redactSecrets: boolean }): unknown {
  return toPlain(build(stack, opts.redactSecrets));
}

/** What Go's encoder escapes beyond JSON.stringify: checked once, most strings have none. */
const GO_ESCAPED = /[<>&\u2028\u2029]/;

function goString(s: string): string {
  const json = JSON.stringify(s);
  if (!GO_ESCAPED.test(json)) return json;
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function encode(v: unknown): string {
  if (v instanceof GoMap) return `{${v.entries.map(([k, x]) => `${goString(k)}:${encode(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
  if (v === null) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) parts.push(`${goString(k)}:${encode(x)}`);
    return `{${parts.join(',')}}`;
  }
  return 'null';
}

/** Byte-for-byte what LBC writes to `gateway.k8s.aws/dry-run-plan` (modulo unknown markers). */
export function stackToLbcJsonText(stack: Stack, opts: { redactSecrets: boolean }): string {
  return encode(build(stack, opts.redactSecrets));
}
