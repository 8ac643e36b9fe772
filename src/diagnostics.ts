/**
 * Problems found in user input are values, collected and returned, never thrown.
 * Every stage (source, resolve, model, plan) reports through the same shape so the CLI can
 * print them uniformly as `FILE:LINE:COL: severity CODE: message (at path)`.
 */

export interface SourceLocation {
  readonly file: string;
  /** 1-based; 0 when the object came from a cluster and `file` is `kind ns/name`. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** Identifies a Kubernetes object in messages and status output. */
export interface ObjectRef {
  readonly kind: string;
  /** Empty for cluster-scoped kinds. */
  readonly namespace: string;
  readonly name: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable code, e.g. `GWLB101`. Ranges: 0xx source, 1xx schema, 2xx resolve, 3xx model, 4xx plan/apply/AWS. */
  readonly code: string;
  readonly message: string;
  readonly location?: SourceLocation;
  readonly object?: ObjectRef;
  /** Field path inside the object, e.g. `spec.listeners[1].port`. */
  readonly path?: string;
}

export function formatObjectRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Renders a field path the way kubectl and the API server do: `spec.rules[0].matches[1].path`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/**
 * Longest input string echoed whole in a message. Names and hostnames are at most 253 characters
 * once valid, but an invalid one can be any length, and a 100,000-character line helps nobody.
 */
export const ECHO_LIMIT = 200;
const KEEP_HEAD = 60;
const KEEP_TAIL = 20;

/** Index `i` moved back off the low half of a surrogate pair, so no character is cut in two. */
function charBoundary(s: string, i: number): number {
  const code = s.charCodeAt(i);
  return i > 0 && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}

/**
 * `s` itself when it is at most ECHO_LIMIT characters; otherwise its first 60 and last 20
 * characters around `…(N characters)…`, N being how many were left out.
 */
export function shorten(s: string): string {
  if (s.length <= ECHO_LIMIT) return s;
  const head = charBoundary(s, KEEP_HEAD);
  const tail = charBoundary(s, s.length - KEEP_TAIL);
  return `${s.slice(0, head)}…(${tail - head} characters)…${s.slice(tail)}`;
}

/** An input string in a message: double-quoted and escaped as JSON, shortened when long. */
export function quote(s: string): string {
  return JSON.stringify(shorten(s));
}

/**
 * Every run of non-space characters longer than ECHO_LIMIT in `text`, shortened. The renderer
 * applies it to every message and path, so a message builder that interpolates an input string
 * without `quote` still cannot print it whole (template words are never that long).
 */
export function shortenLongRuns(text: string): string {
  return text.length <= ECHO_LIMIT ? text : text.replace(new RegExp(`\\S{${ECHO_LIMIT + 1},}`, 'g'), shorten);
}
