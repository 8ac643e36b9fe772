/**
 * The ink apply view fits the terminal from 60 columns up: one line per row, the address cut in
 * the middle when it does not fit, the state column whole. The rows are the longest addresses
 * the examples produce (planned offline, as `gwlb plan --offline -f examples/X`), plus the
 * deposed half of the longest target group, the longest address a replacement can print.
 */
import { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { desiredState, inputGatewayIds } from '../../src/run/pipeline.js';
import { loadSettings } from '../../src/run/settings.js';
import { hasErrors } from '../../src/diagnostics.js';
import { buildPlan, EMPTY_OBSERVED } from '../../src/plan/index.js';
import { addressColumn, shortenAddress } from '../../src/ui/apply/address.js';
import { inkReporter } from '../../src/ui/apply/reporter.js';
import { plannedSteps, type Step } from '../../src/ui/apply/steps.js';
import { ROOT } from '../cli/run-cli.js';

class FakeStdout extends EventEmitter {
  readonly rows = 40;
  readonly isTTY = true;
  readonly writes: string[] = [];
  constructor(public columns: number) {
    super();
  }
  write(chunk: string, cb?: () => void): boolean {
    this.writes.push(stripVTControlCharacters(chunk));
    cb?.();
    return true;
  }
  /** The last full frame (debug mode writes the printed rows and the redrawn part each time). */
  frame(): string[] {
    const f = [...this.writes].reverse().find((w) => w.trim() !== '') ?? '';
    return f.replace(/\n+$/, '').split('\n');
  }
}

/** Every planned step of every example, offline, longest address first. */
async function exampleSteps(): Promise<Step[]> {
  const settings = loadSettings({});
  const steps: Step[] = [];
  for (const name of readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const st = await desiredState({ files: [join(ROOT, 'examples', name.name)], settings, offline: true });
    const plan = buildPlan({ desired: st.stacks, observed: EMPTY_OBSERVED, settings: settings.cluster, mode: 'offline', prune: false, inputGateways: inputGatewayIds(st), errored: hasErrors(st.diagnostics) });
    steps.push(...plannedSteps(plan));
  }
  return steps.sort((a, b) => b.address.length - a.address.length);
}

const width = (line: string) => [...line].length;
const STATE = / (pending|in progress \d+s|done after \d+s|not started|failed:)$/;

describe('apply progress view width', () => {
  let steps: Step[] = [];
  beforeAll(async () => {
    const all = await exampleSteps();
    const longestTg = all.find((s) => s.address.includes('.target_group['))!;
    // The six longest, the deposed target group, and one short row for contrast.
    steps = [...all.slice(0, 6), { address: `${longestTg.address} (deposed)`, action: 'delete' }, all.at(-1)!];
  });

  it('uses long addresses from the examples', () => {
    expect(steps[0]!.address.length).toBeGreaterThan(140);
  });

  for (const columns of [60, 80, 200]) {
    it(`fits ${columns} columns: no line wider, each row on one line with its state whole`, async () => {
      const stdout = new FakeStdout(columns);
      const reporter = inkReporter({ steps, stdout: stdout as unknown as NodeJS.WriteStream, now: () => 0, ticker: () => () => {}, debug: true });
      const [a, b, c, d] = steps;
      reporter.onEvent({ kind: 'start', step: a! });
      reporter.onEvent({ kind: 'done', step: a!, ms: 12_000 });
      reporter.onEvent({ kind: 'start', step: b! });
      reporter.onEvent({ kind: 'start', step: c! });
      const error = 'ValidationError: Target group name cannot be longer than 32 characters and must contain only alphanumerics';
      reporter.onEvent({ kind: 'failed', step: c!, error });
      const addressWidth = addressColumn(Math.max(...steps.map((s) => s.address.length)), columns);
      const rowOf = (frame: string[], s: Step) => frame.find((l) => l.includes(` ${shortenAddress(s.address, addressWidth)} `));

      let frame = stdout.frame();
      for (const line of frame) expect(width(line), line).toBeLessThanOrEqual(columns);
      expect(rowOf(frame, a!)?.trimEnd()).toMatch(/ done after 12s$/);
      expect(rowOf(frame, b!)?.trimEnd()).toMatch(/ in progress 0s$/);
      expect(rowOf(frame, d!)?.trimEnd()).toMatch(/ pending$/);
      // The failed row ends in "failed:"; its error is on the lines below, wrapped to fit.
      const failed = frame.findIndex((l) => l === rowOf(frame, c!));
      expect(frame[failed]!.trimEnd()).toMatch(/ failed:$/);
      expect(frame.slice(failed + 1, failed + 4).join(' ').replace(/\s+/g, ' ')).toContain('ValidationError: Target group name');

      reporter.interrupted();
      frame = stdout.frame();
      for (const line of frame) expect(width(line), line).toBeLessThanOrEqual(columns);
      expect(frame.join('\n')).toContain('Interrupt received.');

      reporter.onEvent({ kind: 'done', step: b!, ms: 1_000 });
      await reporter.finish({ done: [a!, b!], failed: [{ ...c!, error }], notDone: steps.slice(3), interrupted: true });
      frame = stdout.frame();
      for (const line of frame) expect(width(line), line).toBeLessThanOrEqual(columns);
      for (const s of steps) {
        const row = rowOf(frame, s);
        expect(row, s.address).toBeDefined();
        expect(row!.trimEnd()).toMatch(STATE);
      }
      for (const s of steps.slice(3)) expect(rowOf(frame, s)!.trimEnd()).toMatch(/ not started$/);
      expect(frame).toContain('Apply interrupted: 2 done, 1 failed, 5 not started.');
    });
  }

  it('lays the rows out again when the terminal is resized', async () => {
    const stdout = new FakeStdout(200);
    const reporter = inkReporter({ steps, stdout: stdout as unknown as NodeJS.WriteStream, now: () => 0, ticker: () => () => {}, debug: true });
    reporter.onEvent({ kind: 'start', step: steps[0]! });
    expect(stdout.frame().some((l) => l.includes(steps[0]!.address))).toBe(true);
    stdout.columns = 60;
    stdout.emit('resize');
    const frame = stdout.frame();
    for (const line of frame) expect(width(line), line).toBeLessThanOrEqual(60);
    expect(frame.find((l) => l.includes(shortenAddress(steps[0]!.address, addressColumn(steps[0]!.address.length, 60))))?.trimEnd()).toMatch(/ in progress 0s$/);
    await reporter.abort();
  });
});
