/**
 * Issue #5 benchmark: 50 ALB Gateways applied from scratch to the in-process emulator with its
 * AWS rate limits (token buckets) on, then planned again with no changes. Drives the functions
 * `gwlb apply` / `gwlb plan` use (livePlan, executePlan, one AwsSession per run) without
 * spawning the CLI, so the times are the work and not process start-up. Prints times beside the
 * rate-limit floor and call counts beside the API minimum (aws-minimum.ts); asserts nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { executePlan } from '../src/apply/execute.js';
import { connectAws, type AwsConnection } from '../src/aws/clients.js';
import { AwsSession } from '../src/aws/session.js';
import { desiredState } from '../src/run/pipeline.js';
import type { GwlbSettings } from '../src/run/settings.js';
import { SEED_CLUSTER, SEED_VPC_ID, startEmulator, type RunningEmulator } from '../src/emulator/index.js';
import { bucketFor, defaultRates, type ServiceName } from '../src/aws-rules/request-rates.js';
import { hasErrors } from '../src/diagnostics.js';
import { defaultClusterSettings } from '../src/model/index.js';
import { livePlan } from '../src/observe/live-plan.js';
import { actionKind, hasChanges } from '../src/plan/index.js';
import { DEFAULT_CONTROLLER_NAMES } from '../src/resolve/types.js';
import { nsName } from '../src/source/kube.js';
import { minimumPlanCalls, type MinimumRow } from './aws-minimum.js';
import { generateManifests, type Scale } from './generate.js';
import { fmt } from './measure.js';

/** 50 ALBs (the default regional quota), 2 routes × 2 rules each on the HTTP listener. */
const SCALE: Scale = { gateways: 50, routes: 100, rulesPerRoute: 2, withinAlbQuota: true };

/**
 * The sandbox's three worker nodes as Node objects, so the apply registers instance targets (the
 * Services are NodePort) and opens the node security group, as LBC's TargetGroupBinding
 * controller would.
 */
function seededNodes(): string {
  return [1, 2, 3]
    .map(
      (i) => `apiVersion: v1
kind: Node
metadata:
  name: node-${i}
spec:
  providerID: aws:///us-west-2${'abc'[i - 1]}/i-0a5e000000000000${i}
status:
  conditions:
    - type: Ready
      status: "True"`,
    )
    .join('\n---\n');
}

type Counts = Record<string, number>;

/** This process's CPU time (user + system) in ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const isWrite = (op: string) => !/:(Describe|List|Get)/.test(op);

function diff(after: Counts, before: Counts): Counts {
  const out: Counts = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

async function session(emu: RunningEmulator, settings: GwlbSettings): Promise<{ conn: AwsConnection; session: AwsSession }> {
  const conn = await connectAws({ kind: 'endpoint', url: emu.endpoint });
  return { conn, session: new AwsSession(conn, settings.cluster.clusterName, settings.cluster.vpcId) };
}

/** The `desire` callback of apply.ts: manifests + discovered facts → desired stacks. */
function desireFrom(files: string[], settings: GwlbSettings, gateway?: string) {
  return async (facts: Parameters<typeof desiredState>[0]['facts']) => {
    const st = await desiredState({ files, settings, ...(facts ? { facts } : {}), ...(gateway ? { gateway } : {}) });
    return { ...st, inputGateways: st.resolution.gateways.map((g) => nsName(g.gateway)), errored: hasErrors(st.diagnostics) };
  };
}

/**
 * Σ over buckets of calls ÷ refill rate: the time the mutating calls need if the buckets were
 * drained one after another at their refill rate. Also the burst-aware bound for buckets that
 * refill in parallel: max over buckets of (calls − burst) ÷ rate.
 */
