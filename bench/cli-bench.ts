/**
 * Issue #13 benchmark: cold CLI runs on the 200 Gateways / 5,000 routes input (5.1 MB of YAML,
 * the parse bench's) and on twice that input — `gwlb validate`, `gwlb explain -o json`,
 * `gwlb model -o json` and `gwlb plan --offline`, each spawned as a user runs it (start-up
 * included, output to /dev/null). Prints each figure's CPU time (user + system) beside wall time
 * and peak RSS, the 2x/1x CPU ratio, and the targets. The child reports its own CPU time
 * and peak RSS through usage-probe.ts; best of N runs, interleaved so load from other processes
 * falls on every case alike. Prints figures only, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { doubled, generateManifests, type Scale } from './generate.js';

/** The repository root: this file runs from dist/bench/. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GWLB = join(ROOT, 'bin', 'gwlb.js');
const PROBE = join(ROOT, 'dist', 'bench', 'usage-probe.js');
const RUNS = 3;

interface Usage {
  readonly cpuMs: number;
  /** The main thread's CPU (Linux); the rest is V8's workers (GC, background compilation). */
  readonly mainCpuMs?: number;
  readonly wallMs: number;
  readonly maxRssMiB: number;
}

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** CPU target in ms for the 1x input; the RSS target in MiB, where the issue sets one. */
  readonly cpuTargetMs: number;
  readonly rssTargetMiB?: number;
}

const CASES: readonly Case[] = [
  { name: 'gwlb validate', args: ['validate'], cpuTargetMs: 2500 },
  { name: 'gwlb explain -o json', args: ['explain', '-o', 'json'], cpuTargetMs: 2500 },
  { name: 'gwlb model -o json', args: ['model', '-o', 'json'], cpuTargetMs: 4000 },
  { name: 'gwlb plan --offline', args: ['plan', '--offline'], cpuTargetMs: 4000, rssTargetMiB: 400 },
];

/** 2x the input may cost at most this much more CPU (linear = 2.0; start-up makes it less). */
const RATIO_TARGET = 2.1;

function runOnce(args: readonly string[], usageFile: string): Usage {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', PROBE, GWLB, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', GWLB_BENCH_USAGE: usageFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (r.status !== 0) throw new Error(`gwlb ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 2000)}`);
  const u = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; mainCpuMs?: number; maxRssMiB: number };
  return { cpuMs: u.cpuMs, ...(u.mainCpuMs !== undefined ? { mainCpuMs: u.mainCpuMs } : {}), wallMs, maxRssMiB: u.maxRssMiB };
}

/**
 * Per figure: the least CPU, wall and peak RSS seen (each the run's own cost without others'
 * load); the main-thread share is that of the least-CPU run.
 */
function best(samples: readonly Usage[]): Usage {
  const leastCpu = samples.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  return {
    cpuMs: leastCpu.cpuMs,
    ...(leastCpu.mainCpuMs !== undefined ? { mainCpuMs: leastCpu.mainCpuMs } : {}),
    wallMs: Math.min(...samples.map((s) => s.wallMs)),
    maxRssMiB: Math.min(...samples.map((s) => s.maxRssMiB)),
  };
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');

export function runCliBench(runs = RUNS): void {
  const base: Scale = { gateways: 200, routes: 5000, rulesPerRoute: 4, withinAlbQuota: true };
  const dir = mkdtempSync(join(tmpdir(), 'gwlb-cli-bench-'));
  try {
    const inputs = [base, doubled(base)].map((scale, i) => {
      const file = join(dir, `input-${i + 1}x.yaml`);
      const text = generateManifests(scale);
      writeFileSync(file, text);
      return { scale, file, mb: Buffer.byteLength(text) / 1e6 };
    });
    const usageFile = join(dir, 'usage.json');
    const argsOf = (c: Case, file: string) => [...c.args, '-f', file, '--cluster-name', 'bench'];
    const samples = CASES.map(() => inputs.map(() => [] as Usage[]));
    for (let i = 0; i < runs; i++) {
      CASES.forEach((c, k) => inputs.forEach((input, j) => samples[k]![j]!.push(runOnce(argsOf(c, input.file), usageFile))));
    }
    const [one, two] = inputs as [(typeof inputs)[0], (typeof inputs)[0]];
    console.log(
      `cold CLI: ${one.scale.gateways} Gateways / ${one.scale.routes} HTTPRoutes (${one.mb.toFixed(1)} MB) and 2x (${two.mb.toFixed(1)} MB), spawned, best of ${runs}; CPU = user + system of the child (median of the runs beside it; main = its JavaScript thread, the rest is V8's GC and compiler threads)`,
    );
    console.log(`  ${''.padEnd(22)} ${'CPU'.padStart(8)} ${'median'.padStart(8)} ${'main'.padStart(8)} ${'wall'.padStart(8)} ${'peak RSS'.padStart(9)}   ${'2x CPU'.padStart(8)} ${'2x wall'.padStart(8)} ${'2x RSS'.padStart(9)}   2x/1x CPU   targets`);
    CASES.forEach((c, k) => {
      const a = best(samples[k]![0]!);
      const b = best(samples[k]![1]!);
      const ratio = b.cpuMs / a.cpuMs;
      const targets = [
        `CPU ≤ ${sec(c.cpuTargetMs)} ${mark(a.cpuMs <= c.cpuTargetMs)}`,
        ...(c.rssTargetMiB !== undefined ? [`RSS ≤ ${c.rssTargetMiB} MiB ${mark(a.maxRssMiB <= c.rssTargetMiB)}`] : []),
        `2x ≤ ${RATIO_TARGET} ${mark(ratio <= RATIO_TARGET)}`,
      ].join(', ');
      const mib = (u: Usage) => `${u.maxRssMiB.toFixed(0)} MiB`;
      const med = sec(median(samples[k]![0]!.map((u) => u.cpuMs)));
      const main = a.mainCpuMs !== undefined ? sec(a.mainCpuMs) : '-';
      console.log(
        `  ${c.name.padEnd(22)} ${sec(a.cpuMs).padStart(8)} ${med.padStart(8)} ${main.padStart(8)} ${sec(a.wallMs).padStart(8)} ${mib(a).padStart(9)}   ${sec(b.cpuMs).padStart(8)} ${sec(b.wallMs).padStart(8)} ${mib(b).padStart(9)}   ${ratio.toFixed(2).padStart(9)}   ${targets}`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node dist/bench/cli-bench.js [runs]` runs this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runCliBench(Number(process.argv[2]) || RUNS);
