/**
 * `gwlb plan -f ... [--offline | --sandbox | --endpoint-url URL] [-o text|json|markdown]
 * [--detailed-exitcode] [--out FILE]`: the changes that would make the account match the
 * manifests, Terraform style. `--offline` plans against an empty account with discovery unknown;
 * otherwise discovery facts and the owned stacks are read from AWS (live, the in-process sandbox,
 * or an endpoint) and the desired stacks are diffed against them.
 * Exit codes: 0 success (no changes with --detailed-exitcode), 1 error, 2 changes present
 * (only with --detailed-exitcode).
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { AwsSetupError, describeAwsError, isSetupProblem, setupProblemMessage } from '../../aws/errors.js';
import { awsTarget } from '../../aws/target.js';
import { fingerprintOptions } from '../../observe/fingerprint.js';
import { abortedStacks, buildPlan, EMPTY_OBSERVED, hasChanges, lazyFingerprint, type Plan, type PlanFingerprint } from '../../plan/index.js';
import { planTextChunks, renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../ui/plan/index.js';
import type { ExitCode } from '../main.js';
import { gatewayNotInInputText, lbcManagedWarning, pruneWithoutGatewaysText } from '../../ui/scope.js';
import { lbcManagedChanges } from '../../run/lbc-managed.js';
import { desiredInput, desiredState, inputGatewayIds, type DesiredState } from '../../run/pipeline.js';
import type { LoadResult } from '../../source/snapshot.js';
import { addClusterOptions, addInputOptions, commandIo, printDiagnostics, readInput, rejectConflictingTargets, type CommandIo, type InputFlags } from './common.js';

interface PlanFlags extends InputFlags {
  readonly output: 'text' | 'json' | 'markdown';
  readonly gateway?: string;
  readonly offline?: boolean;
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly detailedExitcode?: boolean;
  readonly out?: string;
  readonly prune?: boolean;
  readonly destroy?: boolean;
  readonly all?: boolean;
}

interface Planned {
  readonly state: DesiredState;
  readonly plan: Plan;
  /** Computed only when --out writes the plan file. */
  readonly fingerprint: () => PlanFingerprint;
}

/** Discovery, desired stacks, observed owned stacks and the plan, through one AWS session (observe/live-plan.ts, shared with apply). */
async function planLive(flags: PlanFlags, io: CommandIo, input: { loaded?: LoadResult }): Promise<Planned> {
  // The AWS SDK loads only for a plan that reads AWS (src/run/aws-runtime.ts).
  const { withSession, livePlan } = await import('../../run/aws-runtime.js');
  // Read-only: plan writes nothing, so it needs no lock and runs while an apply holds one.
  return withSession(awsTarget(flags, io.settings.cluster.region, { readOnly: true }), io.settings.cluster, async (session) => {
    const r = await livePlan({
      session,
      settings: io.settings.cluster,
      prune: Boolean(flags.prune),
      controllerNames: io.settings.controllerNames,
      ...(flags.gateway ? { scope: flags.gateway } : {}),
      desire: async (facts) => desiredInput(await desiredState({ files: io.files, settings: io.settings, ...input, facts, ...(flags.gateway ? { gateway: flags.gateway } : {}) })),
    });
    return { state: r.desired.state, plan: r.plan, fingerprint: r.fingerprint };
  });
}

/** Against an empty account, discovery unknown: no AWS call at all. */
async function planOffline(flags: PlanFlags, io: CommandIo, source: { loaded?: LoadResult }): Promise<Planned> {
  const input = desiredInput(await desiredState({ files: io.files, settings: io.settings, ...source, offline: true, ...(flags.gateway ? { gateway: flags.gateway } : {}) }));
  const plan = buildPlan({
    desired: input.stacks,
    observed: EMPTY_OBSERVED,
    settings: io.settings.cluster,
    mode: 'offline',
    prune: Boolean(flags.prune),
    inputGateways: input.inputGateways,
    ...(flags.gateway ? { scope: flags.gateway } : {}),
    errored: input.errored,
  });
  return { state: input.state, plan, fingerprint: lazyFingerprint(input.stacks, fingerprintOptions(plan, flags.gateway, io.settings.cluster, io.settings.controllerNames), EMPTY_OBSERVED, plan.resource_changes) };
}

/** Errors the AWS SDK raises for a failed call (they carry a `$metadata`): reported, not thrown. */
function isAwsError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && '$metadata' in err;
}

