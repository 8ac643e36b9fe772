/** Timing and memory helpers for benchmarks: best of N runs, heap peak sampled around a run. */
import { performance } from 'node:perf_hooks';

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Best wall time in ms over `runs` runs, after one warm-up. The minimum, not the median: with a
 * large live heap a major GC lands in some runs at random, and it is the algorithm's cost that
 * the 2x ratios are meant to show.
 */
export function time(runs: number, fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[0]!;
}

/** Heap growth in MiB while `fn`'s result is alive (needs --expose-gc to be meaningful). */
export function heapOf(fn: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  const after = process.memoryUsage().heapUsed;
  void kept;
  return (after - before) / (1024 * 1024);
}

export function fmt(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

/** Best wall and CPU time (user + system, `process.cpuUsage()`) in ms over `runs` runs, after one warm-up. */
export function timeCpu(runs: number, fn: () => unknown): { wallMs: number; cpuMs: number } {
  fn();
  let wallMs = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    const cpu = process.cpuUsage();
    const start = performance.now();
    fn();
    wallMs = Math.min(wallMs, performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}

/** `timeCpu` for async work: best wall and CPU time in ms over `runs` runs, after one warm-up. */
export async function timeCpuAsync(runs: number, fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  await fn();
  let wallMs = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    wallMs = Math.min(wallMs, performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}
