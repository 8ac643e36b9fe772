/**
 * AWS throttling during a `watch --apply` round (issue 11). The emulator answers with the real
 * throttling errors: ELBv2 and EC2 writes get the services' throttling answers, and their
 * mutating buckets are cut to 2 calls a second, below what the client's pacing (aws/pace.ts, set
 * to AWS's documented rates) expects, so a burst meets the buckets too. The SDK's standard retry
 * absorbs them: the round ends with `apply_done` `failed: 0`, `matches: true`, and no action
 * reports a failure.
 * When an action still fails (throttling that outlasts the SDK's 10 attempts, about a minute of
 * back-off; an injected error that is not retried stands in for it here, as faults.test.ts does
 * for a crash), the round reports `error` and the loop's retry round — a whole one — converges.
 * Watch runs in-process: the process boundary is not what is tested.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/run/settings.js';
import type { WatchEvent } from '../../src/watch/events.js';
import { WatchLoop } from '../../src/watch/loop.js';
import { runRound, type RoundConfig } from '../../src/watch/round.js';
import { ROOT } from '../cli/run-cli.js';
import { CLUSTER, planInProcess, runCliInProcess, sandboxAccount, trackingProblems, type Account } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');

type Event = WatchEvent | { readonly format_version: string };
const isEvent = (e: Event): e is WatchEvent => 'type' in e;
const ofType = <T extends WatchEvent['type']>(events: readonly WatchEvent[], type: T) => events.filter((e): e is Extract<WatchEvent, { type: T }> => e.type === type);

describe('watch --apply under AWS throttling', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('a round whose apply is throttled retries, and ends with apply_done failed 0, matches true', async () => {
    acct = await sandboxAccount();
    const c = acct.emu.controls;
    c.setThrottling({ enabled: true, overrides: { 'elbv2:mutating': { capacity: 2, refillPerSecond: 2 }, 'ec2:mutating': { capacity: 2, refillPerSecond: 2 } } });
    // Throttling answers on ELBv2 and EC2 writes, twice on CreateRule (the SDK backs off 0–1 s, then 0–2 s).
    const throttled = [
      { action: 'elbv2:CreateRule', times: 2 },
      { action: 'elbv2:CreateTargetGroup', times: 1 },
      { action: 'ec2:CreateSecurityGroup', times: 1 },
    ];
    for (const t of throttled) c.addFailure({ ...t, error: { kind: 'throttling' } });
    const r = await runCliInProcess(['watch', '--once', '--apply', '-o', 'json', '-f', ALB, ...acct.flags]);
    const events = r.stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Event)
      .filter(isEvent);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The emulator did throttle: injected answers, and its own buckets.
    const injected = c.failures().reduce((n, f) => n + f.failed, 0);
    expect(injected).toBe(4);
    // Each throttled call was sent again, and got through.
    for (const f of c.failures()) expect(f.seen).toBeGreaterThan(f.failed);
    expect(ofType(events, 'apply_progress').filter((e) => e.state === 'failed')).toEqual([]);
    expect(ofType(events, 'apply_done')).toEqual([expect.objectContaining({ failed: 0, not_done: 0, interrupted: false, matches: true })]);
    expect(ofType(events, 'error')).toEqual([]);
    c.clearFailures();
    c.setThrottling({ enabled: false });
    expect((await planInProcess(acct, [ALB])).code).toBe(0);
    expect(trackingProblems(acct.emu)).toEqual([]);
  });

  it('an action that still fails makes the round report an error; the retry round reads the whole account and converges', async () => {
    acct = await sandboxAccount();
    const a = acct;
    // The third write fails once, past any retry.
    a.emu.controls.addFailure({ writesOnly: true, nth: 3, times: 1, error: { kind: 'error', code: 'InjectedOutlastedRetries', message: 'Rate exceeded (after the SDK gave up)', status: 400 } });
    const events: WatchEvent[] = [];
    const waiters = new Set<() => void>();
    const cfg: RoundConfig = {
      settings: loadSettings({ clusterName: CLUSTER }),
      files: [ALB],
      target: { kind: 'endpoint', url: a.emu.endpoint },
      apply: true,
      prune: false,
      takeOver: false,
      readInput: async () => ({}),
      signal: new AbortController().signal,
      emit: (e) => {
        events.push(e);
        for (const w of waiters) w();
      },
      onDiagnostics: () => {},
      now: () => new Date(),
    };
    const loop = new WatchLoop({ sources: [], resyncMs: 0, runRound: (n, t) => runRound(cfg, n, t), emit: cfg.emit, retry: { baseMs: 50, maxMs: 200 } });
    const converged = new Promise<void>((resolve) => {
      const check = () => {
        if (ofType(events, 'apply_done').some((e) => e.round === 2)) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
    });
    loop.start();
    await converged;
    await loop.stop('SIGTERM');

    const done = ofType(events, 'apply_done');
    expect(done[0]).toMatchObject({ round: 1, failed: 1, matches: false });
    expect(ofType(events, 'apply_progress').find((e) => e.state === 'failed')?.error).toContain('Rate exceeded (after the SDK gave up)');
    expect(ofType(events, 'error').find((e) => e.round === 1)).toMatchObject({ phase: 'apply', retry_in_ms: 50 });
    expect(ofType(events, 'round_started').map((e) => e.trigger)).toEqual([{ kind: 'initial' }, { kind: 'retry', attempt: 1 }]);
    // The retry round is a whole one (round-reads.ts) and finishes the job.
    expect(ofType(events, 'plan').find((e) => e.round === 2)?.narrowed).toBeUndefined();
    expect(done[1]).toMatchObject({ round: 2, failed: 0, matches: true });
    expect((await planInProcess(a, [ALB])).code).toBe(0);
    expect(trackingProblems(a.emu)).toEqual([]);
  });
});
