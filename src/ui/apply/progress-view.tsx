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
 * Every line fits `columns` (60 and up): addresses are cut in the middle to the address column
 * (address.ts), the state column keeps its room. After Ctrl-C the live area says the apply is
 * shutting down, and the footer counts what was done and what was not started.
 * A pure function of its props: the reporter owns the state and the clock.
 */
import { Box, Static, Text } from 'ink';
import type { ReactElement } from 'react';
import { FIXED_COLUMNS, shortenAddress } from './address.js';
import type { ProgressState, Row } from './progress-state.js';
import { stepKey, type StepAction } from './steps.js';
import { INTERRUPT_TEXT, outcomeWords, wholeSeconds } from './text.js';

export interface ProgressViewProps {
  readonly state: ProgressState;
  /** Clock reading (ms, same clock as the events') for the elapsed time of running rows. */
  readonly now: number;
  /** Width of the address column (address.ts `addressColumn`); longer addresses are shortened. */
  readonly addressWidth: number;
  /** Most running + pending rows to draw; the rest are counted in one line. */
  readonly maxLiveRows: number;
  /** Terminal width: every row is exactly this wide, so the state column starts and ends in it. */
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

/** `errorBelow`: the row says only "failed:"; the error is printed on the lines under it. */
function StateText({ row, now, errorBelow }: { row: Row; now: number; errorBelow?: boolean }): ReactElement {
  const s = row.state;
  switch (s.kind) {
    case 'pending':
      return <Text dimColor>pending</Text>;
    case 'running':
      return <Text color="cyan">in progress {Math.max(0, Math.floor((now - s.startedAt) / 1000))}s</Text>;
    case 'done':
      return <Text>done after {wholeSeconds(s.ms)}s</Text>;
    case 'failed':
      return <Text color="red">{errorBelow ? 'failed:' : `failed: ${s.error}`}</Text>;
    case 'skipped':
      return <Text dimColor>{s.interrupted ? 'not started' : 'not attempted'}</Text>;
  }
}

/** Narrower than this, a state column would stack an AWS error a word a line: it goes below. */
const ERROR_COLUMN_MIN = 40;

/**
 * One row: glyph, address, action, state, exactly `columns` wide. The state is its own column, so
 * a long AWS error wraps under itself rather than under the address, or, when that column is
 * narrow, on its own lines under the row; live rows are cut to one line instead (`truncate`) so
 * the redrawn area keeps its height.
 */
export function ProgressRow({ row, now, addressWidth, columns, truncate }: { row: Row; now: number; addressWidth: number; columns: number; truncate?: boolean }): ReactElement {
  const errorBelow = !truncate && row.state.kind === 'failed' && columns - FIXED_COLUMNS - addressWidth < ERROR_COLUMN_MIN;
  const line = <RowLine row={row} now={now} addressWidth={addressWidth} columns={columns} truncate={truncate} errorBelow={errorBelow} />;
  if (!errorBelow || row.state.kind !== 'failed') return line;
  return (
    <Box flexDirection="column" width={columns}>
      {line}
      <Box paddingLeft={6}>
        <Text wrap="wrap">{row.state.error}</Text>
      </Box>
    </Box>
  );
}

function RowLine({ row, now, addressWidth, columns, truncate, errorBelow }: { row: Row; now: number; addressWidth: number; columns: number; truncate?: boolean; errorBelow: boolean }): ReactElement {
  const a = ACTION[row.action];
  return (
    <Box width={columns}>
      <Box flexShrink={0}>
        <Text>
          {'  '}
          <Glyph row={row} /> <Text bold>{shortenAddress(row.address, addressWidth).padEnd(addressWidth)}</Text> <Text color={a.color}>{a.word.padEnd(7)}</Text>
          {'  '}
        </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap={truncate ? 'truncate-end' : 'wrap'}>
          <StateText row={row} now={now} errorBelow={errorBelow} />
        </Text>
      </Box>
    </Box>
  );
}

function LiveArea({ state, now, addressWidth, maxLiveRows, columns }: ProgressViewProps): ReactElement {
  const running = state.live.filter((r) => r.state.kind === 'running');
  const pending = state.live.filter((r) => r.state.kind === 'pending');
  const room = Math.max(0, maxLiveRows - running.length);
  const shown = [...running, ...pending.slice(0, room)];
  const hidden = pending.length - Math.min(pending.length, room);
  const finished = state.finished.length;
  return (
    <Box flexDirection="column" marginTop={finished > 0 ? 1 : 0} width={columns}>
      {state.interrupted ? <Text color="yellow">{INTERRUPT_TEXT.trim()}</Text> : null}
      <Text bold>
        Applying: {finished} of {finished + state.live.length} finished, {running.length} in progress, {pending.length} pending
      </Text>
      {shown.map((row) => (
        <ProgressRow key={stepKey(row)} row={row} now={now} addressWidth={addressWidth} columns={columns} truncate />
      ))}
      {hidden > 0 ? <Text dimColor>{`  … and ${hidden} more pending`}</Text> : null}
    </Box>
  );
}

function Footer({ state, columns }: { state: ProgressState; columns: number }): ReactElement | null {
  const o = state.outcome;
  if (!o) return null;
  if (o.failed.length === 0 && !o.interrupted) {
    return (
      <Box marginTop={1} width={columns}>
        <Text bold color="green">{outcomeWords.complete(o)}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginTop={1} width={columns}>
      {o.interrupted ? (
        <Text bold color="yellow">{outcomeWords.interrupted(o)}</Text>
      ) : (
        <Text bold color="red">{outcomeWords.failed(o)}</Text>
      )}
      {o.failed.map((f) => (
        <Text key={stepKey(f)}>
          <Text color="red">Error:</Text> {outcomeWords.error(f)}
        </Text>
      ))}
      <Text> </Text>
      <Text>{`Done (✓ above): ${o.done.length}. ${o.interrupted ? 'Not started' : 'Not attempted'} (- above): ${o.notDone.length}.`}</Text>
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
          <ProgressRow key={i} row={row} now={now} addressWidth={addressWidth} columns={columns} />
        )}
      </Static>
      {state.outcome ? <Footer state={state} columns={columns} /> : <LiveArea {...props} />}
    </>
  );
}
