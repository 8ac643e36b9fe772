/**
 * Load balancer capacity reservations (DescribeCapacityReservation, ModifyCapacityReservation).
 * A reservation is a minimum of capacity units, or none; `ResetCapacityReservation=true` removes
 * it. The emulator keeps the minimum only: every zone reports it as provisioned at once.
 */
import { AwsError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireLoadBalancer } from './arns.js';
import type { HandlerContext } from './context.js';
import type { LoadBalancerRecord } from './records.js';

function reservationShape(lb: LoadBalancerRecord) {
  const units = lb.capacityUnits;
  if (units === undefined) return { CapacityReservationState: [] };
  return {
    LastModifiedTime: lb.createdTime,
    DecreaseRequestsRemaining: 4,
    MinimumLoadBalancerCapacity: { CapacityUnits: units },
    CapacityReservationState: lb.subnets.map((s) => ({ AvailabilityZone: s.zoneName, EffectiveCapacityUnits: units, State: { Code: 'provisioned' } })),
  };
}

export function describeCapacityReservation(input: QueryInput, ctx: HandlerContext) {
  return reservationShape(requireLoadBalancer(ctx.store.state, input.requiredStr('LoadBalancerArn')));
}

export function modifyCapacityReservation(input: QueryInput, ctx: HandlerContext) {
  const lb = requireLoadBalancer(ctx.store.state, input.requiredStr('LoadBalancerArn'));
  const units = input.child('MinimumLoadBalancerCapacity')?.int('CapacityUnits', { min: 0 });
  const reset = input.bool('ResetCapacityReservation') === true;
  if ((units === undefined) === !reset) throw validationError('Specify exactly one of MinimumLoadBalancerCapacity and ResetCapacityReservation');
  if (lb.state !== 'active') throw new AwsError('OperationNotPermitted', `Load balancer '${lb.arn}' is not active; retry when its state is active`);
  if (reset) delete lb.capacityUnits;
  else lb.capacityUnits = units;
  ctx.store.changed();
  return reservationShape(lb);
}
