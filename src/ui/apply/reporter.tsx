/**
 * Where apply's progress goes, chosen at the edge (aesthetics-anchors §9.12: renderers are
 * siblings; the CLI picks one from `isTTY && !isCI`): the ink view in a terminal, one line per
 * action otherwise. Both take the executor's events as they come and its outcome at the end.
 */
import { render, type Instance } from 'ink';
import type { ChalkInstance } from 'chalk';
import { addressColumn } from './address.js';
import { finishProgress, initialProgress, interruptProgress, reduceProgress, type ProgressState } from './progress-state.js';
import { ApplyProgressView } from './progress-view.js';
import type { Outcome, ProgressEvent, Step } from './steps.js';
import { eventLine, INTERRUPT_TEXT, outcomeText } from './text.js';

export interface ApplyReporter {
  /** One executor event, as it happens. */
  onEvent(e: ProgressEvent): void;
  /** The executor returned: show the summary or the failure report; resolves once written. */
  finish(o: Outcome): Promise<void>;
  /** The executor threw instead (the error is reported elsewhere): stop drawing, leave the rows. */
  abort(): Promise<void>;
  /** Ctrl-C or SIGTERM: say that the actions in progress finish and no other starts. */
  interrupted(): void;
}

/** Today's output, byte for byte: `ADDR: Creating...` lines, then the summary. */
export function lineReporter(write: (text: string) => void, chalk: ChalkInstance): ApplyReporter {
  return {
    onEvent: (e) => write(eventLine(e, chalk)),
    finish: async (o) => write(outcomeText(o, chalk)),
    abort: async () => {},
    interrupted: () => write(INTERRUPT_TEXT),
  };
}

// In its own module, so commands can choose their view without loading ink (watch.ts).
export { wantsProgressView } from './progress-wanted.js';

/** Calls `onTick` now and then while actions run, so elapsed seconds move; returns a stop. */
export type Ticker = (onTick: () => void) => () => void;

const everySecond: Ticker = (onTick) => {
  const t = setInterval(onTick, 1000);
  t.unref();
  return () => clearInterval(t);
};

export interface InkReporterOptions {
  /** The planned actions (`plannedSteps(plan)`), listed as pending from the start. */
  readonly steps: readonly Step[];
  readonly stdout?: NodeJS.WriteStream;
  /** Clock in ms (default performance.now); tests script it. */
  readonly now?: () => number;
  readonly ticker?: Ticker;
  /** ink's debug mode: every frame written in full, nothing erased (tests read the frames). */
  readonly debug?: boolean;
}

/** Lines of the redrawn area that are not rows: header, "… more", footer margin, prompt. */
const CHROME_LINES = 4;

export function inkReporter(opts: InkReporterOptions): ApplyReporter {
  const stdout = opts.stdout ?? process.stdout;
  const now = opts.now ?? (() => performance.now());
  const longest = Math.max(0, ...opts.steps.map((s) => s.address.length));
  let state: ProgressState = initialProgress(opts.steps);
  // The width is read on every frame, so a resized terminal gets rows laid out for its new width.
  const view = () => {
    const columns = stdout.columns || 80;
    return <ApplyProgressView state={state} now={now()} addressWidth={addressColumn(longest, columns)} maxLiveRows={Math.max(3, (stdout.rows || 24) - CHROME_LINES)} columns={columns} />;
  };
  const instance: Instance = render(view(), { stdout, patchConsole: false, exitOnCtrlC: false, debug: Boolean(opts.debug) });
  const stopTicking = (opts.ticker ?? everySecond)(() => {
    if (state.live.some((r) => r.state.kind === 'running')) instance.rerender(view());
  });
  const resized = () => instance.rerender(view());
  stdout.on('resize', resized);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    stopTicking();
    stdout.off('resize', resized);
    instance.rerender(view());
    const exited = instance.waitUntilExit();
    instance.unmount();
    await exited;
  };
  return {
    onEvent(e) {
      if (closed) return;
      state = reduceProgress(state, e, now());
      instance.rerender(view());
    },
    async finish(o) {
      state = finishProgress(state, o);
      await close();
    },
    abort: close,
    interrupted() {
      if (closed) return;
      state = interruptProgress(state);
      instance.rerender(view());
    },
  };
}
