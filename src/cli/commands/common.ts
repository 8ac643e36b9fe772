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
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --filename <path>', 'manifest file, directory (recursive: .yaml .yml .json) or - for stdin; repeatable').argParser(collect))
    .option('--config <file>', 'gwlb settings file (default: ./gwlb.yaml if present)')
    .option('--cluster-name <name>', "the cluster name LBC runs with (its --cluster-name); tags and names depend on it")
    .option('-v, --verbose', 'also list info diagnostics and objects of kinds gwlb does not read')
    .option('--no-color', 'never colour the output');
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
