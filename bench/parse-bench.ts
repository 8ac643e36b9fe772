/**
 * Issue #13 benchmark: reading the 200 Gateways / 5,000 routes input (5.1 MB of YAML). Prints
 * gwlb's parse (values + positions) beside js-yaml's parse of the same text with a listener
 * recording every node's position (the fastest reader available), the checked reader that
 * gwlb falls back to, and parse + schema decoding; CPU time beside wall time (the machine may
 * be shared), and the ratio to js-yaml.
 */
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { parseChecked, parseManifest } from '../src/source/parse.js';
import { loadTexts } from '../src/source/load.js';
import { generateManifests, type Scale } from './generate.js';
import { fmt, timeCpu } from './measure.js';

/** js-yaml with a position recorded per node: the bar gwlb's parse is held to. */
function jsYamlWithPositions(text: string): unknown {
  const positions: number[] = [];
  const listener = (event: string, state: { position: number }) => {
    if (event === 'open') positions.push(state.position);
  };
  return [loadAll(text, undefined, { listener: listener as never }), positions];
}

export function runParseBench(): void {
  const scale: Scale = { gateways: 200, routes: 5000, rulesPerRoute: 4, withinAlbQuota: true };
  const text = generateManifests(scale);
  const input = { file: 'bench.yaml', text };
  const rows: [string, { wallMs: number; cpuMs: number }][] = [
    ['js-yaml + positions', timeCpu(3, () => jsYamlWithPositions(text))],
    ['gwlb parse', timeCpu(3, () => parseManifest(input))],
    ['gwlb parse + decode', timeCpu(3, () => loadTexts([input]))],
    ['checked reader (yaml)', timeCpu(1, () => parseChecked(input))],
  ];
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
  console.log(`parse: ${scale.gateways} Gateways / ${scale.routes} HTTPRoutes, ${mb} MB of YAML (best of runs; CPU = user + system)`);
  for (const [name, t] of rows) console.log(`  ${name.padEnd(24)} CPU ${fmt(t.cpuMs).padStart(8)}, wall ${fmt(t.wallMs).padStart(8)}`);
  const base = rows[0]![1];
  const ours = rows[1]![1];
  console.log(`  gwlb parse / js-yaml + positions: CPU ${(ours.cpuMs / base.cpuMs).toFixed(2)}, wall ${(ours.wallMs / base.wallMs).toFixed(2)} (target ≤ 1.5)`);
}

// `node dist/bench/parse-bench.js` runs this bench alone (bench/run.ts runs it with the others).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runParseBench();
