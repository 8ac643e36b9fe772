/**
 * `gwlb watch` without a terminal: one line per event, prefixed with the time, for CI logs and
 * pipes; and `-o json`: JSON Lines, a first line with the format version, then each event as is.
 *
 *   12:04:01 round 3 (files: manifests/web.yaml)
 *   12:04:02 plan: 1 to add, 1 to change, 0 to destroy
 *   12:04:02 gateway["default/web"].listener["80"]: Modifying...
 *   12:04:03 apply: 1 done; the account matches the manifests
 *   12:14:03 drift: default/web (1 change) found by the resync
 */
import type { ChalkInstance } from 'chalk';
import { formatDuration } from '../../cli/duration.js';
import { eventLine } from '../apply/text.js';
import { WATCH_FORMAT_VERSION, type WatchEvent, type WatchSink } from '../../watch/events.js';
import type { Trigger } from '../../watch/triggers.js';
import { someOf } from '../list-text.js';

export function triggerText(t: Trigger): string {
  switch (t.kind) {
    case 'initial':
      return 'start';
    case 'files':
      return t.paths.length === 0 ? 'files' : `files: ${someOf(t.paths, 3)}`;
    case 'cluster':
      return `cluster: ${someOf(t.objects, 3)}`;
    case 'resync':
      return 'resync';
    case 'retry':
      return `retry ${t.attempt}`;
  }
}

/** Terraform's summary words, or "no changes". */
export function planSummaryText(e: Extract<WatchEvent, { type: 'plan' }>): string {
  if (!e.has_changes) return e.errored ? 'no changes (the input has errors)' : 'no changes';
  return `${e.add} to add, ${e.change} to change, ${e.destroy} to destroy`;
}

/** The Gateways a narrowed round read: named when few. */
function narrowedText(gateways: readonly string[]): string {
  if (gateways.length === 0) return 'no stack';
  return gateways.length <= 3 ? gateways.join(', ') : `${gateways.length} Gateways' stacks`;
}

function hhmmss(iso: string): string {
  return iso.slice(11, 19);
}

/** The text of one event, without the time; undefined for events a person need not see. */
export function eventText(e: WatchEvent, chalk: ChalkInstance): string {
  switch (e.type) {
    case 'round_started':
      return chalk.dim(`round ${e.round} (${triggerText(e.trigger)})`);
    case 'plan':
      return `plan: ${e.has_changes ? chalk.yellow(planSummaryText(e)) : planSummaryText(e)}${e.narrowed ? chalk.dim(` (read ${narrowedText(e.gateways.map((g) => g.gateway))})`) : ''}`;
    case 'drift':
      return chalk.yellow(`drift: ${e.gateways.join(', ')} (${e.addresses.length} change${e.addresses.length === 1 ? '' : 's'}) found by the resync`);
    case 'apply_progress': {
      // apply's own line for the action (ui/apply/text.ts).
      const step = { address: e.address, action: e.action };
      const ev = e.state === 'started' ? { kind: 'start' as const, step } : e.state === 'done' ? { kind: 'done' as const, step, ms: e.ms ?? 0 } : { kind: 'failed' as const, step, error: e.error ?? '' };
      return eventLine(ev, chalk).trimEnd();
    }
    case 'apply_done': {
      const counts = `${e.done} done${e.failed > 0 ? `, ${e.failed} failed` : ''}${e.not_done > 0 ? `, ${e.not_done} not started` : ''}`;
      if (e.interrupted) return chalk.yellow(`apply interrupted: ${counts}`);
      return `apply: ${counts}; ${e.matches ? chalk.green('the account matches the manifests') : chalk.red('the account still differs from the manifests')}`;
    }
    case 'status_written':
      return `status written: ${e.object}`;
    case 'error': {
      const retry = e.retry_in_ms !== undefined ? `; retrying in ${formatDuration(e.retry_in_ms)}` : '';
      return chalk.red(`error (${e.phase}): ${e.message}${retry}`);
    }
    case 'stopped':
      return `stopped after ${e.rounds} round${e.rounds === 1 ? '' : 's'}${e.apply_cut_short ? ' (an apply was cut short; the next apply or watch finishes it)' : ''}`;
  }
}

/** One line per event on `write`. */
export function lineSink(write: (text: string) => void, chalk: ChalkInstance): WatchSink {
  return {
    emit: (e) => write(`${chalk.dim(hhmmss(e.time))} ${eventText(e, chalk)}\n`),
    close: async () => {},
  };
}

/** JSON Lines: `{"format_version":"1.1"}`, then one object per event. */
export function jsonSink(write: (text: string) => void): WatchSink {
  write(`${JSON.stringify({ format_version: WATCH_FORMAT_VERSION })}\n`);
  return {
    emit: (e) => write(`${JSON.stringify(e)}\n`),
    close: async () => {},
  };
}
