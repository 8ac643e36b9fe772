/**
 * `gwlb watch -f PATH... [--sandbox | --endpoint-url URL | --offline] [--apply] [--prune]
 * [--resync DURATION] [--once] [-o text|json] [--gateway NS/NAME]`: plan (and with --apply,
 * apply) every time the manifests change, and re-read AWS every --resync to find drift. Each
 * round is the pipeline of `gwlb plan` / `gwlb apply` (src/watch/round.ts) with apply's safety
 * rules; --apply is the yes, so nothing is asked. Bursts of changes make one round (debounce.ts).
 * Output: the dashboard in a terminal, one line per event otherwise, JSON Lines with -o json.
 * SIGINT / SIGTERM: no new round; an apply in flight finishes its calls in flight (5 s at most,
 * cli/interrupt.ts) and starts no other; `stopped` is reported; exit 0, or 130 / 143 when an apply
 * was cut short. `--once`: one round, then plan's exit codes (0, 1, and 2 with
 * --detailed-exitcode when the plan has changes it did not apply).
 * `--from-cluster`: the input is the cluster's objects, kept current by a list-then-watch
 * (src/watch/cluster-source.ts); the first round runs once every kind is listed, each batch of
 * changes makes a round, and no round plans while a kind cannot be read. With --apply the
 * cluster's Lease is held per round and the status is written back (unless --no-write-status).
 */
import { Command, Option } from 'commander';
import type { AwsTarget } from '../../aws/clients.js';
import { AwsSetupError } from '../../aws/errors.js';
import { awsTarget } from '../../aws/target.js';
import { renderDiagnostics } from '../../ui/diagnostics.js';
import { wantsProgressView } from '../../ui/apply/progress-wanted.js';
import { INTERRUPT_TEXT } from '../../ui/apply/text.js';
import { jsonSink, lineSink } from '../../ui/watch/lines.js';
import { offlineApplyText, resyncDurationText, stdinWatchText } from '../../ui/watch/text.js';
import type { WatchSink } from '../../watch/events.js';
import type { ClusterSource } from '../../watch/cluster-source.js';
import { parseDuration } from '../duration.js';
import type { ExitCode } from '../main.js';
import { addClusterOptions, addInputOptions, commandIo, noInputError, rejectConflictingTargets, type CommandIo, type InputFlags } from './common.js';

interface WatchFlags extends InputFlags {
  readonly output: 'text' | 'json';
  readonly offline?: boolean;
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly gateway?: string;
  readonly apply?: boolean;
  readonly prune?: boolean;
  readonly takeOver?: boolean;
  readonly resync: string;
  readonly once?: boolean;
  readonly detailedExitcode?: boolean;
  /** `--no-write-status` sets it false. */
  readonly writeStatus?: boolean;
}

/** The usage problems found before anything is read; undefined when the flags make sense. */
function flagProblem(flags: WatchFlags, io: CommandIo): string | undefined {
  if ((flags.kubeconfig !== undefined || flags.context !== undefined) && !flags.fromCluster) return '--kubeconfig and --context only go with --from-cluster';
  if (io.files.length === 0 && !flags.fromCluster) return noInputError('watch', true).replace(/^gwlb watch: /, '').trimEnd();
  if (io.files.includes('-') && !flags.once) return stdinWatchText();
  if (flags.apply && flags.offline) return offlineApplyText();
  if (parseDuration(flags.resync) === undefined) return resyncDurationText(flags.resync);
  return undefined;
}

interface Output {
  readonly sink: WatchSink;
  /** A signal arrived: say that the loop stops once the calls in flight finish. */
  readonly onInterrupt: () => void;
  /** Diagnostics go to stderr, except under the dashboard, which owns the terminal. */
  readonly diagnostics: boolean;
}

async function chooseOutput(flags: WatchFlags, io: CommandIo): Promise<Output> {
  const write = (t: string) => void process.stdout.write(t);
  if (flags.output === 'json') return { sink: jsonSink(write), onInterrupt: () => {}, diagnostics: true };
  // ink (and React) load only for a person at a terminal.
  if (wantsProgressView(process.stdout, flags.color === false) && !flags.once) {
    const sink = (await import('../../ui/watch/dashboard-sink.js')).dashboardSink({ apply: Boolean(flags.apply) });
    return { sink, onInterrupt: () => sink.stopping(), diagnostics: false };
  }
  return { sink: lineSink(write, io.chalk), onInterrupt: () => write(INTERRUPT_TEXT), diagnostics: true };
}

