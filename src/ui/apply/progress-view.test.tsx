/**
 * The ink progress view, driven by a scripted sequence of executor events and a scripted clock:
 * the live reporter rendered by ink into a fake stdout (debug mode, so every frame is written in
 * full), and the view alone rendered to a string.
 */
import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { finishProgress, initialProgress, reduceProgress } from './progress-state.js';
import { ApplyProgressView } from './progress-view.js';
import { inkReporter, type Ticker } from './reporter.js';
import type { Outcome, ProgressEvent, Step } from './steps.js';

/** A terminal stand-in: `columns`/`rows` for layout, every write kept. */
class FakeStdout extends EventEmitter {
  readonly columns = 120;
  readonly rows = 30;
  readonly isTTY = true;
  readonly writes: string[] = [];
  write(chunk: string, cb?: () => void): boolean {
    this.writes.push(stripVTControlCharacters(chunk));
    cb?.();
    return true;
  }
  /** The last full frame (ink's debug mode writes static + live output each time). */
  frame(): string {
    return [...this.writes].reverse().find((w) => w.trim() !== '') ?? '';
  }
}

const SG: Step = { address: 'gateway["default/web"].security_group["ManagedLBSecurityGroup"]', action: 'create' };
const LB: Step = { address: 'gateway["default/web"].load_balancer["LoadBalancer"]', action: 'create' };
const L80: Step = { address: 'gateway["default/web"].listener["80"]', action: 'update' };
const TG: Step = { address: 'gateway["default/api"].target_group["api-80"]', action: 'replace' };
const OLD: Step = { address: 'gateway["default/api"].target_group["api-80"] (deposed)', action: 'delete' };
const steps = [SG, LB, L80, TG, OLD];

/** The line of the frame that shows this address, whitespace squeezed. */
function rowOf(frame: string, address: string): string {
  const line = frame.split('\n').find((l) => l.includes(`${address} `));
  return (line ?? '').replace(/\s+/g, ' ').trim();
}

function harness() {
  const stdout = new FakeStdout();
  let clock = 10_000;
  let tick: () => void = () => {};
  const ticker: Ticker = (f) => {
    tick = f;
    return () => {
      tick = () => {};
    };
  };
  const reporter = inkReporter({ steps, stdout: stdout as unknown as NodeJS.WriteStream, now: () => clock, ticker, debug: true });
  return {
    stdout,
    reporter,
    advance(ms: number) {
      clock += ms;
      tick();
    },
    send(...events: ProgressEvent[]) {
      for (const e of events) reporter.onEvent(e);
    },
  };
}