function rateFloor(writes: Counts): { rows: string[]; serialS: number; parallelS: number } {
  const rates = defaultRates();
  const buckets = new Map<string, { calls: number; rate: number; burst: number; actions: string[] }>();
  for (const [op, n] of Object.entries(writes)) {
    const [service, action] = op.split(':') as [ServiceName, string];
    const key = bucketFor(service, action, false);
    const spec = rates[key.bucket] ?? rates[key.category]!;
    const b = buckets.get(key.bucket) ?? { calls: 0, rate: spec.refillPerSecond, burst: spec.capacity, actions: [] };
    b.calls += n;
    b.actions.push(`${action} ${n}`);
    buckets.set(key.bucket, b);
  }
  const sorted = [...buckets].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    rows: sorted.map(([k, b]) => `    ${k.padEnd(40)} ${String(b.calls).padStart(5)} calls ÷ ${b.rate}/s = ${(b.calls / b.rate).toFixed(1)} s (burst ${b.burst})${b.actions.length > 1 ? `; ${b.actions.join(', ')}` : ''}`),
    serialS: sorted.reduce((s, [, b]) => s + b.calls / b.rate, 0),
    parallelS: Math.max(0, ...sorted.map(([, b]) => Math.max(0, b.calls - b.burst) / b.rate)),
  };
}

/** Calls per action beside the minimum and its formula, and the total as a sum of the formula's terms. */
function printCalls(title: string, changed: boolean, actual: Counts, rows: readonly MinimumRow[]): void {
  const known = new Set(rows.map((r) => r.action));
  const extra = Object.keys(actual).filter((op) => !known.has(op));
  const minTotal = rows.reduce((n, r) => n + r.minimum, 0);
  const total = Object.values(actual).reduce((n, v) => n + v, 0);
  console.log(`  ${title}: changes ${changed ? 'PRESENT (should be none)' : 'none'}; ${total} AWS calls vs minimum ${minTotal} (ratio ${(total / minTotal).toFixed(2)})`);
  const terms = rows.filter((r) => r.minimum > 0).map((r) => `${r.action.split(':')[1]} ${r.minimum}`);
  console.log(`    minimum = ${terms.join(' + ')}`);
  console.log(`    ${'action'.padEnd(38)} actual  min  minimum formula`);
  for (const r of rows) console.log(`    ${r.action.padEnd(38)} ${String(actual[r.action] ?? 0).padStart(6)} ${String(r.minimum).padStart(4)}  ${r.formula}`);
  for (const op of extra) console.log(`    ${op.padEnd(38)} ${String(actual[op]).padStart(6)} ${'0'.padStart(4)}  not needed by observe`);
}