function targetOf(flags: PlanFlags): NonNullable<Plan['target']> {
  return flags.offline ? 'offline' : flags.sandbox ? 'sandbox' : flags.endpointUrl ? 'endpoint' : 'account';
}

function render(plan: Plan, flags: PlanFlags, io: CommandIo, diagnostics: DesiredState['diagnostics']): string {
  switch (flags.output) {
    case 'text':
      return renderPlanText(plan, io.chalk);
    case 'json':
      return renderPlanJson(plan);
    case 'markdown':
      return renderPlanMarkdown(plan, { target: targetOf(flags), diagnostics, files: io.files });
  }
}

export function registerPlanCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('plan')
    .description('show the AWS changes that would make the account match the manifests, Terraform style (+ create, ~ update, - destroy, -/+ replace)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--offline', 'plan against an empty account, without reading AWS')
    .option('--sandbox', 'plan against the built-in AWS emulator (state under .gwlb/sandbox/)')
    .option('--endpoint-url <url>', 'plan against a running `gwlb emulator` or another ELBv2/EC2/ACM endpoint')
    .option('--region <region>', 'AWS region')
    .option('--profile <name>', 'AWS shared-config profile (live AWS only)')
    .option('--gateway <ns/name>', 'only this Gateway')
    .option('--prune', "also delete owned stacks whose Gateway is not in the input")
    .option('--destroy', 'plan the deletion of the stacks of the Gateways in -f, of --gateway NS/NAME, or of --all (what gwlb destroy would do)')
    .option('--all', 'with --destroy: every stack this cluster owns')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--out <file>', 'save the plan as JSON with a fingerprint of its inputs and of the observed state');
  addClusterOptions(addInputOptions(cmd)).action(async (flags: PlanFlags) => {
    const io = commandIo(flags);
    // plan --destroy reads AWS: its module loads the SDK, so it loads only when asked for.
    if (flags.destroy) return (await import('./plan-destroy.js')).planDestroy(flags, io, exit);
    if (flags.all) {
      process.stderr.write('gwlb plan: --all only goes with --destroy (plan --destroy --all previews deleting every stack this cluster owns)\n');
      exit.code = 1;
      return;
    }
    const input = await readInput(flags, io, 'plan', exit);
    if (!input) return;
    let planned: Planned;
    try {
      planned = flags.offline ? await planOffline(flags, io, input) : await planLive(flags, io, input);
    } catch (err) {
      if (!(err instanceof AwsSetupError) && !isAwsError(err) && !isSetupProblem(err)) throw err;
      const message = err instanceof AwsSetupError ? err.message : isSetupProblem(err) ? setupProblemMessage(err, flags.endpointUrl) : describeAwsError(err);
      process.stderr.write(`gwlb plan: ${message}\n`);
      exit.code = 1;
      return;
    }
    const { state, plan, fingerprint } = planned;
    printDiagnostics(state.diagnostics, io, Boolean(flags.verbose));
    const inInput = inputGatewayIds(state);
    const refusal = flags.gateway && !inInput.includes(flags.gateway) ? gatewayNotInInputText(flags.gateway, inInput) : flags.prune && inInput.length === 0 ? pruneWithoutGatewaysText('plan') : undefined;
    if (refusal) {
      process.stderr.write(`gwlb plan: ${refusal}\n`);
      exit.code = 1;
      return;
    }
    // The text of a large plan is tens of MB: written as it is rendered, not held whole.
    if (flags.output === 'text') for (const chunk of planTextChunks(plan, io.chalk)) process.stdout.write(chunk);
    else process.stdout.write(render(plan, flags, io, state.diagnostics));
    const managed = lbcManagedChanges(plan, state.snapshot.gateways);
    if (managed.length > 0) process.stderr.write(io.errChalk.yellow(lbcManagedWarning(managed)));
    if (flags.out) {
      try {
        writeFileSync(flags.out, renderPlanJson({ ...plan, target: targetOf(flags) }, fingerprint()));
      } catch (err) {
        process.stderr.write(`gwlb plan: cannot write the plan to ${flags.out}: ${(err as Error).message}\n`);
        exit.code = 1;
        return;
      }
      if (flags.output === 'text') process.stdout.write(`\nSaved the plan to: ${flags.out}\n`);
    }
    exit.code = plan.errored || abortedStacks(plan).length > 0 ? 1 : flags.detailedExitcode && hasChanges(plan) ? 2 : 0;
  });
  rejectConflictingTargets(cmd);
  program.addCommand(cmd);
}
