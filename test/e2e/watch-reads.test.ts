/**
 * A watch round started by a change reads only the stacks of the Gateways the change reached
 * (watch/round-reads.ts): a one-route edit in a 10-Gateway input makes that stack's per-stack
 * Describe calls and no other stack's, where a whole round makes them for all 10. A narrowed round
 * never plans a deletion for a stack it did not read, even with --prune and an orphan in the
 * account; the next whole round (a resync, or a Gateway leaving the input) judges and prunes it.
 * The rounds run in-process (runRound, as the loop calls it) against an emulator in this process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/generate.js';
import { minimumPlanCalls } from '../../bench/aws-minimum.js';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { desiredState } from '../../src/run/pipeline.js';
import { loadSettings } from '../../src/run/settings.js';
import { loadManifests } from '../../src/source/load.js';
import type { WatchEvent } from '../../src/watch/events.js';
import { runRound, type RoundConfig, type RoundResult } from '../../src/watch/round.js';
import type { Trigger } from '../../src/watch/triggers.js';
import { CLUSTER, runCliInProcess, sandboxAccount, type Account } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-watch-reads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 10 ALB Gateways (team-N/gw-N), 2 routes each on the HTTP listener.
const MANIFESTS = generateManifests({ gateways: 10, routes: 20, rulesPerRoute: 1, withinAlbQuota: true });
const EDITED = 'team-3/gw-3';
const FILES: Trigger = { kind: 'files', paths: ['gateways.yaml'] };

/** Per-stack reads: one of each per stack (DescribeListeners), per listener (rules), per HTTPS listener (certificates). */
const PER_STACK = ['elbv2:DescribeListeners', 'elbv2:DescribeRules', 'elbv2:DescribeListenerCertificates'] as const;

function watchRounds(acct: Account, file: string, opts: { apply: boolean; prune: boolean; readInput?: RoundConfig['readInput'] }) {
  const events: WatchEvent[] = [];
  const cfg: RoundConfig = {
    settings: loadSettings({ clusterName: CLUSTER }),
    files: [file],
    target: { kind: 'endpoint', url: acct.emu.endpoint },
    apply: opts.apply,
    prune: opts.prune,
    takeOver: false,
    readInput: opts.readInput ?? (async () => ({})),
    signal: new AbortController().signal,
    emit: (e) => events.push(e),
    onDiagnostics: () => {},
    now: () => new Date(),
  };
  let n = 0;
  return {
    events,
    settings: cfg.settings,
    round: async (trigger: Trigger) => {
      const result = await runRound(cfg, ++n, trigger);
      const plan = events.filter((e): e is Extract<WatchEvent, { type: 'plan' }> => e.type === 'plan' && e.round === n).at(-1);
      return { result, plan, n };
    },
  };
}

const planned = (r: RoundResult) => {
  if (r.kind !== 'planned') throw new Error(`round failed: ${r.message}`);
  return r;
};
const perStack = (acct: Account) => Object.fromEntries(PER_STACK.map((a) => [a, acct.emu.controls.callCount(a)]));
const total = (acct: Account) => Object.values(acct.emu.controls.counters()).reduce((a, b) => a + b, 0);
/** Moves one route of gw-3 to another path: a one-route edit. */
const editRoute = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace('value: /svc-3/v0', 'value: /svc-3/edited'));

