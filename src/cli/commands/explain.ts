/**
 * `gwlb explain [-f ...] [KIND/NS/NAME] [-o text|yaml|json]`: the status LBC would write for each
 * object, and for each unhealthy condition why and what to change.
 */
import { Command, Option } from 'commander';
import type { ObjectStatus } from '../../resolve/types.js';
import { renderStatusList } from '../../ui/explain/list.js';
import { renderExplainText } from '../../ui/explain/text.js';
import type { ExitCode } from '../main.js';
import { desiredState } from '../pipeline.js';
import { addInputOptions, commandIo, noInputError, printDiagnostics, type InputFlags } from './common.js';

interface ExplainFlags extends InputFlags {
  readonly output: 'text' | 'yaml' | 'json';
}

/** `KIND/NS/NAME`, `KIND/NAME` (cluster-scoped or namespace `default`) or `KIND`; kind case-insensitive. */
export function parseSelector(arg: string | undefined): ((s: Pick<ObjectStatus, 'object'>) => boolean) | string {
  if (!arg) return () => true;
  const parts = arg.split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) return `cannot read ${arg}: expected KIND/NAMESPACE/NAME, e.g. gateway/default/my-gateway`;
  const [kind, a, b] = parts as [string, string | undefined, string | undefined];
  const namespace = b !== undefined ? a : undefined;
  const name = b ?? a;
  return (s) =>
    s.object.kind.toLowerCase() === kind.toLowerCase() &&
    (name === undefined || s.object.name === name) &&
    (namespace === undefined || s.object.namespace === namespace || (s.object.namespace === '' && namespace === undefined));
}

export function registerExplainCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('explain')
    .description("show the status LBC would write for each Gateway, listener and route, and why a condition is not healthy")
    .argument('[object]', 'only this object: KIND/NAMESPACE/NAME (e.g. httproute/default/web)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'yaml', 'json']).default('text'));
  addInputOptions(cmd).action(async (object: string | undefined, flags: ExplainFlags) => {
    const io = commandIo(flags);
    if (io.files.length === 0) {
      process.stderr.write(noInputError('explain'));
      exit.code = 1;
      return;
    }
    const select = parseSelector(object);
    if (typeof select === 'string') {
      process.stderr.write(`gwlb explain: ${select}\n`);
      exit.code = 1;
      return;
    }
    const state = await desiredState({ files: io.files, settings: io.settings, offline: true });
    printDiagnostics(state.diagnostics, io, Boolean(flags.verbose));
    const selected = state.resolution.statuses.filter(select);
    // Gateways LBC ignores have no status; explain still says why they are not handled.
    const unhandled = (state.resolution.unhandled ?? []).filter((u) => select({ object: u.gateway }));
    if (object && selected.length === 0 && unhandled.length === 0) {
      process.stderr.write(`gwlb explain: no ${object} with a status in the input; LBC writes status only for objects of its GatewayClasses\n`);
      exit.code = 1;
      return;
    }
    process.stdout.write(flags.output === 'text' ? renderExplainText(state.resolution, selected, io.chalk, { unhandled, deployFailures: state.deployFailures }) : renderStatusList(selected, flags.output));
    exit.code = 0;
  });
  program.addCommand(cmd);
}
