/**
 * Reads a plan saved by `gwlb plan --out` for `gwlb apply PLANFILE`: one-line errors for a file
 * that is missing, not JSON or not a gwlb plan. Whether it may be applied is plan/saved-plan.ts.
 */
import { readFileSync } from 'node:fs';
import type { SavedPlanFile } from '../plan/saved-plan.js';

export function readSavedPlan(file: string): SavedPlanFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(`cannot read saved plan ${file}: ${reason}; save one with gwlb plan --out ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not a gwlb plan (not JSON); save plans with gwlb plan --out FILE`);
  }
  const r = (raw ?? {}) as Record<string, unknown>;
  const f = r['fingerprint'] as Record<string, unknown> | undefined;
  if (!f || typeof f['inputs'] !== 'string' || typeof f['observed'] !== 'string') throw new Error(`${file} has no fingerprint; save plans with gwlb plan --out FILE`);
  return {
    mode: r['mode'],
    errored: r['errored'],
    resource_changes: r['resource_changes'],
    fingerprint: { inputs: f['inputs'], observed: f['observed'], ...(typeof f['changes'] === 'string' ? { changes: f['changes'] } : {}) },
  };
}
