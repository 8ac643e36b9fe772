/**
 * `gwlb model -f ... [-o json|yaml]`: the desired stacks in LBC's stack JSON, the shape LBC
 * writes into the `gateway.k8s.aws/dry-run-plan` annotation (OIDC credentials redacted).
 */
import { Command, Option } from 'commander';
import { hasErrors } from '../../diagnostics.js';
import { stackToLbcJson, stackToLbcJsonText } from '../../model/index.js';
import type { ExitCode } from '../main.js';
import { desiredState } from '../../run/pipeline.js';
import { yamlLib } from '../../source/yaml-lib.js';
import { addClusterOptions, addInputOptions, commandIo, printDiagnostics, readInput, type InputFlags } from './common.js';

interface ModelFlags extends InputFlags {
  readonly output: 'json' | 'yaml';
  readonly gateway?: string;
}

export function registerModelCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('model')
    .description("print the AWS stack LBC would build for each Gateway, in LBC's dry-run-plan JSON (one array element or YAML document per Gateway)")
    .addOption(new Option('-o, --output <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .option('--gateway <ns/name>', 'only this Gateway');
  addClusterOptions(addInputOptions(cmd)).action(async (flags: ModelFlags) => {
    const io = commandIo(flags);
    const input = await readInput(flags, io, 'model', exit);
    if (!input) return;
    const state = await desiredState({ files: io.files, settings: io.settings, ...input, offline: true, ...(flags.gateway ? { gateway: flags.gateway } : {}) });
    printDiagnostics(state.diagnostics, io, Boolean(flags.verbose));
    if (flags.output === 'json') {
      // Each stack is encoded exactly as LBC's Go encoder would (sorted keys, Go escaping).
      const items = state.stacks.map((s) => stackToLbcJsonText(s, { redactSecrets: true }));
      process.stdout.write(items.length === 0 ? '[]\n' : `[\n${items.join(',\n')}\n]\n`);
    } else {
      process.stdout.write(state.stacks.map((s) => yamlLib().stringify(stackToLbcJson(s, { redactSecrets: true }), { lineWidth: 0 })).join('---\n'));
    }
    exit.code = hasErrors(state.diagnostics) ? 1 : 0;
  });
  program.addCommand(cmd);
}
