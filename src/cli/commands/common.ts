/** Options shared by the commands that read manifests, and how they print diagnostics. */
import { Option, type Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../../diagnostics.js';
import { colorWanted, makeChalk } from '../../ui/color.js';
import { renderDiagnostics } from '../../ui/diagnostics.js';
import { loadSettings, type GwlbSettings } from '../settings.js';

export interface InputFlags {
  readonly filename?: string[];
  readonly config?: string;
  readonly clusterName?: string;
  readonly region?: string;
  readonly verbose?: boolean;
  readonly color?: boolean;
  readonly sandbox?: boolean;
  readonly disableRestrictedSgRules?: boolean;
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
    .option('-v, --verbose', 'also list info diagnostics and objects of kinds gwlb does not read')
    .option('--no-color', 'never colour the output');
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
    settings: loadSettings(flags),
    files: flags.filename ?? [],
  };
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CommandIo, verbose: boolean): void {
  const text = renderDiagnostics(diagnostics, io.errChalk, { verbose });
  if (text) process.stderr.write(text);
}

export function noInputError(command: string): string {
  return `gwlb ${command}: no manifests given; pass -f FILE, -f DIRECTORY or -f - (stdin)\n`;
}
