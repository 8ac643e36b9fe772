/** Options shared by the commands that read manifests, and how they print diagnostics. */
import { Option, type Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../../diagnostics.js';
import { colorWanted, makeChalk } from '../../ui/color.js';
import { renderDiagnostics } from '../../ui/diagnostics.js';
import type { LoadResult } from '../../source/snapshot.js';
import type { ExitCode } from '../main.js';
import { loadSettings, type GwlbSettings } from '../../run/settings.js';

export interface InputFlags {
  readonly filename?: string[];
  readonly config?: string;
  readonly clusterName?: string;
  readonly region?: string;
  readonly verbose?: boolean;
  readonly color?: boolean;
  readonly sandbox?: boolean;
  readonly disableRestrictedSgRules?: boolean;
  readonly serviceTargetEniSecurityGroupTags?: string;
  readonly fromCluster?: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** commander's argParser for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --filename <path>', 'manifest file, directory (recursive: .yaml .yml .json) or - for stdin; repeatable').argParser(collect))
    .option('--config <file>', 'gwlb settings file (default: ./gwlb.yaml if present)')
    .option('--cluster-name <name>', "the cluster name LBC runs with (its --cluster-name); tags and names depend on it")
    .option('--disable-restricted-sg-rules', "as LBC's flag: node/pod security group rules from the backend SG open all TCP (and UDP) ports, not only traffic and health-check ports")
    .option('--service-target-eni-security-group-tags <k=v,...>', "as LBC's flag: when a target's ENI has several security groups, the one tagged kubernetes.io/cluster/<cluster> must also carry these tags to get the node/pod rules")
    .option('-v, --verbose', 'also list info diagnostics and objects of kinds gwlb does not read')
    .option('--no-color', 'never colour the output');
}

/** `--from-cluster` with `--kubeconfig` and `--context` (explain, model, plan, apply). */
export function addClusterOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--from-cluster', 'read the objects from a Kubernetes cluster (kubeconfig as kubectl reads it) instead of -f').conflicts('filename'))
    .option('--kubeconfig <file>', 'with --from-cluster: this kubeconfig only (default: KUBECONFIG, else ~/.kube/config, else the pod\'s service account)')
    .option('--context <name>', 'with --from-cluster: this kubeconfig context instead of current-context');
}

/**
 * Flags that name different AWS targets (or, --offline, none), by commander attribute name. A
 * command line with two of them is a usage error, like an unknown option, before anything is
 * read: guessing which one the user meant would plan or apply against the wrong account.
 */
const CONFLICTING_TARGETS: Readonly<Record<string, readonly string[]>> = {
  sandbox: ['offline', 'endpointUrl', 'profile'],
  offline: ['endpointUrl', 'profile'],
};

/**
 * Makes commander reject conflicting target flags among those `cmd` has, with its one-line
 * usage error naming both (`error: option '--sandbox' cannot be used with option '--offline'`).
 */
export function rejectConflictingTargets(cmd: Command): Command {
  const names = new Set(cmd.options.map((o) => o.attributeName()));
  for (const option of cmd.options) {
    const conflicts = (CONFLICTING_TARGETS[option.attributeName()] ?? []).filter((name) => names.has(name));
    if (conflicts.length > 0) option.conflicts(conflicts);
  }
  return cmd;
}

export interface CommandIo {
  readonly chalk: ChalkInstance;
  readonly errChalk: ChalkInstance;
  readonly settings: GwlbSettings;
  readonly files: string[];
}

/** Settings and colours for a command; `files` is empty when -f was not given. */
export function commandIo(flags: InputFlags): CommandIo {
  const noColor = flags.color === false;
  return {
    chalk: makeChalk(colorWanted(process.stdout, noColor)),
    errChalk: makeChalk(colorWanted(process.stderr, noColor)),
    settings: loadSettings({ ...flags, ...(flags.serviceTargetEniSecurityGroupTags !== undefined ? { serviceTargetEniSgTags: flags.serviceTargetEniSecurityGroupTags } : {}) }),
    files: flags.filename ?? [],
  };
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CommandIo, verbose: boolean): void {
  const text = renderDiagnostics(diagnostics, io.errChalk, { verbose });
  if (text) process.stderr.write(text);
}

/**
 * The command's input: `-f` (read by the pipeline) or, with --from-cluster, the cluster's objects,
 * read here once (a plan that re-plans does not list the cluster again). A cluster that cannot be
 * read is a one-line error and exit 1; undefined then, and when there is no input at all.
 */
export async function readInput(flags: InputFlags, io: CommandIo, command: string, exit: ExitCode): Promise<{ loaded?: LoadResult } | undefined> {
  const fail = (text: string) => {
    process.stderr.write(text);
    exit.code = 1;
    return undefined;
  };
  if (!flags.fromCluster) {
    if (flags.kubeconfig !== undefined || flags.context !== undefined) return fail(`gwlb ${command}: --kubeconfig and --context only go with --from-cluster\n`);
    return io.files.length === 0 ? fail(noInputError(command, true)) : {};
  }
  // client-node loads only here, for --from-cluster (test/cli/startup.test.ts).
  const { loadCluster, isClusterError } = await import('../../source/cluster/index.js');
  try {
    return { loaded: await loadCluster({ ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}), ...(flags.context !== undefined ? { context: flags.context } : {}) }) };
  } catch (err) {
    if (!isClusterError(err)) throw err;
    return fail(`gwlb ${command}: ${err.message}\n`);
  }
}

export function noInputError(command: string, cluster = false): string {
  return `gwlb ${command}: no manifests given; pass -f FILE, -f DIRECTORY${cluster ? ', -f - (stdin) or --from-cluster' : ' or -f - (stdin)'}\n`;
}
