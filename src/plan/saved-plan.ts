/**
 * Whether a saved plan may be applied: `apply PLANFILE` runs exactly the changes the file shows or
 * refuses (Terraform's saved-plan contract, ux-anchors.md §1.4). The checks, in order: the file's
 * changes still match the digest written beside them (not edited by hand); the plan was made
 * against the account (not --offline) from valid input; the inputs and settings, and the observed
 * account, are what they were; and the plan computed now has exactly the file's changes. Pure:
 * the CLI reads the file and computes the fresh plan.
 */
import { canonical } from './values.js';
import { changesDigest, type PlanFingerprint } from './fingerprint.js';
import type { Plan } from './types.js';

/** A plan file as read back: only what the checks need, each field still unverified. */
export interface SavedPlanFile {
  readonly mode?: unknown;
  readonly errored?: unknown;
  readonly resource_changes?: unknown;
  readonly fingerprint: { readonly inputs: string; readonly observed: string; readonly changes?: string };
}

export type SavedPlanVerdict =
  | { readonly kind: 'current' }
  /** The changes in the file no longer match the digest written with them. */
  | { readonly kind: 'edited' }
  /** Written by a gwlb that did not record a digest of the changes. */
  | { readonly kind: 'no-changes-digest' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'errored' }
  | { readonly kind: 'stale-inputs' }
  | { readonly kind: 'stale-account' }
  /** Same inputs and account, yet the plan made now differs, first at this address. */
  | { readonly kind: 'different'; readonly address: string };

function firstDifference(saved: unknown, now: Plan['resource_changes']): string {
  const list = Array.isArray(saved) ? (saved as { address?: unknown }[]) : [];
  for (let i = 0; i < Math.max(list.length, now.length); i++) {
    const a = list[i];
    const b = now[i];
    if (a === undefined || b === undefined || canonical(JSON.parse(JSON.stringify(b))) !== canonical(a)) {
      return String(b?.address ?? a?.address ?? `change #${i + 1}`);
    }
  }
  return 'the list of changes';
}

/** `now.fingerprint` is called only once the file itself passes its checks. */
export function judgeSavedPlan(saved: SavedPlanFile, now: { readonly plan: Plan; readonly fingerprint: () => PlanFingerprint }): SavedPlanVerdict {
  if (saved.fingerprint.changes === undefined) return { kind: 'no-changes-digest' };
  if (changesDigest(saved.resource_changes) !== saved.fingerprint.changes) return { kind: 'edited' };
  if (saved.mode === 'offline') return { kind: 'offline' };
  if (saved.errored === true) return { kind: 'errored' };
  const fingerprint = now.fingerprint();
  if (saved.fingerprint.inputs !== fingerprint.inputs) return { kind: 'stale-inputs' };
  if (saved.fingerprint.observed !== fingerprint.observed) return { kind: 'stale-account' };
  if (saved.fingerprint.changes !== fingerprint.changes) return { kind: 'different', address: firstDifference(saved.resource_changes, now.plan.resource_changes) };
  return { kind: 'current' };
}
