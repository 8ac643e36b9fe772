/**
 * `gwlb watch` put together: the round (round.ts) with the command's settings, the file trigger
 * source, the loop, the sink, and the signals (cli/interrupt.ts, as apply installs them): the
 * first SIGINT / SIGTERM stops new rounds and new AWS calls, lets the calls in flight finish
 * (a second signal, or 5 s, forces the exit), then the loop reports `stopped`. Returns the exit
 * code. A cluster source (kube-watch) joins through `sources`, `readInput` and `synced`: the
 * signals are taken before its first sync, which may never come (an API server that does not
 * answer), so a signal while waiting stops the watch too, with no round run.
 */
import { installInterrupt } from '../run/interrupt.js';
import { abortedStacks, hasChanges } from '../plan/index.js';
import type { WatchSink } from './events.js';
import { fileTriggers } from './file-watch.js';
import { failureOf, WatchLoop } from './loop.js';
import { runRound, type RoundConfig, type RoundResult } from './round.js';
import type { TriggerSource } from './triggers.js';

export interface RunWatchOptions extends Omit<RoundConfig, 'emit' | 'signal' | 'readInput' | 'now'> {
  /** Re-read AWS this long after the last round (0: never). */
  readonly resyncMs: number;
  readonly once: boolean;
  readonly detailedExitcode: boolean;
  readonly sink: WatchSink;
  /** Says a signal was received (text output: Terraform's words). */
  readonly onInterrupt: () => void;
  /** Trigger sources besides the `-f` files (the cluster watch). */
  readonly sources?: readonly TriggerSource[];
  /** The input when not read from `files` by each round (the cluster's objects). */
  readonly readInput?: RoundConfig['readInput'];
  /**
   * Resolves once `readInput` can be read (the cluster watch has listed every kind): no round
   * starts before. A signal first: `stopped` with no round, exit 0 — for `--once` 130 / 143, as
   * the round it exists for never ran.
   */
  readonly synced?: Promise<void>;
  /** Where signals come from (tests); the process by default. */
  readonly signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
}

/** `--once`'s exit code, as plan's: 1 when anything failed or was refused; 2 for changes left unapplied (with --detailed-exitcode). */
export function onceExitCode(result: RoundResult, opts: Pick<RunWatchOptions, 'detailedExitcode'>): number {
  if (result.kind === 'failed' || failureOf(result)) return 1;
  if (result.refused || result.plan.errored || abortedStacks(result.plan).length > 0) return 1;
  const applied = result.apply?.ran === true;
  return opts.detailedExitcode && !applied && hasChanges(result.plan) ? 2 : 0;
}

export async function runWatch(opts: RunWatchOptions): Promise<number> {
  let stopRequested: () => void = () => {};
  const stopping = new Promise<void>((resolve) => (stopRequested = resolve));
  const interrupt = installInterrupt({
    onInterrupt: () => {
      opts.onInterrupt();
      stopRequested();
    },
    beforeExit: () => void opts.sink.close(),
    ...(opts.signals ? { signals: opts.signals } : {}),
  });
  const signalName = () => (interrupt.exitCode() === 143 ? 'SIGTERM' : 'SIGINT');
  const cfg: RoundConfig = { ...opts, readInput: opts.readInput ?? (async () => ({})), signal: interrupt.signal, emit: (e) => opts.sink.emit(e), now: () => new Date() };
  const loop = new WatchLoop({
    sources: [...(opts.readInput ? [] : [fileTriggers(opts.files)]), ...(opts.sources ?? [])],
    resyncMs: opts.resyncMs,
    runRound: (n, trigger) => runRound(cfg, n, trigger),
    emit: cfg.emit,
  });
  try {
    if (opts.synced && !(await Promise.race([opts.synced.then(() => true), stopping.then(() => false)]))) {
      await loop.stop(signalName());
      return opts.once ? (interrupt.exitCode() ?? 130) : 0;
    }
    if (opts.once) {
      const result = await loop.once();
      const signalled = interrupt.exitCode();
      return signalled !== undefined && result.kind === 'planned' && result.apply?.cutShort ? signalled : onceExitCode(result, opts);
    }
    loop.start();
    await stopping;
    const summary = await loop.stop(signalName());
    return summary.applyCutShort ? (interrupt.exitCode() ?? 130) : 0;
  } finally {
    interrupt.dispose();
    await opts.sink.close();
  }
}
