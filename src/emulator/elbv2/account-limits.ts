/** DescribeAccountLimits: the default quotas this emulator enforces (aws-api-facts.md §2.3, §3.2). */
import type { QueryInput } from '../wire/query-input.js';
import type { HandlerContext } from './context.js';
import { paginate } from './pagination.js';

const LIMITS: Readonly<Record<string, number>> = {
  'application-load-balancers': 50,
  'network-load-balancers': 50,
  'gateway-load-balancers': 100,
  'gateway-load-balancers-per-vpc': 100,
  'condition-values-per-alb-rule': 5,
  'condition-wildcards-per-alb-rule': 5,
  'geneve-target-groups': 100,
  'target-groups': 3000,
  'listeners-per-application-load-balancer': 50,
  'listeners-per-network-load-balancer': 50,
  'rules-per-application-load-balancer': 100,
  'target-groups-per-action-on-application-load-balancer': 5,
  'target-groups-per-action-on-network-load-balancer': 1,
  'target-groups-per-application-load-balancer': 100,
  'targets-per-application-load-balancer': 1000,
  'targets-per-network-load-balancer': 3000,
  'targets-per-availability-zone-per-network-load-balancer': 500,
  'targets-per-availability-zone-per-gateway-load-balancer': 300,
};

export function describeAccountLimits(input: QueryInput, ctx: HandlerContext) {
  void ctx;
  const page = paginate(Object.entries(LIMITS), input);
  return { Limits: page.items.map(([Name, Max]) => ({ Name, Max: String(Max) })), NextMarker: page.nextMarker };
}
