/**
 * The dashboard as a watch sink: folds each event into the dashboard state and redraws with ink.
 * Loaded only when stdout is a terminal (cli/commands/watch.ts), so pipes and `-o json` never
 * load ink or React.
 */
import { render, type Instance } from 'ink';
import type { WatchSink } from '../../watch/events.js';
import { initialDashboard, reduceDashboard, stoppingDashboard, type DashboardState } from './dashboard-state.js';
import { WatchDashboard } from './dashboard.js';

/** Lines that are not Gateway rows: header, column names, "… more", last plan, last error, margin. */
const CHROME_LINES = 6;

export interface DashboardSinkOptions {
  readonly apply: boolean;
  readonly stdout?: NodeJS.WriteStream;
  /** ink's debug mode: every frame written in full (tests read the frames). */
  readonly debug?: boolean;
}

export interface DashboardSink extends WatchSink {
  /** A signal arrived: show that the loop is stopping. */
  stopping(): void;
}

export function dashboardSink(opts: DashboardSinkOptions): DashboardSink {
  const stdout = opts.stdout ?? process.stdout;
  let state: DashboardState = initialDashboard(opts.apply);
  const view = () => <WatchDashboard state={state} columns={stdout.columns || 80} maxRows={Math.max(1, (stdout.rows || 24) - CHROME_LINES)} />;
  const instance: Instance = render(view(), { stdout, patchConsole: false, exitOnCtrlC: false, debug: Boolean(opts.debug) });
  const redraw = () => instance.rerender(view());
  stdout.on('resize', redraw);
  let closed = false;
  return {
    emit(e) {
      if (closed) return;
      state = reduceDashboard(state, e);
      redraw();
    },
    stopping() {
      if (closed) return;
      state = stoppingDashboard(state);
      redraw();
    },
    async close() {
      if (closed) return;
      closed = true;
      stdout.off('resize', redraw);
      redraw();
      const exited = instance.waitUntilExit();
      instance.unmount();
      await exited;
    },
  };
}
