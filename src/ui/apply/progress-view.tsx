/**
 * The ink progress view of `gwlb apply` in a terminal: one row per action with its address,
 * action and state (pending, in progress with elapsed seconds, done, failed with the AWS error),
 * then Terraform's summary line or the failure report.
 *
 *   ✓ default/web/LoadBalancer          create   done after 3s
 *   ✗ default/web/Listener/443          create   failed: CertificateNotFound: …
 *   ◌ default/api/TargetGroup/api-80    update   in progress 4s
 *   · default/api/Listener/80           create   pending
 *
 * Finished rows go to <Static> (printed once, in the order they finished); only the running
 * and pending rows and the footer are redrawn, and the pending list is cut to `maxLiveRows` so
 * the redrawn part always fits the terminal (ink clears the whole screen when it does not).
 * A pure function of its props: the reporter owns the state and the clock.
 */
import { Box, Static, Text } from 'ink';
import type { ReactElement } from 'react';
import type { ProgressState, Row } from './progress-state.js';
import { stepKey, type StepAction } from './steps.js';
import { outcomeWords, wholeSeconds } from './text.js';

export interface ProgressViewProps {
  readonly state: ProgressState;
  /** Clock reading (ms, same clock as the events') for the elapsed time of running rows. */
  readonly now: number;
  /** Width of the address column: the longest planned address, fixed so rows line up. */
  readonly addressWidth: number;
  /** Most running + pending rows to draw; the rest are counted in one line. */
  readonly maxLiveRows: number;
  /** Terminal width: <Static> output is not bounded by it otherwise, and long errors must wrap. */
  readonly columns: number;
}

/** Terraform's words and plan colours: delete is "destroy". */
const ACTION: Record<StepAction, { word: string; color: string }> = {
  create: { word: 'create', color: 'green' },
  update: { word: 'update', color: 'yellow' },
  delete: { word: 'destroy', color: 'red' },
  replace: { word: 'replace', color: 'magenta' },
  'resend-secret': { word: 'resend', color: 'blue' },
};

function Glyph({ row }: { row: Row }): ReactElement {
  switch (row.state.kind) {
    case 'pending':
      return <Text dimColor>·</Text>;
    case 'running':
      return <Text color="cyan">◌</Text>;
    case 'done':
      return <Text color="green">✓</Text>;
    case 'failed':
      return <Text color="red">✗</Text>;
    case 'skipped':
      return <Text dimColor>-</Text>;
  }
}

function StateText({ row, now }: { row: Row; now: number }): ReactElement {
  const s = row.state;
  switch (s.kind) {
    case 'pending':
      return <Text dimColor>pending</Text>;
    case 'running':
      return <Text color="cyan">in progress {Math.max(0, Math.floor((now - s.startedAt) / 1000))}s</Text>;
    case 'done':
      return <Text>done after {wholeSeconds(s.ms)}s</Text>;
    case 'failed':
      return <Text color="red">failed: {s.error}</Text>;
    case 'skipped':
      return <Text dimColor>not attempted</Text>;
  }
}

/**
 * One row: glyph, address, action, state. The state is its own column, so a long AWS error wraps
 * under itself rather than under the address; live rows are cut to one line instead (`truncate`)
 * so the redrawn area keeps its height.
 */
export function ProgressRow({ row, now, addressWidth, truncate }: { row: Row; now: number; addressWidth: number; truncate?: boolean }): ReactElement {
  const a = ACTION[row.action];
  return (
    <Box>
      <Box flexShrink={0}>
        <Text>
          {'  '}
          <Glyph row={row} /> <Text bold>{row.address.padEnd(addressWidth)}</Text> <Text color={a.color}>{a.word.padEnd(7)}</Text>
          {'  '}
        </Text>
      </Box>
      <Box flexShrink={1}>
        <Text wrap={truncate ? 'truncate-end' : 'wrap'}>
          <StateText row={row} now={now} />
        </Text>
      </Box>
    </Box>
  );
}

function LiveArea({ state, now, addressWidth, maxLiveRows }: ProgressViewProps): ReactElement {
  const running = state.live.filter((r) => r.state.kind === 'running');
  const pending = state.live.filter((r) => r.state.kind === 'pending');
  const room = Math.max(0, maxLiveRows - running.length);
  const shown = [...running, ...pending.slice(0, room)];
  const hidden = pending.length - Math.min(pending.length, room);
  const finished = state.finished.length;
  return (
    <Box flexDirection="column" marginTop={finished > 0 ? 1 : 0}>
      <Text bold>
        Applying: {finished} of {finished + state.live.length} finished, {running.length} in progress, {pending.length} pending
      </Text>
      {shown.map((row) => (
        <ProgressRow key={stepKey(row)} row={row} now={now} addressWidth={addressWidth} truncate />
      ))}
      {hidden > 0 ? <Text dimColor>{`  … and ${hidden} more pending`}</Text> : null}
    </Box>
  );
}

function Footer({ state }: { state: ProgressState }): ReactElement | null {
  const o = state.outcome;
  if (!o) return null;
  if (o.failed.length === 0) {
    return (
      <Box marginTop={1}>
        <Text bold color="green">{outcomeWords.complete(o)}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color="red">{outcomeWords.failed(o)}</Text>
      {o.failed.map((f) => (
        <Text key={stepKey(f)}>
          <Text color="red">Error:</Text> {outcomeWords.error(f)}
        </Text>
      ))}
      <Text> </Text>
      <Text>{`Done (✓ above): ${o.done.length}. Not attempted (- above): ${o.notDone.length}.`}</Text>
      <Text>{outcomeWords.resume}</Text>
    </Box>
  );
}

export function ApplyProgressView(props: ProgressViewProps): ReactElement {
  const { state, now, addressWidth, columns } = props;
  return (
    <>
      <Static items={[...state.finished]}>
        {(row, i) => (
          <Box key={i} width={columns}>
            <ProgressRow row={row} now={now} addressWidth={addressWidth} />
          </Box>
        )}
      </Static>
      {state.outcome ? <Footer state={state} /> : <LiveArea {...props} />}
    </>
  );
}
