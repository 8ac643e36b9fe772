/**
 * The interrupt handler with a stand-in for the process: signals sent by hand, exit and stderr
 * recorded, and vitest's fake timers for the grace period.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forcedExitText } from '../ui/apply/index.js';
import { installInterrupt, INTERRUPT_GRACE_MS } from './interrupt.js';

function fakeProcess() {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const errors: string[] = [];
  const notices: string[] = [];
  const order: string[] = [];
  const interrupt = installInterrupt({
    signals,
    exit: (code) => {
      exits.push(code);
      order.push('exit');
    },
    stderr: { write: (t: string) => (errors.push(t), order.push('stderr')) },
    onInterrupt: () => notices.push('interrupted'),
    beforeExit: () => order.push('beforeExit'),
  });
  return { signals, exits, errors, notices, order, interrupt };
}

describe('installInterrupt', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('on the first SIGINT says so, aborts the signal and answers 130, without exiting', () => {
    const p = fakeProcess();
    expect(p.interrupt.signal.aborted).toBe(false);
    expect(p.interrupt.exitCode()).toBeUndefined();
    p.signals.emit('SIGINT');
    expect(p.notices).toEqual(['interrupted']);
    expect(p.interrupt.signal.aborted).toBe(true);
    expect(p.interrupt.exitCode()).toBe(130);
    expect(p.exits).toEqual([]);
    p.interrupt.dispose();
  });

  it('answers 143 for SIGTERM', () => {
    const p = fakeProcess();
    p.signals.emit('SIGTERM');
    expect(p.interrupt.exitCode()).toBe(143);
    p.interrupt.dispose();
  });

  it('exits at once on a second signal, with the first one\'s code, after the view stops drawing', () => {
    const p = fakeProcess();
    p.signals.emit('SIGTERM');
    p.signals.emit('SIGINT');
    expect(p.exits).toEqual([143]);
    expect(p.errors).toEqual([forcedExitText({ kind: 'second-signal' })]);
    expect(p.order).toEqual(['beforeExit', 'stderr', 'exit']);
    expect(p.signals.listenerCount('SIGINT')).toBe(0);
  });

  it('exits when the calls in flight outlast the grace period', () => {
    const p = fakeProcess();
    p.signals.emit('SIGINT');
    vi.advanceTimersByTime(INTERRUPT_GRACE_MS - 1);
    expect(p.exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(p.exits).toEqual([130]);
    expect(p.errors).toEqual([forcedExitText({ kind: 'grace-expired', graceMs: INTERRUPT_GRACE_MS })]);
  });

  it('after dispose listens no more and never exits', () => {
    const p = fakeProcess();
    p.signals.emit('SIGINT');
    p.interrupt.dispose();
    vi.advanceTimersByTime(INTERRUPT_GRACE_MS * 2);
    expect(p.exits).toEqual([]);
    expect(p.signals.listenerCount('SIGINT') + p.signals.listenerCount('SIGTERM')).toBe(0);
  });
});
