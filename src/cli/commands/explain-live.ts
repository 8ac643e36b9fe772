/**
 * `gwlb explain --from-cluster`: the debugging view. The status LBC wrote beside the status gwlb
 * computes, and (unless --offline) the AWS side read-only — load balancer state, drift through
 * the same live plan `gwlb plan` runs, certificate and subnet discovery, target health — as one
 * finding per problem with what to change (src/explain/, rendered by ui/explain/findings.ts).
 */
import { AwsSetupError, describeAwsError, isSetupProblem, setupProblemMessage } from '../../aws/errors.js';
import { awsTarget } from '../../aws/target.js';
import type { ObjectRef } from '../../diagnostics.js';
import { explainFindings, loadBalancerStates, writtenLoadBalancerStates, type Finding, type FindingsInput } from '../../explain/index.js';
import type { LoadResult } from '../../source/snapshot.js';
import { renderFindingsData, renderFindingsText } from '../../ui/explain/findings.js';
import type { ExitCode } from '../main.js';
import { desiredInput, desiredState, inputGatewayIds, type DesiredState } from '../../run/pipeline.js';
import { printDiagnostics, type CommandIo } from './common.js';

export interface ExplainLiveFlags {
  readonly output: 'text' | 'yaml' | 'json';
  readonly offline?: boolean;
  readonly sandbox?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly detailedExitcode?: boolean;
  readonly verbose?: boolean;
}

interface Explained {
  readonly state: DesiredState;
  readonly aws?: FindingsInput['aws'];
}

/** Offline: whether each load balancer is active comes from the status LBC wrote (written-lb-states.ts). */
async function explainOffline(io: CommandIo, loaded: LoadResult): Promise<Explained> {
  const state = await desiredState({ files: [], settings: io.settings, loaded, offline: true, loadBalancerStates: writtenLoadBalancerStates(loaded.snapshot) });
  return { state };
}

/** Discovery, the live plan and the AWS state of the Gateways' stacks, through one read-only session. */
async function explainAws(flags: ExplainLiveFlags, io: CommandIo, loaded: LoadResult): Promise<Explained> {
  // The AWS SDK loads only here (src/run/aws-runtime.ts).
  const { withSession, livePlan, readLiveAws } = await import('../../run/aws-runtime.js');
  return withSession(awsTarget(flags, io.settings.cluster.region, { readOnly: true }), io.settings.cluster, async (session) => {
    const r = await livePlan({
      session,
      settings: io.settings.cluster,
      prune: false,
      controllerNames: io.settings.controllerNames,
      desire: async (facts) => desiredInput(await desiredState({ files: [], settings: io.settings, loaded, facts })),
    });
    const live = await readLiveAws(session, new Set(inputGatewayIds(r.desired.state)));
    // Resolve again with the load balancers' real states, so Programmed is what LBC would write now.
    const state = await desiredState({ files: [], settings: io.settings, loaded, facts: r.facts, loadBalancerStates: loadBalancerStates(live) });
    return { state, aws: { built: new Set(state.stacks.map((s) => s.id)), plan: r.plan, live, diagnostics: state.diagnostics } };
  });
}

function awsFailure(err: unknown, endpointUrl: string | undefined): string | undefined {
  if (err instanceof AwsSetupError) return err.message;
  if (isSetupProblem(err)) return setupProblemMessage(err, endpointUrl);
  if (typeof err === 'object' && err !== null && '$metadata' in err) return describeAwsError(err);
  return undefined;
}

export async function explainLive(flags: ExplainLiveFlags, io: CommandIo, loaded: LoadResult, select: (s: { readonly object: ObjectRef }) => boolean, exit: ExitCode): Promise<void> {
  let explained: Explained;
  try {
    explained = flags.offline ? await explainOffline(io, loaded) : await explainAws(flags, io, loaded);
  } catch (err) {
    const message = awsFailure(err, flags.endpointUrl);
    if (message === undefined) throw err;
    process.stderr.write(`gwlb explain: ${message}\n`);
    exit.code = 1;
    return;
  }
  const { state, aws } = explained;
  printDiagnostics(state.diagnostics, io, Boolean(flags.verbose));
  const findings: Finding[] = explainFindings({ snapshot: state.snapshot, resolution: state.resolution, controllerNames: io.settings.controllerNames, deployFailures: state.deployFailures, ...(aws ? { aws } : {}) }).filter(select);
  process.stdout.write(flags.output === 'text' ? renderFindingsText(findings, io.chalk, { offline: aws === undefined }) : renderFindingsData(findings, flags.output));
  exit.code = flags.detailedExitcode && findings.length > 0 ? 2 : 0;
}