export async function runAwsBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gwlb-aws-bench-'));
  const file = join(dir, 'bench.yaml');
  writeFileSync(file, `${generateManifests(SCALE)}---\n${seededNodes()}\n`);
  const emu = await startEmulator({ seed: true });
  emu.controls.setThrottling({ enabled: true });
  const settings: GwlbSettings = { cluster: defaultClusterSettings(SEED_CLUSTER), controllerNames: DEFAULT_CONTROLLER_NAMES, diagnostics: [] };
  const desire = desireFrom([file], settings);
  try {
    // --- apply from scratch, as `gwlb apply --auto-approve`: plan, execute, re-observe.
    const a = await session(emu, settings);
    const c0 = cpuMs();
    const t0 = performance.now();
    const live = await livePlan({ session: a.session, settings: settings.cluster, desire, prune: false });
    const afterPlan = a.conn.calls.byOperation();
    const t1 = performance.now();
    const c1 = cpuMs();
    const outcome = await executePlan({ plan: live.plan, desired: live.desired.stacks, observed: live.observed, session: a.session, settings: settings.cluster });
    const t2 = performance.now();
    const c2 = cpuMs();
    const throttledInApply = emu.controls.throttledCount();
    const afterExecute = a.conn.calls.byOperation();
    a.session.refresh();
    const verify = await livePlan({ session: a.session, settings: settings.cluster, desire, prune: false });
    const t3 = performance.now();
    const c3 = cpuMs();
    const attempts = a.conn.calls.attempts();
    await a.conn.close();
    const writes = Object.fromEntries(Object.entries(diff(afterExecute, afterPlan)).filter(([op]) => isWrite(op)));
    const floor = rateFloor(writes);
    const changes = live.plan.resource_changes.filter((rc) => actionKind(rc.change.actions) !== 'no-op').length;
    const executeS = (t2 - t1) / 1000;
    console.log(`aws: ${SCALE.gateways} Gateways / ${SCALE.routes} HTTPRoutes / ${SCALE.routes * SCALE.rulesPerRoute} route rules against the emulator, AWS rate limits on`);
    const byType = new Map<string, number>();
    for (const rc of live.plan.resource_changes) if (actionKind(rc.change.actions) !== 'no-op') byType.set(rc.type, (byType.get(rc.type) ?? 0) + 1);
    const kinds = [...byType].map(([t, k]) => `${t.split('::').pop()} ${k}`).join(', ');
    console.log(`  apply from scratch: ${changes} resource changes (${kinds}), ${outcome.done.length} done, ${outcome.failed.length} failed, ${outcome.notDone.length} not attempted; account matches after: ${!hasChanges(verify.plan)}`);
    console.log(`  wall: plan ${fmt(t1 - t0)}, execute ${fmt(t2 - t1)}, re-observe ${fmt(t3 - t2)}, total ${fmt(t3 - t0)}`);
    console.log(`  cpu (user+sys, gwlb and the in-process emulator): plan ${fmt(c1 - c0)}, execute ${fmt(c2 - c1)}, re-observe ${fmt(c3 - c2)}, total ${fmt(c3 - c0)}`);
    console.log(`  calls: ${Object.values(writes).reduce((n, v) => n + v, 0)} mutating in execute; ${a.conn.calls.total()} logical / ${attempts} HTTP attempts in all; throttling errors answered by the emulator: ${throttledInApply} in plan+execute, ${emu.controls.throttledCount()} by the end of re-observe`);
    console.log('  rate-limit floor = Σ over rate buckets (mutating calls in the bucket ÷ its refill rate):');
    for (const row of floor.rows) console.log(row);
    console.log(`    floor ${floor.serialS.toFixed(1)} s → execute / floor = ${(executeS / floor.serialS).toFixed(2)}`);
    // AWS's buckets start full and refill independently, so the Σ ignores both the bursts and the
    // parallelism across buckets; the bound below is the one the token buckets really impose.
    console.log(`    burst-aware bound = max over buckets (calls − burst) ÷ rate = ${floor.parallelS.toFixed(1)} s → execute / bound = ${floor.parallelS > 0 ? (executeS / floor.parallelS).toFixed(2) : 'n/a'}`);

    // --- a no-change plan for the same Gateways, as `gwlb plan` in a new process would.
    const p = await session(emu, settings);
    const throttledBefore = emu.controls.throttledCount();
    const again = await livePlan({ session: p.session, settings: settings.cluster, desire, prune: false });
    const actual = p.conn.calls.byOperation();
    await p.conn.close();
    console.log(`  throttling errors answered by the emulator in the no-change plan: ${emu.controls.throttledCount() - throttledBefore}`);
    printCalls('no-change plan', hasChanges(again.plan), actual, minimumPlanCalls(emu, SEED_VPC_ID, again.desired.stacks));

    // --- the same, narrowed to one Gateway, as `gwlb plan --gateway NS/NAME`.
    const scope = 'team-7/gw-7';
    const n = await session(emu, settings);
    const narrowed = await livePlan({ session: n.session, settings: settings.cluster, desire: desireFrom([file], settings, scope), prune: false, scope });
    const nActual = n.conn.calls.byOperation();
    await n.conn.close();
    printCalls(`no-change plan --gateway ${scope} (1 of ${SCALE.gateways})`, hasChanges(narrowed.plan), nActual, minimumPlanCalls(emu, SEED_VPC_ID, again.desired.stacks, scope));
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
