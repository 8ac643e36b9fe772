/**
 * The fingerprint a saved plan carries, so `apply PLANFILE` can refuse a stale plan: SHA-256 over
 * a canonical encoding (sorted keys) of what the plan was computed from — the desired stacks
 * (which capture the manifests, discovery facts and settings that matter), the planning options,
 * and the observed AWS state — plus a digest of the planned changes themselves, so a file whose
 * changes were edited after it was written is recognised and refused (plan/saved-plan.ts).
 * OIDC client secrets are left out of the hash input, so a plan file never depends on, or reveals
 * anything about, a secret.
 */
import { createHash } from 'node:crypto';
import type { Stack } from '../model/stack.js';
import type { ObservedState } from './observed.js';
import type { ResourceChange } from './types.js';
import { canonical } from './values.js';

export interface PlanFingerprint {
  readonly algorithm: 'sha256';
  /** Desired stacks + options. */
  readonly inputs: string;
  readonly observed: string;
  /** The plan's `resource_changes`, as written to the file. */
  readonly changes: string;
}

function withoutSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutSecrets);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, k === 'clientSecret' ? '[REDACTED]' : withoutSecrets(x)]));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The digest of a plan's changes as JSON carries them (a round trip drops what JSON cannot hold),
 * so the digest of the changes in memory equals the digest of the same changes read from a file.
 */
export function changesDigest(changes: readonly ResourceChange[] | unknown): string {
  return sha256(canonical(JSON.parse(JSON.stringify(changes ?? null)) as unknown));
}

export function planFingerprint(desired: readonly Stack[], options: Readonly<Record<string, unknown>>, observed: ObservedState, changes: readonly ResourceChange[]): PlanFingerprint {
  return {
    algorithm: 'sha256',
    inputs: sha256(canonical(withoutSecrets({ stacks: desired, options }))),
    observed: sha256(canonical(observed)),
    changes: changesDigest(changes),
  };
}

/**
 * The fingerprint, computed on first call and then kept. Hashing every stack and change costs as
 * much as planning them (and holds a second copy of the plan while it runs), and only a written
 * plan file (`plan --out`) or a saved plan being checked (`apply PLANFILE`) needs it.
 */
export function lazyFingerprint(...args: Parameters<typeof planFingerprint>): () => PlanFingerprint {
  let memo: PlanFingerprint | undefined;
  return () => (memo ??= planFingerprint(...args));
}
