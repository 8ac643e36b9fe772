/**
 * `gwlb watch ... -o json` as a child process (the process and its signals are what the watch
 * e2e files test), its JSON Lines parsed as they come: the events in order, a wait for the next
 * event that matches, the exit. Shared by watch-files.test.ts and watch-cluster.test.ts; what
 * differs between them (how long a wait may take, which trigger a change makes) is an option.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { expect } from 'vitest';
import type { WatchEvent } from '../../src/watch/events.js';
import type { Trigger } from '../../src/watch/triggers.js';
import { ROOT } from '../cli/run-cli.js';

export type { WatchEvent };
export type EventOf<T extends WatchEvent['type']> = Extract<WatchEvent, { type: T }>;

export interface WatchProcessOptions {
  /** How long `next` waits when not told (default 20 s). */
  readonly timeoutMs?: number;
}

export interface WatchProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every event so far, in order (the `format_version` line is `header`). */
  readonly events: WatchEvent[];
  /** The first line, `{"format_version": ...}`, once it came. */
  header(): { readonly format_version: string } | undefined;
  /** The first event of `type` at index `from` or later that matches `pred`, waiting for it. */
  next<T extends WatchEvent['type']>(type: T, from: number, pred?: (e: EventOf<T>) => boolean, timeoutMs?: number): Promise<{ event: EventOf<T>; index: number }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `gwlb watch ...args` (the built CLI, or `GWLB_E2E_CLI`), stdin closed. */
export function spawnWatch(args: readonly string[], options: WatchProcessOptions = {}): WatchProcess {
  const launcher = process.env['GWLB_E2E_CLI'] ?? `${ROOT}bin/gwlb.js`;
  const child = spawn(process.execPath, ['--no-warnings', launcher, 'watch', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const events: WatchEvent[] = [];
  let header: { format_version: string } | undefined;
  let lines = 0;
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const l of complete) {
      if (!l.trim()) continue;
      const parsed = JSON.parse(l) as WatchEvent | { format_version: string };
      if ('type' in parsed) events.push(parsed);
      else if (lines === 0) header = parsed;
      else throw new Error(`a line that is not an event after the first: ${l}`);
      lines++;
    }
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end('');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const next = <T extends WatchEvent['type']>(type: T, from: number, pred: (e: EventOf<T>) => boolean = () => true, timeoutMs = options.timeoutMs ?? 20_000) =>
    new Promise<{ event: EventOf<T>; index: number }>((resolve, reject) => {
      const check = () => {
        for (let i = from; i < events.length; i++) {
          const e = events[i]!;
          if (e.type === type && pred(e as EventOf<T>)) {
            waiters.delete(check);
            clearTimeout(timer);
            return resolve({ event: e as EventOf<T>, index: i });
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${type} event within ${timeoutMs} ms; events:\n${events.map((e) => JSON.stringify(e)).join('\n')}\nstderr:\n${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { child, events, header: () => header, next, exited, stderr: () => stderr };
}

/**
 * Waits for the next round from `from` on started by a change of `trigger` kind, and for it to
 * converge: its plan has changes, its apply matches. Returns the round, its plan and the index
 * after its apply_done.
 */
export async function changeConverges(w: WatchProcess, from: number, trigger: Trigger['kind']): Promise<{ round: number; next: number; plan: EventOf<'plan'> }> {
  const started = await w.next('round_started', from, (e) => e.trigger.kind === trigger);
  const round = started.event.round;
  const plan = await w.next('plan', started.index, (e) => e.round === round);
  expect(plan.event.has_changes).toBe(true);
  const done = await w.next('apply_done', plan.index, (e) => e.round === round);
  expect(done.event).toMatchObject({ failed: 0, interrupted: false, matches: true });
  return { round, next: done.index + 1, plan: plan.event };
}

/** Events of one round. */
export function roundEvents(w: WatchProcess, round: number): WatchEvent[] {
  return w.events.filter((e) => 'round' in e && e.round === round);
}
