import { describe, expect, it } from 'vitest';
import { albStack, plan } from './fixtures.test-util.js';
import { changesDigest, planFingerprint } from './fingerprint.js';
import { EMPTY_OBSERVED } from './observed.js';
import { judgeSavedPlan, type SavedPlanFile } from './saved-plan.js';

function saved(p: ReturnType<typeof plan>): SavedPlanFile {
  const file = JSON.parse(JSON.stringify({ ...p, fingerprint: planFingerprint([], {}, EMPTY_OBSERVED, p.resource_changes) })) as SavedPlanFile;
  return file;
}

describe('judgeSavedPlan', () => {
  const p = plan([albStack()], EMPTY_OBSERVED);
  const fingerprint = planFingerprint([], {}, EMPTY_OBSERVED, p.resource_changes);
  const now = { plan: p, fingerprint: () => fingerprint };

  it('a file read back from JSON is current against the same plan', () => {
    expect(changesDigest(saved(p).resource_changes)).toBe(fingerprint.changes);
    expect(judgeSavedPlan(saved(p), now)).toEqual({ kind: 'current' });
  });

  it('edited changes, a missing digest, offline and errored plans are refused, in that order', () => {
    const file = saved(p);
    const edited = { ...file, resource_changes: (file.resource_changes as unknown[]).slice(1) };
    expect(judgeSavedPlan(edited, now).kind).toBe('edited');
    expect(judgeSavedPlan({ ...file, fingerprint: { inputs: file.fingerprint.inputs, observed: file.fingerprint.observed } }, now).kind).toBe('no-changes-digest');
    expect(judgeSavedPlan({ ...file, mode: 'offline' }, now).kind).toBe('offline');
    expect(judgeSavedPlan({ ...file, errored: true }, now).kind).toBe('errored');
  });

  it('same inputs and account but another plan now: refused, naming the first differing address', () => {
    const other = plan([albStack({ paths: ['/a', '/c'] })], EMPTY_OBSERVED);
    const verdict = judgeSavedPlan(saved(p), { plan: other, fingerprint: () => planFingerprint([], {}, EMPTY_OBSERVED, other.resource_changes) });
    expect(verdict.kind).toBe('different');
    expect(verdict).toHaveProperty('address', other.resource_changes.find((rc, i) => JSON.stringify(rc) !== JSON.stringify(p.resource_changes[i]))!.address);
  });
});