describe('apply progress view (ink)', () => {
  it('shows every planned action as pending, then each one in progress, done, with the summary last', async () => {
    const h = harness();
    let f = h.stdout.frame();
    expect(f).toContain('Applying: 0 of 5 finished, 0 in progress, 5 pending');
    for (const s of steps) expect(rowOf(f, s.address)).toMatch(/ pending$/);
    expect(rowOf(f, LB.address)).toBe(`· ${LB.address} create pending`);
    expect(rowOf(f, L80.address)).toBe(`· ${L80.address} update pending`);
    expect(rowOf(f, OLD.address)).toBe(`· ${OLD.address} destroy pending`);

    h.send({ kind: 'start', step: SG }, { kind: 'start', step: TG });
    h.advance(2_400);
    f = h.stdout.frame();
    expect(rowOf(f, SG.address)).toBe(`◌ ${SG.address} create in progress 2s`);
    expect(rowOf(f, TG.address)).toBe(`◌ ${TG.address} replace in progress 2s`);
    expect(f).toContain('Applying: 0 of 5 finished, 2 in progress, 3 pending');

    h.send({ kind: 'done', step: SG, ms: 2_600 }, { kind: 'start', step: LB });
    h.advance(1_000);
    f = h.stdout.frame();
    expect(rowOf(f, SG.address)).toBe(`✓ ${SG.address} create done after 3s`);
    expect(rowOf(f, LB.address)).toBe(`◌ ${LB.address} create in progress 1s`);
    expect(rowOf(f, TG.address)).toBe(`◌ ${TG.address} replace in progress 3s`);
    expect(f).toContain('Applying: 1 of 5 finished, 2 in progress, 2 pending');
    // Finished rows are printed once, above the redrawn part.
    expect(f.indexOf(SG.address)).toBeLessThan(f.indexOf('Applying:'));

    h.send({ kind: 'done', step: LB, ms: 30_000 }, { kind: 'start', step: L80 }, { kind: 'done', step: L80, ms: 100 });
    h.send({ kind: 'done', step: TG, ms: 5_000 }, { kind: 'start', step: OLD }, { kind: 'done', step: OLD, ms: 400 });
    const done = steps;
    await h.reporter.finish({ done, failed: [], notDone: [] });
    f = h.stdout.frame();
    expect(rowOf(f, LB.address)).toBe(`✓ ${LB.address} create done after 30s`);
    expect(rowOf(f, L80.address)).toBe(`✓ ${L80.address} update done after 0s`);
    expect(rowOf(f, OLD.address)).toBe(`✓ ${OLD.address} destroy done after 0s`);
    expect(f).not.toContain('pending');
    expect(f).not.toContain('Applying:');
    expect(f.trimEnd().split('\n').at(-1)).toBe('Apply complete! Resources: 3 added, 1 changed, 2 destroyed.');
  });

  it('on failure shows the AWS error on its row, and reports what was done and what was not', async () => {
    const h = harness();
    const error = 'DuplicateLoadBalancerName: A load balancer with the same name already exists';
    h.send({ kind: 'start', step: SG }, { kind: 'done', step: SG, ms: 900 }, { kind: 'start', step: LB });
    h.advance(4_000);
    expect(rowOf(h.stdout.frame(), LB.address)).toBe(`◌ ${LB.address} create in progress 4s`);
    h.send({ kind: 'failed', step: LB, error });
    let f = h.stdout.frame();
    // 120 columns: the error wraps within its own column.
    const failedLines = f.split('\n').slice(f.split('\n').findIndex((l) => l.includes(LB.address))).slice(0, 2);
    expect(failedLines.map((l) => l.trimEnd())).toEqual([`  ✗ ${LB.address.padEnd(SG.address.length)} create   failed: DuplicateLoadBalancerName: A load`, `${' '.repeat(failedLines[0]!.indexOf('failed'))}balancer with the same name already exists`]);
    expect(rowOf(f, L80.address)).toMatch(/ pending$/);

    const outcome: Outcome = { done: [SG], failed: [{ ...LB, error }], notDone: [L80, TG, OLD] };
    await h.reporter.finish(outcome);
    f = h.stdout.frame();
    expect(rowOf(f, SG.address)).toBe(`✓ ${SG.address} create done after 1s`);
    expect(rowOf(f, L80.address)).toBe(`- ${L80.address} update not attempted`);
    expect(rowOf(f, OLD.address)).toBe(`- ${OLD.address} destroy not attempted`);
    const footer = f.slice(f.indexOf('Apply failed'));
    expect(footer.trimEnd().split('\n')).toEqual([
      'Apply failed: 1 action(s) failed; 1 done, 3 not attempted.',
      // wrapped at the terminal's 120 columns
      `Error: ${LB.address} (create): DuplicateLoadBalancerName: A load balancer with`,
      'the same name already exists',
      '',
      'Done (✓ above): 1. Not attempted (- above): 3.',
      'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.',
    ]);
    expect(f).not.toContain('Apply complete!');
  });

  it('after an interrupt says it is shutting down, then counts what was done and what was not started', async () => {
    const h = harness();
    h.send({ kind: 'start', step: SG }, { kind: 'done', step: SG, ms: 900 }, { kind: 'start', step: LB });
    h.reporter.interrupted();
    let f = h.stdout.frame();
    expect(f).toContain('Interrupt received.\nPlease wait for gwlb to exit or data loss may occur.\nGracefully shutting down...\nApplying: 1 of 5 finished, 1 in progress, 3 pending');
    expect(rowOf(f, LB.address)).toBe(`◌ ${LB.address} create in progress 0s`);
    h.send({ kind: 'done', step: LB, ms: 1_200 });
    await h.reporter.finish({ done: [SG, LB], failed: [], notDone: [L80, TG, OLD], interrupted: true });
    f = h.stdout.frame();
    expect(rowOf(f, L80.address)).toBe(`- ${L80.address} update not started`);
    expect(f).not.toContain('Interrupt received.');
    expect(f.slice(f.indexOf('Apply interrupted')).trimEnd().split('\n')).toEqual([
      'Apply interrupted: 2 done, 3 not started.',
      '',
      'Done (✓ above): 2. Not started (- above): 3.',
      'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.',
    ]);
  });

  it('a failure outside the plan (the shared backend security group) adds its own row', async () => {
    const h = harness();
    const backend: Step = { address: 'backend security group', action: 'create' };
    h.send({ kind: 'failed', step: backend, error: 'UnauthorizedOperation: not allowed' });
    expect(rowOf(h.stdout.frame(), backend.address)).toBe(`✗ ${backend.address} create failed: UnauthorizedOperation: not allowed`);
    await h.reporter.finish({ done: [], failed: [{ ...backend, error: 'UnauthorizedOperation: not allowed' }], notDone: steps });
    expect(h.stdout.frame()).toContain('Apply failed: 1 action(s) failed; 0 done, 5 not attempted.');
  });

  it('ticks only redraw while something runs, and stop after finish', async () => {
    const h = harness();
    const before = h.stdout.writes.length;
    h.advance(5_000);
    expect(h.stdout.writes.length).toBe(before);
    h.send({ kind: 'start', step: SG });
    const started = h.stdout.writes.length;
    h.advance(1_000);
    expect(h.stdout.writes.length).toBe(started + 1);
    await h.reporter.finish({ done: [SG], failed: [], notDone: [] });
    const after = h.stdout.writes.length;
    h.advance(1_000);
    expect(h.stdout.writes.length).toBe(after);
  });
});

