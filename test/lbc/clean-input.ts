/**
 * For the routeutils ports (loader, attachment, ListenerSet, namespace selector): `lbcCase` that
 * first checks the manifests loaded without input errors (GWLB1xx), so a case expecting "no
 * status" or "not attached" cannot pass because an object was dropped by the schema.
 */
import { expect } from 'vitest';
import { lbcCase, type LbcCaseOptions, type LbcCaseResult } from './harness.js';

export function cleanCase(yamlText: string, options: LbcCaseOptions = {}): LbcCaseResult {
  const r = lbcCase(yamlText, options);
  expect(r.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('GWLB1')).map((d) => `${d.code} ${d.message} (${d.path ?? ''})`)).toEqual([]);
  return r;
}
