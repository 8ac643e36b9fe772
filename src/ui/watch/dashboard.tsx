/**
 * The `gwlb watch` dashboard in a terminal: a header with the loop's phase and last round, one
 * row per Gateway (state and last plan), then the last plan's summary and the last error. Every
 * line fits `columns` (80 and up; narrower terminals get the same layout cut at the right), and the
 * Gateway list is cut to `maxRows`, so the redrawn area never scrolls (ink clears the screen when
 * it does). A pure function of its props: the sink (dashboard-sink.tsx) owns state and redraws.
 *
 *   gwlb watch --apply · round 4 at 12:04:01 (files: web.yaml) · idle
 *   GATEWAY                                       STATE              LAST PLAN
 *   default/web                                   in sync            no changes
 *   default/api                                   changes pending    +1 ~0 -0
 *   last plan: 1 to add, 0 to change, 0 to destroy
 *   last error: none
 */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import type { DashboardState, GatewayState, LoopPhase } from './dashboard-state.js';

export interface DashboardProps {
  readonly state: DashboardState;
  readonly columns: number;
  /** Most Gateway rows to draw; the rest are counted in one line. */
  readonly maxRows: number;
}

const STATE_WORDS: Record<GatewayState, { text: string; color: string }> = {
  'in-sync': { text: 'in sync', color: 'green' },
  'changes-pending': { text: 'changes pending', color: 'yellow' },
  applying: { text: 'applying', color: 'cyan' },
  drifted: { text: 'drifted', color: 'magenta' },
  error: { text: 'error', color: 'red' },
};

const PHASE_WORDS: Record<LoopPhase, string> = {
  starting: 'starting',
  planning: 'planning',
  applying: 'applying',
  idle: 'watching',
  retrying: 'waiting to retry',
  stopping: 'stopping: letting the calls in flight finish',
  stopped: 'stopped',
};

const STATE_COLUMN = 18;
const PLAN_COLUMN = 12;

/** `text` in exactly `width` characters: padded, or cut with `…`. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return `${text.slice(0, width - 1)}…`;
}

function hhmmss(iso: string | undefined): string {
  return iso ? iso.slice(11, 19) : '--:--:--';
}

export function WatchDashboard({ state, columns, maxRows }: DashboardProps): ReactElement {
  const width = Math.max(40, columns);
  const gatewayColumn = width - STATE_COLUMN - PLAN_COLUMN - 2;
  const shown = state.gateways.slice(0, Math.max(1, maxRows));
  const hidden = state.gateways.length - shown.length;
  const round = state.round === 0 ? 'no round yet' : `round ${state.round} at ${hhmmss(state.lastRoundAt)} (${state.trigger ?? ''})`;
  const header = `gwlb watch${state.apply ? ' --apply' : ''} · ${round} · ${PHASE_WORDS[state.phase]}`;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(header, width)}</Text>
      <Text dimColor>{fit(`${fit('GATEWAY', gatewayColumn)} ${fit('STATE', STATE_COLUMN)} LAST PLAN`, width)}</Text>
      {shown.length === 0 ? <Text dimColor>{fit(state.round === 0 ? 'reading the manifests…' : 'no Gateway in the input', width)}</Text> : null}
      {shown.map((row) => (
        <Text key={row.gateway}>
          {fit(row.gateway, gatewayColumn)} <Text color={STATE_WORDS[row.state].color}>{fit(STATE_WORDS[row.state].text, STATE_COLUMN)}</Text> {fit(row.plan, PLAN_COLUMN - 1)}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>{fit(`… ${hidden} more Gateway${hidden === 1 ? '' : 's'}`, width)}</Text> : null}
      <Text>{fit(`last plan: ${state.lastPlan ?? 'none yet'}${state.phase === 'applying' ? ` · ${state.applied} action(s) done` : ''}`, width)}</Text>
      <Text color={state.lastError ? 'red' : undefined}>{fit(state.lastError ? `last error: ${hhmmss(state.lastError.time)} ${state.lastError.text.split('\n')[0]}` : 'last error: none', width)}</Text>
    </Box>
  );
}