describe('watch: a round reads only what a change reaches', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('a one-route edit in 10 Gateways makes only that stack’s Describe calls', async () => {
    acct = await sandboxAccount();
    const a = acct;
    const file = join(dir, 'calls.yaml');
    writeFileSync(file, MANIFESTS);
    expect((await runCliInProcess(['apply', '--auto-approve', '-f', file, ...a.flags])).code).toBe(0);
    const w = watchRounds(a, file, { apply: false, prune: false });
    // The first round reads the whole account, as every round did before.
    a.emu.controls.resetCounters();
    const first = await w.round({ kind: 'initial' });
    const wholeCalls = { perStack: perStack(a), total: total(a) };
    const wholeCounters = a.emu.controls.counters();
    expect(first.plan).toMatchObject({ has_changes: false });
    expect(first.plan?.narrowed).toBeUndefined();
    // Each stack: one LB with one listener (HTTP; the routes attach there only).
    expect(wholeCalls.perStack).toEqual({ 'elbv2:DescribeListeners': 10, 'elbv2:DescribeRules': 10, 'elbv2:DescribeListenerCertificates': 0 });

    // A one-route edit after a clean round: narrowed to gw-3.
    editRoute(file);
    a.emu.controls.resetCounters();
    const narrowed = await w.round(FILES);
    const narrowedCalls = { perStack: perStack(a), total: total(a) };
    expect(narrowed.plan).toMatchObject({ narrowed: true, has_changes: true, gateways: [{ gateway: EDITED, change: 1 }] });
    expect(narrowedCalls.perStack).toEqual({ 'elbv2:DescribeListeners': 1, 'elbv2:DescribeRules': 1, 'elbv2:DescribeListenerCertificates': 0 });
    expect(planned(narrowed.result).plan.resource_changes.every((rc) => rc.stack === EDITED)).toBe(true);
    // The account-wide listings stay (ownership is only known from them): the rest is gone.
    // Exactly the fewest calls a plan of that one stack can make (bench/aws-minimum.ts, as
    // `plan --gateway` is held to in gateway-scope.test.ts), where the whole round made every stack's.
    const desired = (await desiredState({ files: [file], settings: w.settings, offline: true })).stacks;
    const minimum = (scope?: string) => Object.fromEntries(minimumPlanCalls(a.emu, SEED_VPC_ID, desired, scope).filter((row) => row.minimum > 0).map((row) => [row.action, row.minimum]));
    expect(a.emu.controls.counters()).toEqual(minimum(EDITED));
    expect(wholeCounters).toEqual(minimum());
    // 36 calls before, 14 now, for a 10-Gateway input (the listings and LB/TG tags stay).
    expect([wholeCalls.total, narrowedCalls.total]).toEqual([36, 14]);
  });

  it('a narrowed round never deletes a stack it did not read, even with --prune; whole rounds judge orphans', async () => {
    acct = await sandboxAccount();
    const a = acct;
    const file = join(dir, 'prune.yaml');
    const two = generateManifests({ gateways: 2, routes: 2, rulesPerRoute: 1, withinAlbQuota: true });
    writeFileSync(file, two);
    const w = watchRounds(a, file, { apply: true, prune: true });
    const lbs = () => Object.keys(a.emu.state.elbv2.loadBalancers).length;
    const deletes = (r: RoundResult) => planned(r).plan.resource_changes.filter((rc) => (rc.change.actions as readonly string[]).includes('delete')).map((rc) => rc.stack);
    const first = await w.round({ kind: 'initial' });
    expect(planned(first.result).apply).toMatchObject({ failed: 0, matches: true });

    // An owned stack whose Gateway is in no watched file: an orphan for --prune.
    const orphanFile = join(dir, 'orphan.yaml');
    writeFileSync(orphanFile, generateManifests({ gateways: 1, routes: 1, rulesPerRoute: 1, withinAlbQuota: true }).replaceAll('gw-0', 'orphan').replaceAll('team-0', 'team-x'));
    expect((await runCliInProcess(['apply', '--auto-approve', '-f', orphanFile, ...a.flags])).code).toBe(0);
    expect(lbs()).toBe(3);

    // A one-route edit: narrowed to gw-1, it does not read the orphan, so cannot delete it.
    writeFileSync(file, two.replace('value: /svc-1/v0', 'value: /svc-1/edited'));
    a.emu.controls.resetCounters();
    const edit = await w.round(FILES);
    expect(edit.plan).toMatchObject({ narrowed: true, gateways: [{ gateway: 'team-1/gw-1', change: 1 }] });
    expect(deletes(edit.result)).toEqual([]);
    expect(planned(edit.result).plan.prune).toBe(false);
    expect(planned(edit.result).apply).toMatchObject({ ran: true, failed: 0, matches: true });
    expect(a.emu.controls.callCount('elbv2:DeleteLoadBalancer')).toBe(0);
    expect(lbs()).toBe(3);

    // The resync reads the whole account: the orphan is judged and pruned there.
    const resync = await w.round({ kind: 'resync' });
    expect(resync.plan?.narrowed).toBeUndefined();
    expect(new Set(deletes(resync.result))).toEqual(new Set(['team-x/orphan']));
    expect(lbs()).toBe(2);

    // A Gateway leaving the input makes its round whole: its stack is read and pruned.
    writeFileSync(file, two.split('\n---\n').filter((d) => !/name: (gw-1|route-1)\n/.test(d)).join('\n---\n'));
    const left = await w.round(FILES);
    expect(left.plan?.narrowed).toBeUndefined();
    expect(new Set(deletes(left.result))).toEqual(new Set(['team-1/gw-1']));
    expect(planned(left.result).apply?.matches).toBe(true);
    expect(lbs()).toBe(1);
  });

  it('objects read whole each round (the cluster source) narrow the same way: by the stacks that changed', async () => {
    acct = await sandboxAccount();
    const a = acct;
    const file = join(dir, 'cluster.yaml');
    const two = generateManifests({ gateways: 2, routes: 2, rulesPerRoute: 1, withinAlbQuota: true });
    writeFileSync(file, two);
    expect((await runCliInProcess(['apply', '--auto-approve', '-f', file, ...a.flags])).code).toBe(0);
    const w = watchRounds(a, file, { apply: false, prune: false, readInput: async () => ({ loaded: await loadManifests([file]) }) });
    expect((await w.round({ kind: 'initial' })).plan).toMatchObject({ has_changes: false });
    writeFileSync(file, two.replace('value: /svc-1/v0', 'value: /svc-1/edited'));
    a.emu.controls.resetCounters();
    const edit = await w.round({ kind: 'cluster', objects: ['HTTPRoute team-1/route-1'] });
    expect(edit.plan).toMatchObject({ narrowed: true, gateways: [{ gateway: 'team-1/gw-1', change: 1 }] });
    expect(a.emu.controls.callCount('elbv2:DescribeListeners')).toBe(1);
    // An object that changes no stack (a Service's label) reads no stack at all.
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind: Service\nmetadata:\n  name: svc-0\n', 'kind: Service\nmetadata:\n  name: svc-0\n  labels: { team: a }\n'));
    a.emu.controls.resetCounters();
    const label = await w.round({ kind: 'cluster', objects: ['Service team-0/svc-0'] });
    expect(label.plan).toMatchObject({ narrowed: true, gateways: [] });
    expect(a.emu.controls.callCount('elbv2:DescribeListeners')).toBe(0);
  });
});
