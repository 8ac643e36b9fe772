/**
 * Issue #3 benchmark: 200 Gateways / 5,000 HTTPRoutes / 20,000 rules. Prints the model build
 * time (and the offline plan when the plan stage is given) beside the YAML parse time of the
 * same input, heap held by the stacks, and the time ratios for twice the input.
 */
import { parseAllDocuments } from 'yaml';
import { buildStacks, defaultClusterSettings, OFFLINE_FACTS, type Stack } from '../src/model/index.js';
import { resolve } from '../src/resolve/index.js';
import { loadTexts } from '../src/source/load.js';
import { doubled, generateManifests, type Scale } from './generate.js';
import { fmt, heapOf, time } from './measure.js';

/** A later stage timed on the model's output (the offline plan), if there is one. */
export interface DownstreamStage {
  readonly name: string;
  run(stacks: readonly Stack[]): unknown;
}

interface Row {
  readonly scale: Scale;
  readonly parseMs: number;
  readonly modelMs: number;
  readonly downstreamMs?: number;
  readonly stacks: number;
  readonly resources: number;
  readonly heapMiB: number;
}

function measure(scale: Scale, downstream?: DownstreamStage): Row {
  const text = generateManifests(scale);
  const parseMs = time(2, () => parseAllDocuments(text));
  const resolution = resolve(loadTexts([{ file: 'bench.yaml', text }]).snapshot);
  const input = { facts: OFFLINE_FACTS, settings: defaultClusterSettings('bench') };
  const modelMs = time(3, () => buildStacks(resolution, input));
  const { stacks } = buildStacks(resolution, input);
  const downstreamMs = downstream ? time(3, () => downstream.run(stacks)) : undefined;
  const heapMiB = heapOf(() => buildStacks(resolution, input));
  const resources = stacks.reduce((n, s) => n + s.resources.length, 0);
  return { scale, parseMs, modelMs, ...(downstreamMs !== undefined ? { downstreamMs } : {}), stacks: stacks.length, resources, heapMiB };
}

export function runModelBench(downstream?: DownstreamStage): void {
  const base: Scale = { gateways: 200, routes: 5000, rulesPerRoute: 4, withinAlbQuota: true };
  const rows = [measure(base, downstream), measure(doubled(base), downstream)];
  const later = downstream ? ` + ${downstream.name}` : '';
  console.log(`model${later}: Gateways / HTTPRoutes / route rules → YAML parse, model build${later}, stack resources, heap held by the stacks`);
  for (const r of rows) {
    const extra = r.downstreamMs !== undefined ? `, ${downstream!.name} ${fmt(r.downstreamMs)}` : '';
    console.log(
      `  ${r.scale.gateways} / ${r.scale.routes} / ${r.scale.routes * r.scale.rulesPerRoute}: parse ${fmt(r.parseMs)}, model ${fmt(r.modelMs)}${extra}, ${r.stacks} stacks / ${r.resources} resources, heap ${r.heapMiB.toFixed(0)} MiB`,
    );
  }
  const [a, b] = rows as [Row, Row];
  const total = (r: Row) => r.modelMs + (r.downstreamMs ?? 0);
  console.log(`  model${later} / parse time: ${(total(a) / a.parseMs).toFixed(3)}`);
  const ds = a.downstreamMs !== undefined && b.downstreamMs !== undefined ? `, ${downstream!.name} ${(b.downstreamMs / a.downstreamMs).toFixed(2)}` : '';
  console.log(`  2x input time ratio: parse ${(b.parseMs / a.parseMs).toFixed(2)}, model ${(b.modelMs / a.modelMs).toFixed(2)}${ds} (linear = 2.00)`);
  console.log(`  peak RSS so far: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
}
