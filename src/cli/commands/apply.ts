/**
 * `gwlb apply [PLANFILE] -f ... [--sandbox | --endpoint-url URL] [--auto-approve] [--take-over]`:
 * plan against the account, show the plan, ask for `yes` (unless --auto-approve or a saved plan,
 * which counts as approval; with no terminal and neither, stop — Terraform's `-input=false`
 * rule), execute it, then observe again and say whether the account now matches.
 * Progress: the ink view (src/ui/apply) when stdout is a terminal and neither --no-color, NO_COLOR
 * nor CI is set; otherwise one line per action, as Terraform prints it.
 * A saved plan is refused when its fingerprint (inputs + observed state) no longer matches.
 * A Gateway carrying LBC's finalizer is managed by an in-cluster LBC: refused without --take-over.
 * Existing rules' OIDC client secrets are re-sent even when the plan has no changes (as LBC does,
 * apply/secrets.ts). Only a plan with changes asks for approval: re-sending the secrets the
 * manifests already hold changes nothing a reviewer could see, as with LBC's every reconcile.
 * One apply per target at a time: the target's lock (src/run/lock.ts) is held from before the
 * first AWS read to after the last write; --lock-timeout waits for it, as Terraform's -lock-timeout.
 * With --from-cluster the cluster's Lease is held as well (src/source/cluster/lease.ts).
 * Exit codes: 0 applied (or nothing to do), 1 error or refusal.
 */
import { Command } from 'commander';
import type { AwsConnection } from '../../aws/clients.js';
import { commandFailureText } from '../../aws/errors.js';
import { awsTarget } from '../../aws/target.js';
import { hasErrors } from '../../diagnostics.js';
import { judgeSavedPlan } from '../../plan/saved-plan.js';
import { collisionRefusal, savedPlanRefusal } from '../../ui/apply/refusals.js';
import { CONFIRM_PROMPT } from '../../ui/apply/text.js';
import type { ExitCode } from '../main.js';
import type { HeldLease, HeldLock } from '../../run/lock.js';
import { desiredState, inputGatewayIds } from '../../run/pipeline.js';
import { readSavedPlan } from '../saved-plan.js';
import { gatewayNotInInputText, lbcManagedText, pruneWithoutGatewaysText } from '../../ui/scope.js';
import { lbcManagedChanges } from '../../run/lbc-managed.js';
import { addClusterOptions, addInputOptions, commandIo, printDiagnostics, readInput, rejectConflictingTargets, type InputFlags } from './common.js';

interface ApplyFlags extends InputFlags {
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly gateway?: string;
  readonly prune?: boolean;
  readonly autoApprove?: boolean;
  readonly takeOver?: boolean;
  readonly lockTimeout?: string;
  /** `--no-write-status` sets it false. */
  readonly writeStatus?: boolean;
}

