/**
 * `explain --from-cluster --offline`: AWS is not read, so whether each load balancer is active is
 * taken from the status LBC wrote — `Programmed=True` carries the load balancer ARN as its
 * message and the DNS name as the address (gateway_controller.go). Without it, gwlb would
 * compute `Programmed=Unknown/Pending` for every Gateway and report a difference that is not one.
 */
import type { LoadBalancerState } from '../resolve/types.js';
import { nsName } from '../source/kube.js';
import type { Snapshot } from '../source/snapshot.js';

export function writtenLoadBalancerStates(snapshot: Snapshot): Map<string, LoadBalancerState> {
  const out = new Map<string, LoadBalancerState>();
  for (const g of snapshot.gateways) {
    const programmed = g.status?.conditions?.find((c) => c.type === 'Programmed');
    if (programmed?.status !== 'True') continue;
    out.set(nsName(g), { kind: 'active', arn: programmed.message, dnsName: g.status?.addresses?.[0]?.value ?? '' });
  }
  return out;
}
