/**
 * Issue 11 benchmark: a watch round after one route is edited in a 1,000-route input, against a
 * cold run of the same input. Pure stages only (parse, decode, resolve, model, offline plan of
 * the rebuilt stacks): file reads and AWS calls are the loop's, not the engine's.
 *
 * Medians over many rounds, with no forced GC between them: a watch's rounds run with whatever
 * the collector does meanwhile, and a `gc()` before each timed round is not what a watch sees —
 * it frees the previous round's objects that V8's optimized code embeds, so the next round runs
 * deoptimized ("weak objects" in --trace-deopt) and costs about three times as much.
 */
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { loadSettings } from '../src/run/settings.js';
import { buildPlan } from '../src/plan/index.js';
import { EMPTY_OBSERVED } from '../src/plan/observed.js';
import type { Stack } from '../src/model/stack.js';
import type { ManifestText } from '../src/source/files.js';
import { IncrementalDesired, type Round } from '../src/watch/incremental.js';
import { generateManifests } from './generate.js';
import { fmt } from './measure.js';
import { FakeCluster, itemsOf } from './replan-cluster.js';

const FILES = 50;
const COLD_RUNS = 5;
const ROUNDS = 30;
const settings = loadSettings({ clusterName: 'bench' });

function filesOf(docs: readonly string[]): ManifestText[] {
  return Array.from({ length: FILES }, (_, f) => ({ file: `m${f}.yaml`, text: docs.filter((_d, i) => i % FILES === f).join('\n---\n') + '\n' }));
}

const planOf = (stacks: readonly Stack[]) =>
  buildPlan({ desired: stacks, observed: EMPTY_OBSERVED, settings: settings.cluster, mode: 'offline', prune: false, inputGateways: stacks.map((s) => s.id), errored: false });

/** Plans only the stacks the round rebuilt, as a watch round with unchanged others needs. */
function planRebuilt(round: Round): number {
  const ids = new Set(round.rebuilt === 'all' ? round.stacks.map((s) => s.id) : round.rebuilt);
  planOf(round.stacks.filter((s) => ids.has(s.id)));
  return ids.size;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly start: number;
  readonly end: number;
}

interface Figures {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Main-thread GC pauses inside the timed runs, median and mean per run (a major GC lands in few runs). */
  readonly gcMs: number;
  readonly gcMeanMs: number;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians of wall, CPU (user + system, every thread) and GC pause over `runs` runs, after one warm-up. */
async function measure(runs: number, fn: () => unknown): Promise<Figures> {
  // fn may be async: nothing else runs meanwhile, so its CPU time is still the round's.
  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  await fn();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    const end = performance.now();
    const used = process.cpuUsage(cpu);
    samples.push({ wallMs: end - start, cpuMs: (used.user + used.system) / 1000, start, end });
  }
  await new Promise((r) => setTimeout(r, 10)); // the observer is told on the event loop
  observer.disconnect();
  const gcIn = (s: Sample) => gcs.filter((g) => g.startTime >= s.start && g.startTime < s.end).reduce((n, g) => n + g.duration, 0);
  const gcPerRun = samples.map(gcIn);
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)), gcMs: median(gcPerRun), gcMeanMs: gcPerRun.reduce((a, b) => a + b, 0) / runs };
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;

export async function runReplanBench(): Promise<void> {
  const docs = generateManifests({ gateways: 40, routes: 1000, rulesPerRoute: 4, withinAlbQuota: true }).trimEnd().split('\n---\n');
  const before = filesOf(docs);
  const r = docs.findIndex((d) => d.includes('name: route-500\n'));
  const edited = [...docs];
  edited[r] = edited[r]!.replace('/svc-500/v0', '/svc-500/edited');
  const after = filesOf(edited);

  const cold = await measure(COLD_RUNS, () => planOf(new IncrementalDesired(settings).round(before).stacks));
  let rebuilt = 0;
  const warm = new IncrementalDesired(settings);
  warm.round(before);
  let flip = false;
  // Alternate the edit and its undo on one warm engine: every timed round sees one changed route.
  const replan = await measure(ROUNDS, () => {
    flip = !flip;
    rebuilt = planRebuilt(warm.round(flip ? after : before));
  });

  // A live watch round after a clean one reads and plans only the changed stacks (round-reads.ts);
  // an --offline round still plans every stack: what that costs.
  const stacks = warm.round(before).stacks;
  const planAll = await measure(5, () => planOf(stacks));

  // The same edit arriving from the cluster watch: one object with a new resourceVersion. Timed
  // from the watch's memory to the plan: the units listed, the changed object decoded, and so on.
  const cluster = new FakeCluster();
  const items = itemsOf(docs);
  for (const item of items) cluster.put(item);
  const editedItem = itemsOf([edited[r]!])[0]!;
  const clusterCold = await measure(COLD_RUNS, async () => planOf(new IncrementalDesired(settings).roundOf((await cluster.units()).units).stacks));
  const fromCluster = new IncrementalDesired(settings);
  fromCluster.roundOf((await cluster.units()).units);
  let clusterRebuilt = 0;
  const clusterRound = await measure(ROUNDS, async () => {
    flip = !flip;
    cluster.put(flip ? editedItem : items[r]!);
    clusterRebuilt = planRebuilt(fromCluster.roundOf((await cluster.units()).units));
  });

  console.log(`watch replan: one HTTPRoute edited in 40 Gateways / 1,000 HTTPRoutes / 4,000 rules in ${FILES} files (medians, no forced GC)`);
  console.log(`  cold run (parse, resolve, model, offline plan), ${COLD_RUNS} runs: ${fmt(cold.wallMs)} wall, ${fmt(cold.cpuMs)} CPU (GC pauses: median ${fmt(cold.gcMs)}, mean ${fmt(cold.gcMeanMs)})`);
  console.log(`  replan after the edit (${rebuilt} Gateway rebuilt, 1 file re-parsed), ${ROUNDS} rounds: ${fmt(replan.wallMs)} wall, ${fmt(replan.cpuMs)} CPU (GC pauses: median ${fmt(replan.gcMs)}, mean ${fmt(replan.gcMeanMs)})`);
  console.log(`  replan / cold: ${pct(replan.cpuMs, cold.cpuMs)} CPU, ${pct(replan.wallMs, cold.wallMs)} wall (issue 11 target ≤ 5%, ≤ 100 ms)`);
  console.log(`  note: an --offline watch round plans every stack (a live one only the changed stacks): ${stacks.length} stacks ${fmt(planAll.cpuMs)} CPU, ${pct(planAll.cpuMs, cold.cpuMs)} of the cold run`);
  console.log(`  cluster: first round (decode, resolve, model, offline plan of every object), ${COLD_RUNS} runs: ${fmt(clusterCold.wallMs)} wall, ${fmt(clusterCold.cpuMs)} CPU`);
  console.log(`  cluster round after the edit (${clusterRebuilt} Gateway rebuilt, 1 object decoded), ${ROUNDS} rounds: ${fmt(clusterRound.wallMs)} wall, ${fmt(clusterRound.cpuMs)} CPU (GC pauses: median ${fmt(clusterRound.gcMs)}, mean ${fmt(clusterRound.gcMeanMs)})`);
  console.log(`  cluster round / first round: ${pct(clusterRound.cpuMs, clusterCold.cpuMs)} CPU, ${pct(clusterRound.wallMs, clusterCold.wallMs)} wall`);
}
