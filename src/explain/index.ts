/**
 * `explain --from-cluster`: every problem between the status LBC wrote, the status gwlb computes
 * and (unless offline) the AWS account, as findings in a stable order — per object in input
 * order: status first, then gwlb's unhealthy conditions, then AWS. Pure.
 */
import type { ObjectRef } from '../diagnostics.js';
import type { DeployFailure } from '../model/index.js';
import type { ControllerNames, Resolution } from '../resolve/types.js';
import type { Snapshot } from '../source/snapshot.js';
import { awsFindings, type AwsFindingsInput } from './aws-findings.js';
import { computedConditionFindings } from './computed.js';
import type { Finding } from './findings.js';
import { writtenStatusFindings } from './written-status.js';

export type { Finding, FindingKind, FindingScope } from './findings.js';
export { loadBalancerStates, type LiveAws, type LiveLoadBalancer, type LiveTarget, type LiveTargetGroup } from './aws-findings.js';
export { writtenLoadBalancerStates } from './written-lb-states.js';

export interface FindingsInput {
  readonly snapshot: Snapshot;
  readonly resolution: Resolution;
  readonly controllerNames: ControllerNames;
  /** Gateways (`ns/name`) whose deploy AWS would reject. */
  readonly deployFailures?: ReadonlyMap<string, DeployFailure>;
  /** Absent offline. */
  readonly aws?: Omit<AwsFindingsInput, 'gateways'>;
}

const refKey = (r: ObjectRef) => `${r.kind}/${r.namespace}/${r.name}`;

export function explainFindings(input: FindingsInput): Finding[] {
  const gateways = input.resolution.gateways.filter((g) => !g.fatal).map((g) => `${g.gateway.metadata.namespace}/${g.gateway.metadata.name}`);
  const all = [
    ...writtenStatusFindings(input.snapshot, input.resolution, input.controllerNames),
    ...computedConditionFindings(input.resolution.statuses, { gateways: input.resolution.gateways, ...(input.deployFailures ? { deployFailures: input.deployFailures } : {}) }),
    ...(input.aws ? awsFindings({ ...input.aws, gateways }) : []),
  ];
  // Group by object, objects in the order of the computed statuses (input order), then the rest.
  const order = new Map<string, number>();
  for (const s of input.resolution.statuses) if (!order.has(refKey(s.object))) order.set(refKey(s.object), order.size);
  const rank = (f: Finding) => order.get(refKey(f.object)) ?? order.size;
  return all.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}
