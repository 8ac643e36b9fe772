/**
 * The load balancer's capacity reservation, as LBC's PostSynthesize sets it
 * (load_balancer_synthesizer.go 123–139, load_balancer_capacity_reservation_reconciler.go): only
 * when the model sets minimumLoadBalancerCapacity; 0 units resets the reservation. AWS accepts the
 * change only on an active load balancer, so a new one is waited for (LBC requeues instead).
 */
import { DescribeLoadBalancersCommand, ModifyCapacityReservationCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilActive(conn: AwsConnection, arn: string, intervalMs: number, attempts: number): Promise<void> {
  for (let i = 1; ; i++) {
    const out = await conn.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }));
    const state = out.LoadBalancers?.[0]?.State?.Code;
    if (state !== 'provisioning') return;
    if (i >= attempts) throw new Error(`load balancer ${arn} is still provisioning after ${Math.round((intervalMs * attempts) / 1000)} s; its capacity reservation is not set yet — run apply again once it is active`);
    await sleep(intervalMs);
  }
}

/** Sets (units > 0) or resets (units 0) the reservation of `arn`. */
export async function setCapacityReservation(conn: AwsConnection, arn: string, units: number, intervalMs = 2000): Promise<void> {
  await waitUntilActive(conn, arn, intervalMs, 150);
  await conn.elbv2.send(
    new ModifyCapacityReservationCommand(
      units === 0 ? { LoadBalancerArn: arn, ResetCapacityReservation: true } : { LoadBalancerArn: arn, MinimumLoadBalancerCapacity: { CapacityUnits: units } },
    ),
  );
}
