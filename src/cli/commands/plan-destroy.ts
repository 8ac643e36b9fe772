/**
 * `gwlb plan --destroy [-f PATH... | --gateway NS/NAME | --all]`: the preview of `gwlb destroy`
 * (Terraform's `plan -destroy`), read from the account, never written. Exit codes as plan's:
 * 0, or 2 with --detailed-exitcode when something would be destroyed, 1 on error.
 */
import { AwsSetupError, connectAws } from '../../aws/clients.js';
import { describeAwsError, isSetupProblem, setupProblemMessage } from '../../aws/errors.js';
import { AwsSession } from '../../aws/session.js';
import { awsTarget, type TargetFlags } from '../../aws/target.js';
import { livePlan } from '../../observe/live-plan.js';
import { abortedStacks, hasChanges } from '../../plan/index.js';
import { renderPlanJson, renderPlanText } from '../../ui/plan/index.js';
import { destroyRequest, type DestroyFlags } from '../destroy-scope.js';
import type { ExitCode } from '../main.js';
import { printDiagnostics, type CommandIo, type InputFlags } from './common.js';

export interface PlanDestroyFlags extends InputFlags, DestroyFlags, TargetFlags {
  readonly output: 'text' | 'json' | 'markdown';
  readonly offline?: boolean;
  readonly detailedExitcode?: boolean;
  readonly out?: string;
  readonly prune?: boolean;
}

export async function planDestroy(flags: PlanDestroyFlags, io: CommandIo, exit: ExitCode): Promise<void> {
  const fail = (text: string) => {
    process.stderr.write(`gwlb plan: ${text}\n`);
    exit.code = 1;
  };
  if (flags.offline) return fail('--destroy needs the account: an --offline plan starts from an empty account, where there is nothing to destroy');
  if (flags.out) return fail('--destroy plans cannot be saved with --out; run gwlb destroy, which shows the same plan and asks before deleting');
  if (flags.prune) return fail('--destroy and --prune do not combine: --destroy deletes only the stacks it names');
  const request = await destroyRequest(flags, io.files, io.settings);
  if (typeof request === 'string') return fail(request);
  printDiagnostics(request.diagnostics, io, Boolean(flags.verbose));
  if (request.errored) return fail('the input has errors (above); planned nothing');
  try {
    const conn = await connectAws(awsTarget(flags, io.settings.cluster.region, { readOnly: true }));
    try {
      const session = new AwsSession(conn, io.settings.cluster.clusterName, io.settings.cluster.vpcId);
      const { plan } = await livePlan({ session, settings: io.settings.cluster, desire: async () => ({ stacks: [], inputGateways: request.named, errored: false }), prune: false, destroy: request.scope });
      // Markdown has no destroy-specific layout: the text plan reads the same in a comment.
      process.stdout.write(flags.output === 'json' ? renderPlanJson(plan) : renderPlanText(plan, io.chalk));
      exit.code = abortedStacks(plan).length > 0 ? 1 : flags.detailedExitcode && hasChanges(plan) ? 2 : 0;
    } finally {
      await conn.close();
    }
  } catch (err) {
    if (err instanceof AwsSetupError) return fail(err.message);
    if (isSetupProblem(err)) return fail(setupProblemMessage(err, flags.endpointUrl));
    if (typeof err === 'object' && err !== null && '$metadata' in err) return fail(describeAwsError(err));
    throw err;
  }
}
