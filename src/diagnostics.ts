/**
 * Problems found in user input are values, collected and returned, never thrown.
 * Every stage (source, resolve, model, plan) reports through the same shape so the CLI can
 * print them uniformly as `FILE:LINE:COL: severity CODE: message (at path)`.
 */

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
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
