/**
 * The watch renderers from fixed events: the line per event, JSON Lines, and the dashboard
 * (state folded from the events, drawn by ink at 80 columns).
 */
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../color.js';
import type { WatchEvent } from '../../watch/events.js';
import { initialDashboard, reduceDashboard } from './dashboard-state.js';
import { WatchDashboard } from './dashboard.js';
import { eventText, jsonSink, lineSink } from './lines.js';

const T = '2026-12-03T12:04:01.000Z';
const WEB = 'default/web';
const API = 'default/a-gateway-with-a-name-long-enough-to-be-cut-in-an-eighty-column-terminal';

const EVENTS: WatchEvent[] = [
  { type: 'round_started', round: 1, time: T, trigger: { kind: 'initial' } },
  {
    type: 'plan',
    round: 1,
    time: T,
    add: 2,
    change: 1,
    destroy: 0,
    has_changes: true,
    errored: false,
    gateways: [
      { gateway: WEB, status: 'planned', add: 0, change: 0, destroy: 0 },
      { gateway: API, status: 'planned', add: 2, change: 1, destroy: 0 },
    ],
    changes: [
      { address: `gateway["${API}"].listener["80"]`, action: 'update' },
      { address: `gateway["${API}"].target_group["tg"]`, action: 'create' },
      { address: `gateway["${API}"].listener_rule["80:1"]`, action: 'create' },
    ],
  },
  { type: 'apply_progress', round: 1, time: T, address: `gateway["${API}"].listener["80"]`, action: 'update', state: 'started' },
  { type: 'apply_progress', round: 1, time: T, address: `gateway["${API}"].listener["80"]`, action: 'update', state: 'done', ms: 1200 },
  { type: 'apply_progress', round: 1, time: T, address: `gateway["${API}"].target_group["tg"]`, action: 'create', state: 'failed', error: 'Throttling: Rate exceeded' },
  { type: 'apply_done', round: 1, time: T, done: 1, failed: 1, not_done: 1, interrupted: false, matches: false, gateways: [API] },
  { type: 'error', round: 1, time: T, phase: 'apply', message: '1 action(s) failed (apply_progress above)', retry_in_ms: 1000 },
  { type: 'round_started', round: 2, time: T, trigger: { kind: 'retry', attempt: 1 } },
  { type: 'drift', round: 2, time: T, gateways: [WEB], addresses: [`gateway["${WEB}"].listener["80"]`] },
  { type: 'stopped', time: T, rounds: 2, reason: 'SIGTERM', apply_cut_short: false },
];

describe('lineSink', () => {
  it('writes one line per event with its time', () => {
    let out = '';
    const sink = lineSink((t) => (out += t), makeChalk(false));
    for (const e of EVENTS) sink.emit(e);
    expect(out.split('\n').slice(0, -1)).toEqual([
      '12:04:01 round 1 (start)',
      '12:04:01 plan: 2 to add, 1 to change, 0 to destroy',
      `12:04:01 gateway["${API}"].listener["80"]: Modifying...`,
      `12:04:01 gateway["${API}"].listener["80"]: Modifications complete after 1s`,
      `12:04:01 gateway["${API}"].target_group["tg"]: failed: Throttling: Rate exceeded`,
      '12:04:01 apply: 1 done, 1 failed, 1 not started; the account still differs from the manifests',
      '12:04:01 error (apply): 1 action(s) failed (apply_progress above); retrying in 1s',
      '12:04:01 round 2 (retry 1)',
      `12:04:01 drift: ${WEB} (1 change) found by the resync`,
      '12:04:01 stopped after 2 rounds',
    ]);
  });

  it('names the files of a change, at most three', () => {
    const e: WatchEvent = { type: 'round_started', round: 3, time: T, trigger: { kind: 'files', paths: ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'] } };
    expect(eventText(e, makeChalk(false))).toBe('round 3 (files: a.yaml, b.yaml, c.yaml and 1 more)');
  });
});

describe('jsonSink', () => {
  it('writes the format version, then each event as one JSON line', () => {
    let out = '';
    const sink = jsonSink((t) => (out += t));
    for (const e of EVENTS) sink.emit(e);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toEqual({ format_version: '1.1' });
    expect(lines.slice(1)).toEqual(EVENTS);
  });
});

describe('the dashboard', () => {
  const state = EVENTS.slice(0, -1).reduce(reduceDashboard, initialDashboard(true));

  it('folds the events into per-Gateway states', () => {
    expect(state.gateways.map((g) => [g.gateway, g.state, g.plan])).toEqual([
      [API, 'error', '+2 ~1 -0'],
      [WEB, 'drifted', 'no changes'],
    ]);
    expect(state).toMatchObject({ round: 2, trigger: 'retry 1', lastPlan: '2 to add, 1 to change, 0 to destroy', lastError: { text: 'apply: 1 action(s) failed (apply_progress above)' } });
  });

  it('keeps the rows of the Gateways a narrowed round did not read', () => {
    const narrowed: WatchEvent = { type: 'plan', round: 3, time: T, add: 0, change: 1, destroy: 0, has_changes: true, errored: false, narrowed: true, gateways: [{ gateway: WEB, status: 'planned', add: 0, change: 1, destroy: 0 }], changes: [{ address: `gateway["${WEB}"].listener["80"]`, action: 'update' }] };
    const after = reduceDashboard(state, narrowed);
    expect(after.gateways.map((g) => [g.gateway, g.state, g.plan])).toEqual([
      [API, 'error', '+2 ~1 -0'],
      [WEB, 'changes-pending', '+0 ~1 -0'],
    ]);
    expect(eventText(narrowed, makeChalk(false))).toBe(`plan: 0 to add, 1 to change, 0 to destroy (read ${WEB})`);
    // A whole plan replaces every row.
    expect(reduceDashboard(state, { ...narrowed, narrowed: undefined } as WatchEvent).gateways.map((g) => g.gateway)).toEqual([WEB]);
  });

  it('stays starting after an error of round 0 (what holds up the first cluster sync), and shows it', () => {
    const held: WatchEvent = { type: 'error', round: 0, time: T, phase: 'read', message: 'cannot list gateways: forbidden' };
    expect(reduceDashboard(initialDashboard(false), held)).toMatchObject({ phase: 'starting', lastError: { text: 'read: cannot list gateways: forbidden' } });
  });

  it('fits 80 columns', () => {
    const out = stripVTControlCharacters(renderToString(<WatchDashboard state={state} columns={80} maxRows={10} />, { columns: 80 }));
    const lines = out.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines.map((l) => l.trimEnd())).toEqual([
      'gwlb watch --apply · round 2 at 12:04:01 (retry 1) · planning',
      'GATEWAY                                          STATE              LAST PLAN',
      'default/a-gateway-with-a-name-long-enough-to-be… error              +2 ~1 -0',
      'default/web                                      drifted            no changes',
      'last plan: 2 to add, 1 to change, 0 to destroy',
      'last error: 12:04:01 apply: 1 action(s) failed (apply_progress above)',
    ]);
  });

  it('counts the Gateways it has no room for', () => {
    const out = stripVTControlCharacters(renderToString(<WatchDashboard state={state} columns={80} maxRows={1} />, { columns: 80 }));
    expect(out).toContain('… 1 more Gateway');
    expect(out).not.toContain('default/web');
  });
});
