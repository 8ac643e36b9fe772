/**
 * `gwlb watch --apply -f DIR -o json` on files, end to end: the built CLI as a child process (the
 * process and its signals are the point) against an emulator in this process. One watch sees an
 * edit (saved as editors save: a new file renamed over the old), an added and a deleted manifest,
 * and a hand-made drift on an owned listener; each makes one round whose apply converges (the
 * next round plans no changes). A round that cannot read AWS plans nothing and is retried.
 * Then SIGTERM lands mid-apply: the call in flight finishes, no other starts, the watch exits
 * 143; a new `watch --once --apply` converges.
 */
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { runCliInProcess, sandboxAccount, trackingProblems, type Account } from './harness.js';
import { changeConverges as converges, roundEvents, spawnWatch, type WatchEvent, type WatchProcess } from './watch-process.js';

/** The next round a file change started from `from` on, converged. */
const changeConverges = (w: WatchProcess, from: number) => converges(w, from, 'files');

/** Saves as editors do: write a temporary file, then rename it over the original. */
function editorSave(path: string, text: string): void {
  const tmp = join(path, '..', `.${Date.now()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const EXTRA_ROUTE = (name: string, path: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: example-ns
spec:
  parentRefs:
    - name: my-alb-gateway
      sectionName: http
  rules:
    - matches:
        - path:
            value: ${path}
      backendRefs:
        - name: service-blue
          port: 80
`;

describe('gwlb watch --apply on files', () => {
  let acct: Account;
  let dir: string;
  beforeAll(async () => {
    acct = await sandboxAccount();
    dir = mkdtempSync(join(tmpdir(), 'gwlb-watch-'));
    cpSync(join(ROOT, 'examples', 'alb-http-https'), dir, { recursive: true });
  });
  afterAll(async () => {
    await acct.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans and applies each edit, addition and deletion once, repairs drift found by the resync, and stops on SIGTERM mid-apply', async () => {
    if (process.env['WATCH_DEBUG']) console.log('spawn', new Date().toISOString());
    const w = spawnWatch(['--apply', '-o', 'json', '-f', dir, '--resync', '1s', ...acct.flags]);
    // The in-process runs at the end load the CLI and the SDK: load them while the child works.
    const warm = Promise.all([import('../../src/cli/main.js'), import('../../src/watch/run.js')]);
    try {
      expect(await w.next('apply_done', 0, (e) => e.round === 1).then((r) => r.event)).toMatchObject({ matches: true, failed: 0 });
      expect(w.header()).toEqual({ format_version: '1.1' });

      // An edit saved through a rename: one round, one plan (a rule's condition changes).
      const routes = join(dir, 'routes.yaml');
      editorSave(routes, readFileSync(routes, 'utf8').replace('/alb-response', '/alb-elsewhere'));
      const edited = await changeConverges(w, w.events.length);
      expect(edited.plan.changes).toEqual([{ address: 'gateway["example-ns/my-alb-gateway"].listener_rule["80:1"]', action: 'update' }]);

      // A new manifest: its target group and rule are created.
      writeFileSync(join(dir, 'extra.yaml'), EXTRA_ROUTE('http-route-extra', '/extra'));
      const added = await changeConverges(w, edited.next);
      expect(added.plan).toMatchObject({ add: 2, destroy: 0 });

      // The manifest deleted: what it made is deleted (its Gateway stays in the input: no --prune needed).
      rmSync(join(dir, 'extra.yaml'));
      const deleted = await changeConverges(w, added.next);
      expect(deleted.plan).toMatchObject({ add: 0, destroy: 2 });
      expect(deleted.plan.changes.filter((c) => c.action === 'delete').map((c) => c.address)).toEqual(added.plan.changes.filter((c) => c.action === 'create').map((c) => c.address).reverse());
      // Each change made exactly one round with one plan; each apply was verified by a plan with
      // no changes (apply_done.matches), and the next round, the resync's, plans none either.
      const fileRounds = w.events.filter((e) => e.type === 'round_started' && e.trigger.kind === 'files').map((e) => ('round' in e ? e.round : 0));
      expect(fileRounds).toEqual([edited.round, added.round, deleted.round]);
      for (const r of [edited.round, added.round, deleted.round]) expect(roundEvents(w, r).filter((e) => e.type === 'plan')).toHaveLength(1);
      const resync = await w.next('round_started', deleted.next);
      expect(resync.event.trigger).toEqual({ kind: 'resync' });
      expect((await w.next('plan', resync.index)).event.has_changes).toBe(false);

      // Drift: the listener on port 80 changed by hand; the resync finds it and the apply repairs it.
      const lbs = await acct.elbv2.send(new DescribeLoadBalancersCommand({}));
      const listeners = await acct.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbs.LoadBalancers![0]!.LoadBalancerArn! }));
      const l80 = listeners.Listeners!.find((l) => l.Port === 80)!;
      const beforeDrift = w.events.length;
      await acct.elbv2.send(new ModifyListenerCommand({ ListenerArn: l80.ListenerArn!, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain' } }] }));
      const drift = await w.next('drift', beforeDrift);
      expect(drift.event.addresses).toEqual(['gateway["example-ns/my-alb-gateway"].listener["80"]']);
      const repaired = await w.next('apply_done', drift.index, (e) => e.round === drift.event.round);
      expect(repaired.event).toMatchObject({ matches: true, failed: 0 });
      const after = await acct.elbv2.send(new DescribeListenersCommand({ ListenerArns: [l80.ListenerArn!] }));
      expect(after.Listeners![0]!.DefaultActions![0]!.FixedResponseConfig?.StatusCode).not.toBe('503');

      // AWS cannot be read: the round reports it and plans nothing (no deletion for what it could
      // not see); the retry a second later plans no changes.
      acct.emu.controls.addFailure({ action: 'DescribeLoadBalancers', error: { kind: 'error', code: 'AccessDenied', message: 'not now', status: 403 } });
      const beforeFailure = w.events.length;
      writeFileSync(routes, readFileSync(routes, 'utf8'));
      const failed = await w.next('error', beforeFailure, (e) => e.phase === 'read');
      expect(failed.event).toMatchObject({ retry_in_ms: 1000 });
      expect(failed.event.message).toContain('AccessDenied');
      expect(roundEvents(w, failed.event.round).filter((e) => e.type === 'plan')).toEqual([]);
      // The next round (the retry, or a resync that came first) sees everything still there.
      const retry = await w.next('round_started', failed.index);
      expect((await w.next('plan', retry.index)).event.has_changes).toBe(false);

      // SIGTERM while an apply runs: the create in flight finishes, the rule is not started.
      acct.emu.controls.setLatency({ perAction: { CreateTargetGroup: 800, CreateRule: 800 } });
      const beforeSigterm = w.events.length;
      writeFileSync(join(dir, 'late.yaml'), EXTRA_ROUTE('http-route-late', '/late'));
      await w.next('apply_progress', beforeSigterm, (e) => e.state === 'started');
      const signalled = Date.now();
      w.child.kill('SIGTERM');
      const exit = await w.exited;
      expect(Date.now() - signalled).toBeLessThan(7000);
      expect(exit.code).toBe(143);
      const tail: WatchEvent[] = w.events.slice(beforeSigterm);
      expect(tail.filter((e) => e.type === 'apply_progress' && e.state === 'started')).toHaveLength(1);
      const cut = tail.find((e) => e.type === 'apply_done');
      expect(cut).toMatchObject({ interrupted: true, done: 1, failed: 0 });
      expect(cut?.type === 'apply_done' && cut.not_done).toBeGreaterThan(0);
      expect(tail.at(-1)).toMatchObject({ type: 'stopped', reason: 'SIGTERM', apply_cut_short: true });
      expect(w.stderr()).toBe('');
    } finally {
      if (process.env['WATCH_DEBUG']) console.log(w.events.map((e) => `${e.time} ${e.type} ${'round' in e ? e.round : ''}`).join('\n'));
      w.child.kill('SIGKILL');
    }

    // A new watch converges: one round applies the rest, and a plan after it has no changes.
    acct.emu.controls.setLatency({ perAction: {} });
    await warm;
    const once = await runCliInProcess(['watch', '--once', '--apply', '-f', dir, ...acct.flags]);
    expect(once.stderr).toBe('');
    expect(once.code).toBe(0);
    expect(once.stdout).toMatch(/apply: [1-9]\d* done; the account matches the manifests/);
    if (process.env['WATCH_DEBUG']) console.log('once done', new Date().toISOString());
    const plan = await runCliInProcess(['watch', '--once', '--detailed-exitcode', '-f', dir, ...acct.flags]);
    expect(plan.stdout).toContain('plan: no changes');
    expect(plan.code).toBe(0);
    expect(trackingProblems(acct.emu)).toEqual([]);
  });
});
