/**
 * The load balancer state that decides a Gateway's `Programmed` and `addresses`: per Gateway
 * (`ns/name`), its owned LB's ARN, DNS name and whether it is active (gateway_controller.go
 * `isGatewayProgrammed`: `active` or `active_impaired`). Found by LBC's tracking tags; re-checked
 * by ARN while provisioning, one DescribeLoadBalancers per 20 ARNs.
 */
import { DescribeLoadBalancersCommand, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { chunks } from '../aws/inventory.js';
import { taggedInventory } from '../aws/ownership.js';
import type { AwsSession } from '../aws/session.js';
import type { LoadBalancerState, LoadBalancerType } from '../resolve/types.js';

export interface StateQuery {
  /** Gateway `ns/name`, the stack id. */
  readonly gateway: string;
  readonly loadBalancerType: LoadBalancerType;
}

const TAG_PREFIX: Record<LoadBalancerType, string> = { application: 'gateway.k8s.aws.alb', network: 'gateway.k8s.aws.nlb' };
const ARNS_PER_CALL = 20;

function stateOf(lb: LoadBalancer): LoadBalancerState {
  const arn = lb.LoadBalancerArn ?? '';
  const dnsName = lb.DNSName ?? '';
  const code = lb.State?.Code;
  return code === 'active' || code === 'active_impaired' ? { kind: 'active', arn, dnsName } : { kind: 'provisioning', arn, dnsName };
}

/** Fresh states (the session's inventory is re-read) for these Gateways; a Gateway with no LB is absent. */
export async function loadBalancerStates(session: AwsSession, gateways: readonly StateQuery[]): Promise<Map<string, LoadBalancerState>> {
  session.refresh();
  const inventory = await taggedInventory(session);
  const out = new Map<string, LoadBalancerState>();
  for (const g of gateways) {
    const lb = inventory.loadBalancers.find((l) => l.stack?.stackId === g.gateway && l.stack.tagPrefix === TAG_PREFIX[g.loadBalancerType]);
    if (lb) out.set(g.gateway, stateOf(lb.item));
  }
  return out;
}

/** The provisioning ones among `states` described again by ARN; the others as they were. */
export async function recheckStates(session: AwsSession, states: ReadonlyMap<string, LoadBalancerState>): Promise<Map<string, LoadBalancerState>> {
  const out = new Map(states);
  const pending = [...states].filter(([, s]) => s.kind === 'provisioning' && s.arn);
  for (const batch of chunks(pending, ARNS_PER_CALL)) {
    const reply = await session.conn.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: batch.map(([, s]) => s.arn!) }));
    for (const lb of reply.LoadBalancers ?? []) {
      const entry = batch.find(([, s]) => s.arn === lb.LoadBalancerArn);
      if (entry) out.set(entry[0], stateOf(lb));
    }
  }
  return out;
}
