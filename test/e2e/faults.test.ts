/**
 * Faults (DESIGN.md quality bars): with throttling at tight rates and injected 5xx, apply still
 * converges (the SDK's standard retryer absorbs them); an apply that dies at AWS call k — for
 * every k of one apply — followed by another apply converges, with no untagged or duplicate
 * resource left. A non-retryable injected error stands in for the crash: the run stops there.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { apply, applyInProcess, plan, planInProcess, sandboxAccount, trackingProblems, type Account } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');

describe('apply under faults', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('converges with 20% of calls throttled and random 5xx, with tight rate limits too', async () => {
    acct = await sandboxAccount();
    const c = acct.emu.controls;
    c.setThrottling({ enabled: true, overrides: { 'elbv2:mutating': { capacity: 2, refillPerSecond: 2 }, 'elbv2:describe': { capacity: 5, refillPerSecond: 5 } } });
    // Every AWS call: one in five answers the real throttling error, one in twenty a 500 or 503.
    c.addFailure({ chance: 0.2, seed: 11, error: { kind: 'throttling' } });
    c.addFailure({ chance: 0.03, seed: 12, error: { kind: 'internal' } });
    c.addFailure({ chance: 0.02, seed: 13, error: { kind: 'unavailable' } });
    const applied = await apply(acct, [ALB]);
    expect(applied.stderr).not.toMatch(/gwlb apply:/);
    expect(applied.code).toBe(0);
    const injected = c.failures().reduce((n, r) => n + r.failed, 0);
    expect(injected).toBeGreaterThan(3);
    c.clearFailures();
    c.setThrottling({ enabled: false });
    expect((await plan(acct, [ALB])).code).toBe(0);
    expect(trackingProblems(acct.emu)).toEqual([]);
  });

  it('counts the calls of one clean apply', async () => {
    acct = await sandboxAccount();
    expect((await apply(acct, [ALB])).code).toBe(0);
    const total = Object.values(acct.emu.controls.counters()).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10);
    CALLS.total = total;
  });

  const CALLS = { total: 40 };
  // One test per k; k beyond the apply's length just means nothing failed. The sweep runs the
  // CLI in-process (the same `main`), or its 120 process starts would dominate the suite.
  for (let k = 1; k <= 40; k++) {
    it(`an apply that dies at call ${k} is finished by the next apply`, async () => {
      if (k > CALLS.total) return;
      acct = await sandboxAccount();
      const c = acct.emu.controls;
      c.addFailure({ nth: k, times: 1, error: { kind: 'error', code: 'InjectedCrash', message: `apply killed at call ${k}`, status: 400 } });
      const killed = await applyInProcess(acct, [ALB]);
      expect(killed.code).toBe(1);
      expect(killed.stderr + killed.stdout).toContain(`apply killed at call ${k}`);
      c.clearFailures();
      expect(trackingProblems(acct.emu)).toEqual([]);
      const again = await applyInProcess(acct, [ALB]);
      expect(again.code).toBe(0);
      expect((await planInProcess(acct, [ALB])).code).toBe(0);
      expect(trackingProblems(acct.emu)).toEqual([]);
    });
  }
});
