/**
 * Preloaded into a spawned gwlb (`node --import dist/bench/usage-probe.js bin/gwlb.js ...`) by
 * cli-bench.ts: when the process exits it writes its own CPU time and peak RSS
 * (`process.resourceUsage()`), and the main thread's share of the CPU, as JSON to the file named by GWLB_BENCH_USAGE. Node cannot read a
 * child's rusage, and /proc's cutime has 10 ms ticks and no peak RSS; the child can read its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * CPU seconds of the main (JavaScript) thread alone, from Linux's per-thread /proc entry (the main
 * thread's id is the process id; 100 ticks a second): the rest of the process's CPU is V8's
 * workers — parallel garbage collection and background compilation. Undefined elsewhere.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const out = process.env['GWLB_BENCH_USAGE'];
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // userCPUTime and systemCPUTime are in microseconds, maxRSS in KiB.
    writeFileSync(out, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, mainCpuMs: mainThreadCpuMs(), maxRssMiB: u.maxRSS / 1024 }));
  });
}