describe('ApplyProgressView (to a string)', () => {
  const many: Step[] = Array.from({ length: 40 }, (_, i) => ({ address: `gateway["default/web"].listener_rule["80:${i + 1}"]`, action: 'create' }));

  it('cuts a long pending list to fit the terminal and counts the rest', () => {
    let state = initialProgress(many);
    state = reduceProgress(state, { kind: 'start', step: many[0]! }, 0);
    const out = stripVTControlCharacters(renderToString(<ApplyProgressView state={state} now={7_900} addressWidth={45} maxLiveRows={5} columns={120} />, { columns: 120 }));
    const lines = out.split('\n');
    expect(lines[0]).toBe('Applying: 0 of 40 finished, 1 in progress, 39 pending');
    expect(lines.slice(1, 6).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      `◌ ${many[0]!.address} create in progress 7s`,
      ...many.slice(1, 5).map((s) => `· ${s.address} create pending`),
    ]);
    expect(lines[6]).toBe('  … and 35 more pending');
    expect(lines).toHaveLength(7);
  });

  it('lines the rows up on the address column', () => {
    let state = initialProgress([SG, L80]);
    state = reduceProgress(state, { kind: 'start', step: L80 }, 0);
    state = reduceProgress(state, { kind: 'done', step: L80, ms: 1000 }, 1000);
    state = finishProgress(state, { done: [L80], failed: [], notDone: [SG] });
    const out = stripVTControlCharacters(renderToString(<ApplyProgressView state={state} now={1000} addressWidth={SG.address.length} maxLiveRows={10} columns={160} />, { columns: 160 }));
    const [a, b] = out.split('\n');
    expect(a!.indexOf('update')).toBe(b!.indexOf('create'));
    expect(a).toBe(`  ✓ ${L80.address.padEnd(SG.address.length)} update   done after 1s`);
  });

  it('names a re-sent OIDC client secret "resend"', () => {
    const resend: Step = { address: 'gateway["default/web"].listener_rule["443:1"]', action: 'resend-secret' };
    const state = reduceProgress(initialProgress([resend]), { kind: 'done', step: resend, ms: 200 }, 200);
    const out = stripVTControlCharacters(renderToString(<ApplyProgressView state={state} now={200} addressWidth={resend.address.length} maxLiveRows={10} columns={160} />, { columns: 160 }));
    expect(out.split('\n')[0]).toBe(`  ✓ ${resend.address} resend   done after 0s`);
  });
});