export function registerApplyCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('apply')
    .description('make the account match the manifests: plan, confirm, execute in dependency order, then verify (a saved plan from gwlb plan --out is applied only if still current)')
    .argument('[planfile]', 'a plan saved with gwlb plan --out FILE (pass the same -f inputs)')
    .option('--sandbox', 'apply to the built-in AWS emulator (state under .gwlb/sandbox/)')
    .option('--endpoint-url <url>', 'apply to a running `gwlb emulator` or another ELBv2/EC2/ACM endpoint')
    .option('--region <region>', 'AWS region')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--gateway <ns/name>', 'only this Gateway')
    .option('--prune', 'also delete owned stacks whose Gateway is not in the input')
    .option('--auto-approve', "skip the interactive 'yes' (required when there is no terminal)")
    .option('--take-over', "apply Gateways an in-cluster LBC manages (its finalizer is set); LBC and gwlb will then fight over them")
    .option('--no-write-status', 'with --from-cluster: do not write Gateway, ListenerSet and route status back to the cluster after the apply')
    .option('--lock-timeout <duration>', 'wait this long (e.g. 30s, 5m) for another gwlb apply or destroy on the same target to finish; default 0s: refuse at once');
  addClusterOptions(addInputOptions(cmd)).action(async (planfile: string | undefined, flags: ApplyFlags) => {
    const io = commandIo(flags);
    const fail = (text: string) => {
      process.stderr.write(`gwlb apply: ${text}\n`);
      exit.code = 1;
    };
    const input = await readInput(flags, io, 'apply', exit);
    if (!input) return;
    // Loaded here, not at the top: the AWS SDK and ink (with React) take longer to load than the
    // rest of gwlb, and only commands that talk to AWS use them (src/run/aws-runtime.ts).
    const [{ connectAws, AwsSession, livePlan }, { showApproveExecute }, { lockTarget, lockCluster, LockRefusedError }] = await Promise.all([import('../../run/aws-runtime.js'), import('../execute-run.js'), import('../../run/lock.js')]);
    let conn: AwsConnection | undefined;
    let lock: HeldLock | undefined;
    let lease: HeldLease | undefined;
    try {
      const target = awsTarget(flags, io.settings.cluster.region);
      const waitingSince = Date.now();
      lock = await lockTarget({ target, clusterName: io.settings.cluster.clusterName, command: 'gwlb apply', timeout: flags.lockTimeout, say: (t) => process.stdout.write(t) });
      // With a cluster connected, its Lease too: gwlb runs on other machines exclude this one.
      if (flags.fromCluster) lease = await lockCluster({ cluster: { ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}), ...(flags.context !== undefined ? { context: flags.context } : {}) }, clusterName: io.settings.cluster.clusterName, timeout: flags.lockTimeout, waitingSince, say: (t) => process.stdout.write(t) });
      conn = await connectAws(target);
      const session = new AwsSession(conn, io.settings.cluster.clusterName, io.settings.cluster.vpcId);
      let lastFacts: Parameters<typeof desiredState>[0]['facts'];
      const desire = async (facts: Parameters<typeof desiredState>[0]['facts']) => {
        lastFacts = facts;
        const st = await desiredState({ files: io.files, settings: io.settings, ...input, ...(facts ? { facts } : {}), ...(flags.gateway ? { gateway: flags.gateway } : {}) });
        return { ...st, inputGateways: inputGatewayIds(st), errored: hasErrors(st.diagnostics) };
      };
      const planOnce = () => livePlan({ session, settings: io.settings.cluster, controllerNames: io.settings.controllerNames, desire, prune: Boolean(flags.prune), ...(flags.gateway ? { scope: flags.gateway } : {}) });
      const saved = planfile ? readSavedPlan(planfile) : undefined;
      const live = await planOnce();
      const { plan, desired } = live;
      printDiagnostics(desired.diagnostics, io, Boolean(flags.verbose));
      if (desired.errored) return fail('the input has errors (above); nothing was changed in AWS');
      if (flags.gateway && !desired.inputGateways.includes(flags.gateway)) return fail(gatewayNotInInputText(flags.gateway, desired.inputGateways));
      if (flags.prune && desired.inputGateways.length === 0) return fail(pruneWithoutGatewaysText('apply'));
      // A saved plan runs only if the plan made now is exactly the one in the file (saved-plan.ts).
      const refusal = planfile && saved ? savedPlanRefusal(planfile, judgeSavedPlan(saved, live)) : undefined;
      if (refusal) return fail(refusal);
      const managed = lbcManagedChanges(plan, desired.snapshot.gateways);
      if (managed.length > 0 && !flags.takeOver) return fail(lbcManagedText(managed));
      if (!plan.applyable) return fail(collisionRefusal(plan.untracked));
      const code = await showApproveExecute({
        plan,
        desired: desired.stacks,
        observed: live.observed,
        session,
        conn,
        settings: io.settings.cluster,
        chalk: io.chalk,
        approved: Boolean(planfile) || Boolean(flags.autoApprove),
        prompt: CONFIRM_PROMPT,
        noColor: flags.color === false,
        replan: planOnce,
        fail,
      });
      if (code !== 0) exit.code = code;
      // The acting controller's last step: the status LBC would write (src/run/apply-status.ts).
      if (flags.fromCluster && flags.writeStatus !== false && input.loaded) {
        const { writeStatusAfterApply, deployFailedStacks } = await import('../../run/apply-status.js');
        // Approved and run: 0, or 1 when something failed (then LBC's failure status for those
        // stacks). Cancelled, or interrupted (130/143): no status.
        const ran = code === 0 || (code === 1 && (Boolean(planfile) || Boolean(flags.autoApprove)));
        if (!ran) process.stdout.write((await import('../../ui/status.js')).statusSkippedAfterFailureText());
        else
          await writeStatusAfterApply({
            kube: { ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}), ...(flags.context !== undefined ? { context: flags.context } : {}) },
            session,
            settings: io.settings,
            desired,
            resolutionFor: async (states) => (await desiredState({ files: io.files, settings: io.settings, ...input, ...(lastFacts ? { facts: lastFacts } : {}), loadBalancerStates: states })).resolution,
            ...(code === 0 ? {} : { failedStacks: deployFailedStacks((await planOnce()).plan) }),
            takeOver: Boolean(flags.takeOver),
            ...(flags.gateway ? { gateway: flags.gateway } : {}),
            say: (t) => process.stdout.write(t),
            fail,
          });
      }
    } catch (err) {
      return fail(err instanceof LockRefusedError ? err.message : commandFailureText(err, flags.endpointUrl));
    } finally {
      await conn?.close(); // for --sandbox this writes the state, so the lock outlives it
      await lease?.release();
      lock?.release();
    }
  });
  rejectConflictingTargets(cmd);
  program.addCommand(cmd);
}
