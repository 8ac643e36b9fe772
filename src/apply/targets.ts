/**
 * Target registration: the plan's target changes (plan/targets.ts), one per target, run as
 * batches — every consecutive change of one target group and one action becomes RegisterTargets
 * or DeregisterTargets calls of at most 200 targets, LBC's chunk size
 * (pkg/targetgroupbinding/targets_manager.go 19–20, `chunkTargetDescriptions`). The client paces
 * them to the API's RegisterTargets/DeregisterTargets bucket (aws-rules/request-rates.ts).
 */
import { DeregisterTargetsCommand, RegisterTargetsCommand, type TargetDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import { resourceRef } from '../model/stack.js';
import { TARGET_TYPE } from '../plan/targets.js';
import { actionKind, type ResourceChange } from '../plan/types.js';
import type { StackContext } from './context.js';

export const TARGETS_CHUNK = 200;

interface TargetView {
  readonly targetGroupARN?: string | null;
  readonly id: string;
  readonly port: number;
  readonly availabilityZone?: string;
}

export const isTargetChange = (rc: ResourceChange) => rc.type === TARGET_TYPE;

/** The target group id a target change belongs to: its id is `<tgId>/<target>:<port>`. */
function targetGroupId(ctx: StackContext, rc: ResourceChange): string | undefined {
  let best: string | undefined;
  for (const reg of ctx.desired?.extras.targets ?? []) {
    if (rc.id.startsWith(`${reg.targetGroupId}/`) && (best === undefined || reg.targetGroupId.length > best.length)) best = reg.targetGroupId;
  }
  return best;
}

const sideOf = (rc: ResourceChange): TargetView => (actionKind(rc.change.actions) === 'delete' ? rc.change.before : rc.change.after) as unknown as TargetView;

/** Changes with one key run as one batch: same action, same target group. */
export function targetBatchKey(ctx: StackContext, rc: ResourceChange): string {
  const v = sideOf(rc);
  return `${actionKind(rc.change.actions)}\u0000${v.targetGroupARN ?? targetGroupId(ctx, rc) ?? rc.id}`;
}

function targetGroupArn(ctx: StackContext, rc: ResourceChange): string {
  const v = sideOf(rc);
  if (typeof v.targetGroupARN === 'string') return v.targetGroupARN;
  // Created with its target group in this apply: the ARN is in the context by now.
  const tgId = targetGroupId(ctx, rc) ?? '';
  return ctx.resolve<unknown>(resourceRef('AWS::ElasticLoadBalancingV2::TargetGroup', tgId, 'targetGroupARN'), rc.address) as string;
}

/** Registers or deregisters one batch (all of one target group and one action). */
export async function applyTargetBatch(conn: AwsConnection, ctx: StackContext, batch: readonly ResourceChange[]): Promise<void> {
  if (batch.length === 0) return;
  const first = batch[0]!;
  const arn = targetGroupArn(ctx, first);
  const targets: TargetDescription[] = batch.map((rc) => {
    const v = sideOf(rc);
    return { Id: v.id, Port: v.port, ...(v.availabilityZone ? { AvailabilityZone: v.availabilityZone } : {}) };
  });
  const register = actionKind(first.change.actions) === 'create';
  for (let i = 0; i < targets.length; i += TARGETS_CHUNK) {
    const chunk = targets.slice(i, i + TARGETS_CHUNK);
    if (register) await conn.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: chunk }));
    else await conn.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: chunk }));
  }
}
