/**
 * Preloaded into a spawned gwlb (`node --import dist/bench/usage-probe.js bin/gwlb.js ...`) by
 * cli-bench.ts: when the process exits it writes its own CPU time and peak RSS
 * (`process.resourceUsage()`) as JSON to the file named by GWLB_BENCH_USAGE. Node cannot read a
 * child's rusage, and /proc's cutime has 10 ms ticks and no peak RSS; the child can read its own.
 */
import { writeFileSync } from 'node:fs';

const out = process.env['GWLB_BENCH_USAGE'];
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // userCPUTime and systemCPUTime are in microseconds, maxRSS in KiB.
    writeFileSync(out, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMiB: u.maxRSS / 1024 }));
  });
}
