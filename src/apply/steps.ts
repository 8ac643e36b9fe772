/**
 * The executor's steps as data: which actions an apply runs, in which order, and the events and
 * outcome it reports. Pure, so the progress views list exactly what the executor will run.
 * Per stack, as LBC's stack deployer (pkg/deploy/stack_deployer.go): creates, updates and
 * replacements forward, then plain deletes, then the old halves of create-before-delete
 * replacements (TGs, deleted in LBC's PostSynthesize); last, the OIDC client secrets of the
 * stack's existing rules are re-sent (secrets.ts).
 */
import { CLUSTER_STACK } from '../plan/backend-sg.js';
import { actionKind, type Plan, type ResourceChange } from '../plan/types.js';

/**
 * One action of the apply: `replace` covers both replace orders; `resend-secret` writes an
 * existing rule's OIDC client secret again (plan.write_only_resent), which is not a change.
 */
export type StepAction = 'create' | 'update' | 'delete' | 'replace' | 'resend-secret';

export interface Step {
  /** The plan's resource address; the old half of a create-before-delete gets ` (deposed)`. */
  readonly address: string;
  readonly action: StepAction;
}

/** An action starts, finishes (after `ms`), or fails with the AWS error already in words. */
export type ApplyEvent =
  | { readonly kind: 'start'; readonly step: Step }
  | { readonly kind: 'done'; readonly step: Step; readonly ms: number }
  | { readonly kind: 'failed'; readonly step: Step; readonly error: string };

/** The end of an apply: every planned action is in exactly one list. */
export interface ApplyOutcome {
  readonly done: readonly Step[];
  readonly failed: readonly (Step & { readonly error: string })[];
  readonly notDone: readonly Step[];
  /** The apply was interrupted (ExecuteOptions.signal): `notDone` holds what it did not start. */
  readonly interrupted?: boolean;
}

export type Phase = 'forward' | 'backward' | 'deferred' | 'resend';

export interface QueuedChange {
  readonly rc: ResourceChange;
  readonly phase: Phase;
  readonly step: Step;
}

const DEPOSED = ' (deposed)';

export function stepAction(rc: ResourceChange): StepAction {
  const k = actionKind(rc.change.actions);
  return k === 'delete-create' || k === 'create-delete' ? 'replace' : (k as StepAction);
}

function queued(rc: ResourceChange, phase: Phase): QueuedChange {
  const step: Step = phase === 'deferred' ? { address: rc.address + DEPOSED, action: 'delete' } : { address: rc.address, action: stepAction(rc) };
  return { rc, phase, step };
}

/** What the executor does for one stack. */
export interface StackWork {
  /** The changes that do something (no-ops left out), in plan order. */
  readonly changes: readonly ResourceChange[];
  /** The existing rules whose OIDC client secret is re-sent after the changes (secrets.ts). */
  readonly resends: readonly ResourceChange[];
}

/** One stack's work in the order the executor runs it. */
export function stackQueue(work: StackWork): QueuedChange[] {
  const kind = (rc: ResourceChange) => actionKind(rc.change.actions);
  const { changes, resends } = work;
  return [
    ...changes.filter((rc) => kind(rc) !== 'delete').map((rc) => queued(rc, 'forward')),
    ...changes.filter((rc) => kind(rc) === 'delete').map((rc) => queued(rc, 'backward')),
    ...changes.filter((rc) => kind(rc) === 'create-delete').map((rc) => queued(rc, 'deferred')),
    ...resends.map((rc): QueuedChange => ({ rc, phase: 'resend', step: { address: rc.address, action: 'resend-secret' } })),
  ];
}

/** The plan's work per stack, stacks in first-seen order: changes that do something, and re-sends. */
export function workByStack(plan: Pick<Plan, 'resource_changes' | 'write_only_resent'>): Map<string, StackWork> {
  const byStack = new Map<string, { changes: ResourceChange[]; resends: ResourceChange[] }>();
  const resent = new Set(plan.write_only_resent ?? []);
  for (const rc of plan.resource_changes) {
    if (rc.stack === CLUSTER_STACK) continue;
    const kind = actionKind(rc.change.actions);
    const changes = kind !== 'no-op';
    // An address can also name a deposed object being deleted: only the kept rule is re-sent.
    const resend = resent.has(rc.address) && (kind === 'no-op' || kind === 'update');
    if (!changes && !resend) continue;
    let work = byStack.get(rc.stack);
    if (!work) byStack.set(rc.stack, (work = { changes: [], resends: [] }));
    if (changes) work.changes.push(rc);
    if (resend) work.resends.push(rc);
  }
  return byStack;
}

/** A rule revoke whose source is a security group the plan deletes: before the stacks, or that delete fails (DependencyViolation). */
function isEarlyRevoke(rc: ResourceChange, deletedGroups: ReadonlySet<string>): boolean {
  if (rc.change.actions[0] !== 'delete') return false;
  const src = (rc.change.before as { source_security_group_id?: unknown } | null)?.source_security_group_id;
  return typeof src === 'string' && deletedGroups.has(src);
}

/**
 * The cluster-wide changes. The shared backend SG: its create runs before every stack, its delete
 * after. Node/pod SG rules (ingress-rules.ts): after every stack, as LBC's TargetGroupBinding
 * controller reconciles once the stack is deployed, except revokes naming a security group the
 * plan deletes (`early`), which run before the stacks so that delete can succeed.
 */
export function clusterChanges(plan: Pick<Plan, 'resource_changes'>): { readonly first?: ResourceChange; readonly last?: ResourceChange; readonly early: readonly ResourceChange[]; readonly rules: readonly ResourceChange[] } {
  const mine = plan.resource_changes.filter((rc) => rc.stack === CLUSTER_STACK && actionKind(rc.change.actions) !== 'no-op');
  const sg = mine.filter((rc) => rc.type === 'AWS::EC2::SecurityGroup');
  const first = sg.find((rc) => actionKind(rc.change.actions) === 'create');
  const last = sg.find((rc) => actionKind(rc.change.actions) === 'delete');
  const deletedGroups = new Set(plan.resource_changes.filter((rc) => rc.type === 'AWS::EC2::SecurityGroup' && actionKind(rc.change.actions) === 'delete' && rc.arn).map((rc) => rc.arn!));
  const ingress = mine.filter((rc) => rc.type === 'AWS::EC2::SecurityGroupIngress');
  return { ...(first ? { first } : {}), ...(last ? { last } : {}), early: ingress.filter((rc) => isEarlyRevoke(rc, deletedGroups)), rules: ingress.filter((rc) => !isEarlyRevoke(rc, deletedGroups)) };
}

/** Every step the executor will report for this plan: cluster-wide create, stack by stack, cluster-wide delete. */
export function plannedSteps(plan: Pick<Plan, 'resource_changes' | 'write_only_resent'>): Step[] {
  const { first, last, early, rules } = clusterChanges(plan);
  return [
    ...(first ? [{ address: first.address, action: 'create' as const }] : []),
    ...early.map((rc) => ({ address: rc.address, action: stepAction(rc) })),
    ...[...workByStack(plan).values()].flatMap((work) => stackQueue(work).map((q) => q.step)),
    ...rules.map((rc) => ({ address: rc.address, action: stepAction(rc) })),
    ...(last ? [{ address: last.address, action: 'delete' as const }] : []),
  ];
}
