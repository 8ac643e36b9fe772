/**
 * The executor: runs a Plan's resource changes in the plan's order and never re-decides what to
 * do. Per stack, as LBC's stack deployer (pkg/deploy/stack_deployer.go): creates, updates and
 * replacements forward (SG → TG → LB → listeners → rules), then plain deletes in reverse, then
 * the old halves of create-before-delete replacements (TGs, deleted in LBC's PostSynthesize),
 * then the OIDC client secrets of the stack's existing rules are re-sent (secrets.ts).
 * Independent stacks run in parallel (bounded); within a stack everything is sequential, so a
 * `$ref` always names a resource already created. A failure stops its stack, an interrupt
 * (`signal`) every stack; the outcome lists what was done, what failed and what was not attempted.
 */
import { mapLimit } from '../aws/inventory.js';
import { describeAwsError } from '../aws/errors.js';
import type { AwsSession } from '../aws/session.js';
import type { ClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import { desiredTags } from '../model/tags.js';
import { deployableStacks } from '../plan/capacity-gate.js';
import type { ObservedState } from '../plan/observed.js';
import { actionKind, type Plan, type PlanResourceType, type ResourceChange } from '../plan/types.js';
import { BACKEND_SG_UNKNOWN, deleteBackendSecurityGroup, ensureBackendSecurityGroup } from './backend-sg.js';
import { applyIngressRules, ingressBatchKey } from './ingress-rules.js';
import { StackContext } from './context.js';
import { createResource } from './create.js';
import { deleteResource } from './delete.js';
import { settleRulePriorities } from './rule-priorities.js';
import { applyTargetBatch, isTargetChange, targetBatchKey } from './targets.js';
import { resendClientSecret } from './secrets.js';
import { reconcileTags } from './tags.js';
import { clusterChanges, plannedSteps, stackQueue, stepAction, workByStack, type ApplyEvent, type ApplyOutcome, type Phase, type Step } from './steps.js';
import { updateResource } from './update.js';

export type { ApplyEvent, ApplyOutcome, Step, StepAction } from './steps.js';

export interface ExecuteOptions {
  readonly plan: Plan;
  readonly desired: readonly Stack[];
  readonly observed: ObservedState;
  readonly session: AwsSession;
  readonly settings: ClusterSettings;
  /** Stacks applied at once (default 4): ELBv2 mutating calls allow bursts of 20 at 3/s. */
  readonly concurrency?: number;
  readonly onEvent?: (e: ApplyEvent) => void;
  /** Wait between ResourceInUse / DependencyViolation retries (default 2000 ms, as LBC). */
  readonly retryIntervalMs?: number;
  /**
   * Aborted (Ctrl-C): no new step starts; a step in flight finishes, since cutting an AWS call
   * short only loses its answer; the steps left go to `notDone` and the outcome says `interrupted`.
   */
  readonly signal?: AbortSignal;
}


export async function executePlan(opts: ExecuteOptions): Promise<ApplyOutcome> {
  const { plan, session } = opts;
  const conn = session.conn;
  const done: Step[] = [];
  const failed: (Step & { error: string })[] = [];
  const notDone: Step[] = [];
  const emit = (e: ApplyEvent) => opts.onEvent?.(e);
  /** One call's worth of work for `steps`: reported started, then done or failed; true when done. */
  const attempt = async (steps: readonly Step[], work: () => Promise<unknown>): Promise<boolean> => {
    for (const step of steps) emit({ kind: 'start', step });
    const t = performance.now();
    try {
      await work();
      for (const step of steps) {
        done.push(step);
        emit({ kind: 'done', step, ms: performance.now() - t });
      }
      return true;
    } catch (err) {
      const error = describeAwsError(err);
      for (const step of steps) {
        failed.push({ ...step, error });
        emit({ kind: 'failed', step, error });
      }
      return false;
    }
  };
  const byStack = workByStack(plan);
  const stackIds = [...byStack.keys()];

  const unknowns = new Map<string, string>();
  // With LBCapacityReservation off, no capacity is set (plan/capacity-gate.ts).
  const desiredStacks = deployableStacks(opts.desired, opts.settings.featureGates);
  const needing = desiredStacks.filter((s) => stackIds.includes(s.id));
  const cluster = clusterChanges(plan);
  const allSteps = () => plannedSteps(plan);
  // The shared backend SG first: the plan's create step when it planned one; otherwise it is still
  // ensured (someone may have deleted it since the plan), silently, as LBC allocates it on demand.
  const backendStep: Step = { address: cluster.first?.address ?? 'backend security group', action: 'create' };
  const started = performance.now();
  if (cluster.first) emit({ kind: 'start', step: backendStep });
  try {
    const backend = await ensureBackendSecurityGroup(session, needing);
    if (backend) unknowns.set(BACKEND_SG_UNKNOWN, backend);
    if (cluster.first) {
      done.push(backendStep);
      emit({ kind: 'done', step: backendStep, ms: performance.now() - started });
    }
  } catch (err) {
    const error = describeAwsError(err);
    emit({ kind: 'failed', step: backendStep, error });
    return { done, failed: [{ ...backendStep, error }], notDone: allSteps().filter((st) => st.address !== backendStep.address) };
  }
  // Node/pod SG rules, one call per security group and action (ingress-rules.ts): a call that
  // fails does not stop the others (LBC joins the errors).
  const runRules = async (rules: readonly ResourceChange[]) => {
    const stepOf = (rc: ResourceChange): Step => ({ address: rc.address, action: stepAction(rc) });
    for (let i = 0; i < rules.length; ) {
      if (opts.signal?.aborted) {
        notDone.push(...rules.slice(i).map(stepOf));
        return;
      }
      const key = ingressBatchKey(rules[i]!);
      let j = i + 1;
      while (j < rules.length && ingressBatchKey(rules[j]!) === key) j++;
      const batch = rules.slice(i, j);
      await attempt(batch.map(stepOf), () => applyIngressRules(session, batch, unknowns));
      i = j;
    }
  };
  await runRules(cluster.early);
  const vpcId = (await session.vpcInfo()).id;
  const s = opts.settings;

  await mapLimit(stackIds, opts.concurrency ?? 4, async (stackId) => {
    const work = byStack.get(stackId) ?? { changes: [], resends: [] };
    const mine = work.changes;
    const desired = desiredStacks.find((d) => d.id === stackId);
    const observedRes = opts.observed.stacks.filter((o) => o.id === stackId).flatMap((o) => o.resources);
    const ctx = new StackContext(stackId, desired, { id: stackId, tagPrefix: desired?.extras.tagPrefix ?? '', resources: observedRes }, vpcId, unknowns, mine);
    const tagCtx = { cluster: s.clusterName, tagPrefix: desired?.extras.tagPrefix ?? '', stackId, listenerRulesTagging: s.featureGates.ListenerRulesTagging };
    let prioritiesSettled = false;

    const create = async (rc: ResourceChange) => {
      const d = ctx.desiredOf(rc);
      await createResource(conn, ctx, d, desiredTags(d, tagCtx), rc.address);
    };
    const run = async (rc: ResourceChange, phase: Phase): Promise<void> => {
      const kind = actionKind(rc.change.actions);
      if (phase === 'forward' && rc.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && !prioritiesSettled) {
        prioritiesSettled = true;
        await settleRulePriorities(conn, ctx, mine);
      }
      if (phase === 'deferred') return deleteResource(conn, rc.type, rc.arn ?? '', opts.retryIntervalMs);
      if (phase === 'resend') return resendClientSecret(conn, ctx, rc);
      switch (kind) {
        case 'create':
        case 'create-delete':
          return create(rc);
        case 'delete':
          return deleteResource(conn, rc.type, rc.arn ?? '', opts.retryIntervalMs);
        case 'delete-create':
          await deleteResource(conn, rc.type, rc.arn ?? '', opts.retryIntervalMs);
          return create(rc);
        case 'update': {
          const d = ctx.desiredOf(rc);
          const o = ctx.observedOf(rc);
          await updateResource(conn, ctx, d as Parameters<typeof updateResource>[2], o, rc.address);
          const after = rc.change.after as { tags?: Record<string, string> } | null;
          if (after?.tags) await reconcileTags(conn, rc.type as PlanResourceType, o.arn, after.tags, o.tags);
          return;
        }
        case 'no-op':
          return;
      }
    };
    const queue = stackQueue(work);
    for (let i = 0; i < queue.length; i++) {
      if (opts.signal?.aborted) {
        notDone.push(...queue.slice(i).map((q) => q.step));
        return;
      }
      const { rc, phase, step } = queue[i]!;
      if (isTargetChange(rc)) {
        // Targets run as batches (targets.ts): every following change of one target group and action.
        const key = targetBatchKey(ctx, rc);
        let j = i + 1;
        while (j < queue.length && queue[j]!.phase === phase && isTargetChange(queue[j]!.rc) && targetBatchKey(ctx, queue[j]!.rc) === key) j++;
        const batch = queue.slice(i, j);
        if (!(await attempt(batch.map((q) => q.step), () => applyTargetBatch(conn, ctx, batch.map((q) => q.rc))))) {
          notDone.push(...queue.slice(j).map((q) => q.step));
          return;
        }
        i = j - 1;
        continue;
      }
      if (!(await attempt([step], () => run(rc, phase)))) {
        notDone.push(...queue.slice(i + 1).map((q) => q.step));
        return;
      }
    }
  });
  await runRules(cluster.rules);
  // The backend SG goes last, and only when every stack finished: a failed stack may still use it.
  if (cluster.last) {
    const step: Step = { address: cluster.last.address, action: 'delete' };
    if (failed.length > 0 || opts.signal?.aborted) notDone.push(step);
    else {
      const groupId = cluster.last.arn ?? '';
      await attempt([step], () => deleteBackendSecurityGroup(session, groupId, opts.retryIntervalMs));
    }
  }
  return { done, failed, notDone, ...(opts.signal?.aborted ? { interrupted: true } : {}) };
}
