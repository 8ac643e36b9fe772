/**
 * Issue #9 start-up benchmark: `gwlb --version` and `gwlb validate` of one example, each spawned
 * N times beside a bare `node -e ''`, as median wall and CPU time and their ratio to bare Node.
 * A CLI that loads the AWS SDK or ink for every command pays for them on `--version` too; the
 * goal is ≤ 3× bare Node for both. Prints figures only, asserts nothing.
 *
 * CPU time is measured because the wall clock on a shared machine mostly measures the other
 * processes. Node cannot read a child's rusage, but Linux adds every waited-for child's CPU to
 * the parent's cutime/cstime (/proc/self/stat), and spawnSync waits: the delta around one spawn
 * is that child's user+sys time, to one clock tick (10 ms). Elsewhere only wall time is shown.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** The repository root: this file runs from dist/bench/. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GWLB = join(ROOT, 'bin', 'gwlb.js');
const EXAMPLE = join(ROOT, 'examples', 'alb-http-https');
const RUNS = 15;
/** USER_HZ: the unit of /proc's times. 100 on every Linux that Node supports. */
const CLOCK_TICK_MS = 10;

interface Sample {
  readonly wallMs: number;
  /** undefined where /proc/self/stat is unreadable (not Linux). */
  readonly cpuMs: number | undefined;
}

/** cutime + cstime of this process in ms: CPU time of children it has waited for. */
function childrenCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 of the rest (state is 3).
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) * CLOCK_TICK_MS : undefined;
}

function runOnce(args: readonly string[]): Sample {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const wallMs = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return { wallMs, cpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Figures {
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
}

const cell = (ms: number, base: number) => `${ms.toFixed(0).padStart(5)} ms ${`(${(ms / base).toFixed(1)}x)`.padStart(7)}`;

export function runStartupBench(runs = RUNS): void {
  const cases: [string, readonly string[]][] = [
    ["node -e ''", ['-e', '']],
    ['gwlb --version', [GWLB, '--version']],
    ['gwlb validate -f examples/alb-http-https', [GWLB, 'validate', '-f', EXAMPLE]],
  ];
  // Interleaved rounds, so load from other processes falls on every case alike.
  const figures = cases.map(() => ({ wall: [] as number[], cpu: [] as (number | undefined)[] }));
  for (const [, args] of cases) runOnce(args);
  for (let i = 0; i < runs; i++) {
    cases.forEach(([, args], k) => {
      const s = runOnce(args);
      figures[k]!.wall.push(s.wallMs);
      figures[k]!.cpu.push(s.cpuMs);
    });
  }
  const summary: Figures[] = figures.map((f) => ({ wallMs: median(f.wall), cpuMs: f.cpu.every((c) => c !== undefined) ? median(f.cpu as number[]) : undefined }));
  const base = summary[0]!;
  console.log(`start-up, median of ${runs} runs (goal: ≤ 3x bare node)`);
  console.log(`  ${''.padEnd(42)} ${'wall'.padStart(14)}   ${'cpu (user+sys)'.padStart(14)}`);
  cases.forEach(([name], k) => {
    const f = summary[k]!;
    const cpu = f.cpuMs !== undefined && base.cpuMs ? cell(f.cpuMs, base.cpuMs) : 'n/a';
    console.log(`  ${name.padEnd(42)} ${cell(f.wallMs, base.wallMs)}   ${cpu}`);
  });
}

// `node dist/bench/startup-bench.js [runs]` runs this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runStartupBench(Number(process.argv[2]) || RUNS);