/** The cluster watch, started (runWatch waits for its sync); a cluster that cannot be reached is a one-line error, as a one-shot read's. */
async function openCluster(flags: WatchFlags): Promise<ClusterSource | { error: string }> {
  // client-node loads only for --from-cluster (test/cli/startup.test.ts).
  const [{ openClusterSource }, { isClusterError }] = await Promise.all([import('../../watch/cluster-source.js'), import('../../source/cluster/errors.js')]);
  const kube = { ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}), ...(flags.context !== undefined ? { context: flags.context } : {}) };
  try {
    return await openClusterSource(kube, (err) => process.stderr.write(`gwlb watch: the cluster watch stopped: ${err instanceof Error ? err.message : String(err)}\n`));
  } catch (err) {
    if (!isClusterError(err)) throw err;
    return { error: err.message };
  }
}

export function registerWatchCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('watch')
    .description('plan (and with --apply, apply) whenever the manifests change; re-read AWS every --resync to find and repair drift')
    .addOption(new Option('-o, --output <format>', 'output format: text (a dashboard in a terminal, one line per event otherwise) or json (JSON Lines)').choices(['text', 'json']).default('text'))
    .option('--offline', 'plan against an empty account, without reading AWS (no --apply)')
    .option('--sandbox', 'watch against the built-in AWS emulator (state under .gwlb/sandbox/)')
    .option('--endpoint-url <url>', 'watch against a running `gwlb emulator` or another ELBv2/EC2/ACM endpoint')
    .option('--region <region>', 'AWS region')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--gateway <ns/name>', 'only this Gateway')
    .option('--apply', 'apply every plan with changes, without asking (as apply --auto-approve)')
    .option('--prune', 'also delete owned stacks whose Gateway is no longer in the input')
    .option('--take-over', 'apply Gateways an in-cluster LBC manages (its finalizer is set)')
    .option('--resync <duration>', 're-read AWS this long after the last round, to find drift (0: never)', '10m')
    .option('--once', 'one round, then exit with plan\'s exit codes')
    .option('--detailed-exitcode', 'with --once: exit 2 when the plan has changes it did not apply')
    .option('--no-write-status', 'with --from-cluster --apply: do not write Gateway, ListenerSet and route status back to the cluster');
  addClusterOptions(addInputOptions(cmd)).action(async (flags: WatchFlags) => {
    const io = commandIo(flags);
    const problem = flagProblem(flags, io);
    if (problem) {
      process.stderr.write(`gwlb watch: ${problem}\n`);
      exit.code = 1;
      return;
    }
    let target: AwsTarget | undefined;
    try {
      target = flags.offline ? undefined : awsTarget(flags, io.settings.cluster.region, { readOnly: !flags.apply });
    } catch (err) {
      if (!(err instanceof AwsSetupError)) throw err;
      process.stderr.write(`gwlb watch: ${err.message}\n`);
      exit.code = 1;
      return;
    }
    // The round pulls in the AWS SDK, the model and the executor: loaded once the flags are good.
    const { runWatch } = await import('../../watch/run.js');
    const cluster = flags.fromCluster ? await openCluster(flags) : undefined;
    if (cluster && 'error' in cluster) {
      process.stderr.write(`gwlb watch: ${cluster.error}\n`);
      exit.code = 1;
      return;
    }
    const output = await chooseOutput(flags, io);
    let lastDiagnostics = '';
    try {
      exit.code = await runWatch({
        settings: io.settings,
        files: io.files,
        target,
        apply: Boolean(flags.apply),
        prune: Boolean(flags.prune),
        takeOver: Boolean(flags.takeOver),
        ...(flags.gateway ? { gateway: flags.gateway } : {}),
        ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
        resyncMs: parseDuration(flags.resync) ?? 0,
        once: Boolean(flags.once),
        detailedExitcode: Boolean(flags.detailedExitcode),
        sink: output.sink,
        // Printed when they differ from the last round's, so an idle loop does not repeat them.
        onDiagnostics: (d) => {
          const text = renderDiagnostics(d, io.errChalk, { verbose: Boolean(flags.verbose) });
          if (output.diagnostics && text !== lastDiagnostics && text) process.stderr.write(text);
          lastDiagnostics = text;
        },
        onInterrupt: output.onInterrupt,
        ...(cluster ? { cluster: { kube: cluster.kube, client: cluster.client, blind: () => cluster.blind(), writeStatus: flags.writeStatus !== false }, sources: cluster.sources, readInput: cluster.readInput, synced: cluster.synced() } : {}),
      });
    } finally {
      await cluster?.stop();
    }
  });
  rejectConflictingTargets(cmd);
  program.addCommand(cmd);
}
