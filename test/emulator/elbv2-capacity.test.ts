/** The emulator's capacity reservations (DescribeCapacityReservation, ModifyCapacityReservation). */
import { DescribeCapacityReservationCommand, DescribeLoadBalancersCommand, ModifyCapacityReservationCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { alb } from './fixtures.js';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();

async function active(arn: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const state = (await h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!.State!.Code;
    if (state === 'active') return;
  }
  throw new Error('never active');
}

describe('capacity reservations', () => {
  it('a new LB has none; a minimum is set, described per zone, and reset', async () => {
    const lb = await alb(h.elbv2, 'cap-lb');
    const none = await h.elbv2.send(new DescribeCapacityReservationCommand({ LoadBalancerArn: lb }));
    expect(none.MinimumLoadBalancerCapacity).toBeUndefined();
    expect(none.CapacityReservationState ?? []).toEqual([]);
    await active(lb);
    await h.elbv2.send(new ModifyCapacityReservationCommand({ LoadBalancerArn: lb, MinimumLoadBalancerCapacity: { CapacityUnits: 100 } }));
    const set = await h.elbv2.send(new DescribeCapacityReservationCommand({ LoadBalancerArn: lb }));
    expect(set.MinimumLoadBalancerCapacity).toEqual({ CapacityUnits: 100 });
    expect(set.CapacityReservationState!.length).toBeGreaterThan(0);
    expect(set.CapacityReservationState!.every((z) => z.State?.Code === 'provisioned' && z.EffectiveCapacityUnits === 100)).toBe(true);
    await h.elbv2.send(new ModifyCapacityReservationCommand({ LoadBalancerArn: lb, ResetCapacityReservation: true }));
    expect((await h.elbv2.send(new DescribeCapacityReservationCommand({ LoadBalancerArn: lb }))).MinimumLoadBalancerCapacity).toBeUndefined();
  });

  it('refuses a provisioning LB, and a request with both or neither of units and reset', async () => {
    h.emulator.controls.setLifecycle({ describesUntilActive: 2 });
    const lb = await alb(h.elbv2, 'cap-lb2');
    h.emulator.controls.setLifecycle({ describesUntilActive: 0 });
    expect((await failure(h.elbv2.send(new ModifyCapacityReservationCommand({ LoadBalancerArn: lb, MinimumLoadBalancerCapacity: { CapacityUnits: 100 } })))).name).toBe('OperationNotPermittedException');
    await active(lb);
    expect((await failure(h.elbv2.send(new ModifyCapacityReservationCommand({ LoadBalancerArn: lb })))).name).toBe('ValidationError');
    const both = await failure(h.elbv2.send(new ModifyCapacityReservationCommand({ LoadBalancerArn: lb, ResetCapacityReservation: true, MinimumLoadBalancerCapacity: { CapacityUnits: 1 } })));
    expect(both.name).toBe('ValidationError');
  });
});
