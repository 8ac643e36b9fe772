/**
 * Issue #2 benchmark: 200 Gateways / 5,000 HTTPRoutes. Prints the YAML parse time of the input,
 * the load (parse + decode + validate) and resolve times, heap held, and the ratios for twice
 * the input — resolve must stay linear.
 */
import { parseAllDocuments } from 'yaml';
import { loadTexts } from '../src/source/load.js';
import { resolve } from '../src/resolve/index.js';
import { doubled, generateManifests, type Scale } from './generate.js';
import { fmt, heapOf, time } from './measure.js';

interface Row {
  readonly scale: Scale;
  readonly bytes: number;
  readonly parseMs: number;
  readonly loadMs: number;
  readonly resolveMs: number;
  readonly heapMiB: number;
}

function measure(scale: Scale): Row {
  const text = generateManifests(scale);
  const texts = [{ file: 'bench.yaml', text }];
  const parseMs = time(3, () => parseAllDocuments(text));
  const loadMs = time(3, () => loadTexts(texts));
  const { snapshot } = loadTexts(texts);
  const resolveMs = time(5, () => resolve(snapshot));
  const heapMiB = heapOf(() => resolve(loadTexts(texts).snapshot));
  return { scale, bytes: text.length, parseMs, loadMs, resolveMs, heapMiB };
}

export function runResolveBench(): void {
  const base: Scale = { gateways: 200, routes: 5000, rulesPerRoute: 2 };
  const rows = [measure(base), measure(doubled(base))];
  console.log('resolve: Gateways / HTTPRoutes → YAML parse, load (parse+decode+validate), resolve, heap held');
  for (const r of rows) {
    console.log(
      `  ${r.scale.gateways} / ${r.scale.routes} (${(r.bytes / 1e6).toFixed(1)} MB YAML): parse ${fmt(r.parseMs)}, load ${fmt(r.loadMs)}, resolve ${fmt(r.resolveMs)}, heap ${r.heapMiB.toFixed(0)} MiB`,
    );
  }
  const [a, b] = rows as [Row, Row];
  console.log(`  resolve / parse time: ${(a.resolveMs / a.parseMs).toFixed(3)}`);
  console.log(`  2x input time ratio: parse ${(b.parseMs / a.parseMs).toFixed(2)}, load ${(b.loadMs / a.loadMs).toFixed(2)}, resolve ${(b.resolveMs / a.resolveMs).toFixed(2)} (linear = 2.00)`);
  console.log(`  peak RSS so far: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
}
