/**
 * Target changes in the text plan: one line each (`+ target 10.0.1.5:8080`), under one comment
 * per target group and action, since a Service scaling changes many targets at once and a
 * resource block per target would bury the rest of the plan. The JSON plan keeps one resource
 * change per target, with its own address.
 */
import type { ChalkInstance } from 'chalk';
import { resourceAddress } from '../../plan/address.js';
import { actionKind, type ResourceChange } from '../../plan/types.js';

const TARGET = 'AWS::ElasticLoadBalancingV2::Target';

interface TargetView {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone?: string;
}

export const isTarget = (rc: ResourceChange) => rc.type === TARGET;

const viewOf = (rc: ResourceChange): TargetView => (actionKind(rc.change.actions) === 'delete' ? rc.change.before : rc.change.after) as unknown as TargetView;

/** `10.0.1.5:8080`, with ` (AZ all)` when the target names its zone. */
export function targetLabel(rc: ResourceChange): string {
  const v = viewOf(rc);
  return `${v.id}:${v.port}${v.availabilityZone ? ` (availability zone ${v.availabilityZone})` : ''}`;
}

/** The target group's address: the target's id is `<tgId>/<target>:<port>`. */
export function targetGroupAddress(rc: ResourceChange): string {
  const v = viewOf(rc);
  const suffix = `/${v.id}:${v.port}`;
  const tgId = rc.id.endsWith(suffix) ? rc.id.slice(0, -suffix.length) : rc.id;
  return resourceAddress(rc.stack, 'AWS::ElasticLoadBalancingV2::TargetGroup', tgId);
}

/** One group of target changes (same target group, same action) as text lines. */
export function renderTargetGroup(group: readonly ResourceChange[], chalk: ChalkInstance): string[] {
  const first = group[0];
  if (!first) return [];
  const register = actionKind(first.change.actions) === 'create';
  const n = group.length;
  const what = `${n} ${n === 1 ? 'target' : 'targets'} will be ${register ? 'registered' : 'deregistered'}`;
  const symbol = register ? chalk.green('+') : chalk.red('-');
  return [chalk.bold(`  # ${targetGroupAddress(first)}: ${what}`), ...group.map((rc) => `  ${symbol} target ${targetLabel(rc)}`), ''];
}

/** A run of the plan's changes as the text shows it: one change, or the target changes of one target group and action. */
export type ChangeRun = { readonly kind: 'single'; readonly change: ResourceChange } | { readonly kind: 'targets'; readonly changes: readonly ResourceChange[] };

/**
 * The plan's changes as runs, target changes of one target group and action grouped. A
 * generator, so a huge plan is rendered piece by piece (text.ts planTextChunks).
 */
export function* changeRuns(changes: readonly ResourceChange[]): Generator<ChangeRun> {
  for (let i = 0; i < changes.length; i++) {
    const rc = changes[i]!;
    if (!isTarget(rc) || actionKind(rc.change.actions) === 'no-op') {
      yield { kind: 'single', change: rc };
      continue;
    }
    const key = `${actionKind(rc.change.actions)} ${targetGroupAddress(rc)}`;
    let j = i + 1;
    while (j < changes.length && isTarget(changes[j]!) && `${actionKind(changes[j]!.change.actions)} ${targetGroupAddress(changes[j]!)}` === key) j++;
    yield { kind: 'targets', changes: changes.slice(i, j) };
    i = j - 1;
  }
}

/** The plan's changes as text lines: target runs by `renderTargetGroup`, every other change by `single`. */
export function renderChanges(changes: readonly ResourceChange[], chalk: ChalkInstance, single: (rc: ResourceChange) => string[]): string[] {
  const out: string[] = [];
  for (const run of changeRuns(changes)) for (const line of run.kind === 'targets' ? renderTargetGroup(run.changes, chalk) : single(run.change)) out.push(line);
  return out;
}
