/**
 * `gwlb destroy [-f PATH... | --from-cluster | --gateway NS/NAME ... | --all] [--sandbox | --endpoint-url URL]
 * [--auto-approve]`: deletes owned stacks on purpose, as `terraform destroy` does — the plan of
 * deletions, Terraform's destroy prompt (or --auto-approve), execution, then a check. Only
 * stacks with this cluster's tags are touched, and LBC's ownership abort applies as in apply.
 * The shared backend security group is left alone. Holds the target's lock as apply does
 * (src/run/lock.ts; --lock-timeout). Exit codes: 0 done or nothing to destroy, 1 error or refusal.
 */
import { Command } from 'commander';
import type { AwsConnection } from '../../aws/clients.js';
import { commandFailureText } from '../../aws/errors.js';
import { awsTarget } from '../../aws/target.js';
import { DESTROY_PROMPT } from '../../ui/apply/text.js';
import { lbcManagedDestroyText, nothingToDestroyText } from '../../ui/scope.js';
import { destroyRequest, type DestroyFlags } from '../destroy-scope.js';
import type { HeldLock } from '../../run/lock.js';
import type { ExitCode } from '../main.js';
import { addClusterOptions, addInputOptions, collect, commandIo, printDiagnostics, readInput, rejectConflictingTargets, type InputFlags } from './common.js';

interface Flags extends InputFlags, DestroyFlags {
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly autoApprove?: boolean;
  readonly takeOver?: boolean;
  readonly lockTimeout?: string;
}

export function registerDestroyCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('destroy')
    .description("delete owned stacks: the Gateways in -f manifests, --gateway NS/NAME, or --all; asks for 'yes' unless --auto-approve")
    .option('--gateway <ns/name>', 'destroy this Gateway\'s stack (repeatable)', collect)
    .option('--all', 'destroy every stack this cluster owns')
    .option('--sandbox', 'destroy in the built-in AWS emulator (state under .gwlb/sandbox/)')
    .option('--endpoint-url <url>', 'destroy in a running `gwlb emulator` or another ELBv2/EC2/ACM endpoint')
    .option('--region <region>', 'AWS region')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--auto-approve', "skip the interactive 'yes' (required when there is no terminal)")
    .option('--take-over', 'destroy Gateways an in-cluster LBC manages (its finalizer is set)')
    .option('--lock-timeout <duration>', 'wait this long (e.g. 30s, 5m) for another gwlb apply or destroy on the same target to finish; default 0s: refuse at once');
  addClusterOptions(addInputOptions(cmd)).action(async (flags: Flags) => {
    const io = commandIo(flags);
    const fail = (text: string) => {
      process.stderr.write(`gwlb destroy: ${text}\n`);
      exit.code = 1;
    };
    // Only --from-cluster is read here; -f stays with destroyRequest, which needs no -f at all for --all.
    if (!flags.fromCluster && (flags.kubeconfig !== undefined || flags.context !== undefined)) return fail('--kubeconfig and --context only go with --from-cluster');
    const input = flags.fromCluster ? await readInput(flags, io, 'destroy', exit) : {};
    if (!input) return;
    const request = await destroyRequest(flags, io.files, io.settings, input.loaded);
    if (typeof request === 'string') return fail(request);
    printDiagnostics(request.diagnostics, io, Boolean(flags.verbose));
    if (request.errored) return fail('the input has errors (above); nothing was changed in AWS');
    if (request.lbcManaged.length > 0 && !flags.takeOver) return fail(lbcManagedDestroyText(request.lbcManaged));
    // The AWS SDK and ink load only once there is something to destroy (src/run/aws-runtime.ts).
    const [{ connectAws, AwsSession, livePlan }, { showApproveExecute }, { lockTarget, LockRefusedError }] = await Promise.all([import('../../run/aws-runtime.js'), import('../execute-run.js'), import('../../run/lock.js')]);
    let conn: AwsConnection | undefined;
    let lock: HeldLock | undefined;
    try {
      const target = awsTarget(flags, io.settings.cluster.region);
      lock = await lockTarget({ target, clusterName: io.settings.cluster.clusterName, command: 'gwlb destroy', timeout: flags.lockTimeout, say: (t) => process.stdout.write(t) });
      conn = await connectAws(target);
      const session = new AwsSession(conn, io.settings.cluster.clusterName, io.settings.cluster.vpcId);
      const planOnce = () =>
        livePlan({
          session,
          settings: io.settings.cluster,
          controllerNames: io.settings.controllerNames,
          desire: async () => ({ stacks: [], inputGateways: request.named, errored: false }),
          prune: false,
          destroy: request.scope,
        });
      const live = await planOnce();
      const found = new Set(live.plan.stacks.map((s) => s.id));
      const missing = (flags.gateway === undefined ? [] : [flags.gateway].flat()).filter((g) => !found.has(g));
      // A --gateway typed by hand that owns nothing is most likely a typo: say so and stop.
      if (missing.length > 0) return fail(nothingToDestroyText(missing));
      if (live.plan.stacks.length === 0) {
        process.stdout.write(`${nothingToDestroyText(request.named)}.\n`);
        return;
      }
      const code = await showApproveExecute({
        plan: live.plan,
        desired: [],
        observed: live.observed,
        session,
        conn,
        settings: io.settings.cluster,
        chalk: io.chalk,
        approved: Boolean(flags.autoApprove),
        prompt: DESTROY_PROMPT,
        noColor: flags.color === false,
        replan: planOnce,
        fail,
      });
      if (code !== 0) exit.code = code;
    } catch (err) {
      return fail(err instanceof LockRefusedError ? err.message : commandFailureText(err, flags.endpointUrl));
    } finally {
      await conn?.close(); // for --sandbox this writes the state, so the lock outlives it
      lock?.release();
    }
  });
  rejectConflictingTargets(cmd);
  program.addCommand(cmd);
}
