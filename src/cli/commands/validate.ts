/**
 * `gwlb validate [-f ... | --from-cluster]`: schema and semantic checks; exit 0 when valid, else
 * every diagnostic and 1. From a cluster it checks the objects as stored, named `kind ns/name`.
 */
import { Command } from 'commander';
import { hasErrors } from '../../diagnostics.js';
import { diagnosticSummary } from '../../ui/diagnostics.js';
import { renderSkipped } from '../../ui/skipped.js';
import type { ExitCode } from '../main.js';
import { desiredState } from '../../run/pipeline.js';
import { addClusterOptions, addInputOptions, commandIo, printDiagnostics, readInput, type InputFlags } from './common.js';

export function registerValidateCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('validate').description('check manifests against the Gateway API and LBC schemas and LBC semantics; exit 1 on any error');
  addClusterOptions(addInputOptions(cmd)).action(async (flags: InputFlags) => {
    const io = commandIo(flags);
    const input = await readInput(flags, io, 'validate', exit);
    if (!input) return;
    const state = await desiredState({ files: io.files, settings: io.settings, ...input, offline: true });
    printDiagnostics(state.diagnostics, io, Boolean(flags.verbose));
    if (flags.verbose) process.stderr.write(renderSkipped(state.skipped));
    const failed = hasErrors(state.diagnostics);
    process.stdout.write(failed ? `invalid: ${diagnosticSummary(state.diagnostics)}\n` : `valid: ${state.snapshot.gateways.length} Gateway(s), ${diagnosticSummary(state.diagnostics)}\n`);
    exit.code = failed ? 1 : 0;
  });
  program.addCommand(cmd);
}
