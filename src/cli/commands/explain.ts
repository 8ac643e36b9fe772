/**
 * `gwlb explain [-f ... | --from-cluster] [KIND/NS/NAME] [-o text|yaml|json] [--sandbox |
 * --endpoint-url URL | --region R | --offline] [--detailed-exitcode]`: the status LBC would write
 * for each object, and for each unhealthy condition why and what to change. From files it is
 * offline by default; with an AWS target it reads the discovery facts (VPC, subnets, ACM
 * certificates…) read-only, so certificate discovery is checked as LBC would do it. From a
 * cluster it is the debugging view of explain-live.ts: one finding per problem.
 */
import { Command, Option } from 'commander';
import { AwsSetupError, describeAwsError, isSetupProblem, setupProblemMessage } from '../../aws/errors.js';
import { awsTarget } from '../../aws/target.js';
import type { DiscoveryFacts } from '../../model/discovery.js';
import type { ObjectRef } from '../../diagnostics.js';
import { unattachedParents } from '../../resolve/unattached.js';
import { renderStatusList } from '../../ui/explain/list.js';
import type { ExitCode } from '../main.js';
import { desiredState } from '../../run/pipeline.js';
import { addClusterOptions, addInputOptions, commandIo, printDiagnostics, readInput, rejectConflictingTargets, type CommandIo, type InputFlags } from './common.js';

interface ExplainFlags extends InputFlags {
  readonly output: 'text' | 'yaml' | 'json';
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly offline?: boolean;
  readonly detailedExitcode?: boolean;
}

function wantsAws(flags: ExplainFlags): boolean {
  return Boolean(flags.sandbox || flags.endpointUrl || flags.region || flags.profile);
}

/** Discovery facts from the AWS target, read-only; the SDK loads only here (aws-runtime.ts). */
async function awsFacts(flags: ExplainFlags, io: CommandIo): Promise<DiscoveryFacts | string> {
  try {
    const { connectAws, AwsSession, discoverFacts } = await import('../../run/aws-runtime.js');
    const conn = await connectAws(awsTarget(flags, io.settings.cluster.region, { readOnly: true }));
    try {
      return await discoverFacts(new AwsSession(conn, io.settings.cluster.clusterName, io.settings.cluster.vpcId));
    } finally {
      await conn.close();
    }
  } catch (err) {
    if (err instanceof AwsSetupError) return err.message;
    if (isSetupProblem(err)) return setupProblemMessage(err, flags.endpointUrl);
    if (typeof err === 'object' && err !== null && '$metadata' in err) return describeAwsError(err);
    throw err;
  }
}

/** `KIND/NS/NAME`, `KIND/NAME` (cluster-scoped or namespace `default`) or `KIND`; kind case-insensitive. */
export function parseSelector(arg: string | undefined): ((s: { readonly object: ObjectRef }) => boolean) | string {
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
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'yaml', 'json']).default('text'))
    .option('--sandbox', 'also read discovery facts (VPC, subnets, ACM certificates) from the built-in AWS emulator')
    .option('--endpoint-url <url>', 'also read discovery facts from a running `gwlb emulator` or another ELBv2/EC2/ACM endpoint')
    .option('--region <region>', 'also read discovery facts from AWS in this region (read-only)')
    .option('--profile <name>', 'AWS shared-config profile (live AWS only)')
    .option('--offline', 'with --from-cluster: do not read AWS (load balancer state, drift, certificates, subnets, target health); -f never reads AWS unless asked')
    .option('--detailed-exitcode', 'exit 0 when everything is programmed, 2 when there are findings (unhealthy conditions; with --from-cluster every finding), 1 on error');
  addClusterOptions(addInputOptions(cmd)).action(async (object: string | undefined, flags: ExplainFlags) => {
    const io = commandIo(flags);
    const input = await readInput(flags, io, 'explain', exit);
    if (!input) return;
    const select = parseSelector(object);
    if (typeof select === 'string') {
      process.stderr.write(`gwlb explain: ${select}\n`);
      exit.code = 1;
      return;
    }
    // From a cluster: LBC's written status beside gwlb's, and the AWS side (explain-live.ts).
    if (input.loaded) return (await import('./explain-live.js')).explainLive(flags, io, input.loaded, select, exit);
    const facts = wantsAws(flags) && !flags.offline ? await awsFacts(flags, io) : undefined;
    if (typeof facts === 'string') {
      process.stderr.write(`gwlb explain: ${facts}\n`);
      exit.code = 1;
      return;
    }
    const state = await desiredState({ files: io.files, settings: io.settings, ...input, ...(facts ? { facts } : { offline: true }) });
    printDiagnostics(state.diagnostics, io, Boolean(flags.verbose));
    const selected = state.resolution.statuses.filter(select);
    // Gateways LBC ignores have no status; explain still says why they are not handled.
    const unhandled = (state.resolution.unhandled ?? []).filter((u) => select({ object: u.gateway }));
    const unattached = unattachedParents(state.snapshot, io.settings.controllerNames, io.settings.cluster.gatewayClasses).filter((u) => select({ object: u.route }));
    if (object && selected.length === 0 && unhandled.length === 0 && unattached.length === 0) {
      process.stderr.write(`gwlb explain: no ${object} with a status in the input; LBC writes status only for objects of its GatewayClasses\n`);
      exit.code = 1;
      return;
    }
    // The text view and the findings load only when asked for: -o json/yaml needs neither.
    if (flags.output === 'text') {
      const { renderExplainText } = await import('../../ui/explain/text.js');
      process.stdout.write(renderExplainText(state.resolution, selected, io.chalk, { deployFailures: state.deployFailures, stacks: state.stacks, diagnostics: state.diagnostics, offline: facts === undefined, unattached, unhandled }));
    } else process.stdout.write(renderStatusList(selected, flags.output));
    const findings = flags.detailedExitcode ? (await import('../../explain/computed.js')).computedConditionFindings : undefined;
    exit.code = findings && findings(selected, { gateways: state.resolution.gateways, deployFailures: state.deployFailures }).length > 0 ? 2 : 0;
  });
  rejectConflictingTargets(cmd);
  program.addCommand(cmd);
}
