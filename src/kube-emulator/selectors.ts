/**
 * `labelSelector` (=, ==, !=, in, notin, exists, !exists) and the `fieldSelector`s every kind
 * supports (metadata.name, metadata.namespace; kubectl's `get <name> --watch` uses the first),
 * as in k8s.io/apimachinery pkg/labels/selector.go and pkg/fields.
 */
import { badRequest } from './status.js';
import type { KubeObject } from './store.js';

type Requirement = (labels: Record<string, string>) => boolean;

/** Splits on commas outside parentheses (`a in (x,y),b` is two requirements). */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function requirement(term: string): Requirement {
  let m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (m) {
    const [, key, op, raw] = m as unknown as [string, string, string, string];
    const values = raw.split(',').map((v) => v.trim());
    return op === 'in' ? (l) => key in l && values.includes(l[key]!) : (l) => !(key in l) || !values.includes(l[key]!);
  }
  m = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (m) {
    const [, key, op, value] = m as unknown as [string, string, string, string];
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  m = /^(!?)([^\s!=(),]+)$/.exec(term);
  if (m) {
    const [, not, key] = m as unknown as [string, string, string];
    return not === '!' ? (l) => !(key in l) : (l) => key in l;
  }
  throw badRequest(`unable to parse requirement: found '${term}', expected: a label selector requirement`);
}

export type Selector = (object: KubeObject) => boolean;

export function labelSelector(raw: string | null): Selector {
  if (raw === null || raw.trim() === '') return () => true;
  const reqs = splitTerms(raw).map(requirement);
  return (o) => {
    const labels = o.metadata.labels ?? {};
    return reqs.every((r) => r(labels));
  };
}

export function fieldSelector(raw: string | null): Selector {
  if (raw === null || raw.trim() === '') return () => true;
  const reqs = splitTerms(raw).map((term): Selector => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${raw}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (field !== 'metadata.name' && field !== 'metadata.namespace') throw badRequest(`field label not supported: ${field}`);
    const get = (o: KubeObject): string => (field === 'metadata.name' ? o.metadata.name : (o.metadata.namespace ?? ''));
    return op === '!=' ? (o) => get(o) !== value : (o) => get(o) === value;
  });
  return (o) => reqs.every((r) => r(o));
}

export function both(a: Selector, b: Selector): Selector {
  return (o) => a(o) && b(o);
}
