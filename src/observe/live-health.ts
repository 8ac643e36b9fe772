/**
 * `explain --from-cluster`: what AWS says about each owned stack beyond its configuration — the
 * load balancer's State (from the DescribeLoadBalancers listing observe already made) and
 * DescribeTargetHealth for every owned target group of the stacks asked for. Read-only.
 */
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mapLimit, READ_CONCURRENCY } from '../aws/inventory.js';
import { taggedInventory } from '../aws/ownership.js';
import type { AwsSession } from '../aws/session.js';
import type { LiveAws, LiveLoadBalancer, LiveTargetGroup } from '../explain/index.js';

/** `stacks`: Gateway `ns/name` of the stacks to read (those explain shows). */
export async function readLiveAws(session: AwsSession, stacks: ReadonlySet<string>): Promise<LiveAws> {
  const inventory = await taggedInventory(session);
  const loadBalancers: LiveLoadBalancer[] = inventory.loadBalancers
    .filter((l) => l.stack && stacks.has(l.stack.stackId))
    .map((l) => ({
      stackId: l.stack!.stackId,
      name: l.item.LoadBalancerName ?? '',
      arn: l.arn,
      dnsName: l.item.DNSName ?? '',
      state: l.item.State?.Code ?? 'provisioning',
      ...(l.item.State?.Reason ? { reason: l.item.State.Reason } : {}),
    }));
  const owned = inventory.targetGroups.filter((t) => t.stack && stacks.has(t.stack.stackId));
  const targetGroups: LiveTargetGroup[] = await mapLimit(owned, READ_CONCURRENCY, async (t) => {
    const out = await session.conn.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: t.arn }));
    return {
      stackId: t.stack!.stackId,
      name: t.item.TargetGroupName ?? t.arn,
      targets: (out.TargetHealthDescriptions ?? []).map((d) => ({
        id: d.Target?.Id ?? '',
        ...(d.Target?.Port !== undefined ? { port: d.Target.Port } : {}),
        state: d.TargetHealth?.State ?? 'unknown',
        ...(d.TargetHealth?.Reason ? { reason: d.TargetHealth.Reason } : {}),
        ...(d.TargetHealth?.Description ? { description: d.TargetHealth.Description } : {}),
      })),
    };
  });
  return { loadBalancers, targetGroups };
}
