/** The per-resource ELBv2 reads observe makes, each the one call (or pages) AWS needs. */
import {
  DescribeCapacityReservationCommand,
  DescribeListenerAttributesCommand,
  DescribeListenerCertificatesCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { KeyValueAttribute, ListenerAttribute, Target } from '../model/stack.js';
import { PAGE_SIZE } from '../aws/inventory.js';
import { attributesFromSdk } from './specs.js';

export async function lbAttributes(client: ElasticLoadBalancingV2Client, arn: string): Promise<KeyValueAttribute[] | undefined> {
  return attributesFromSdk((await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes ?? []);
}

/**
 * The LB's capacity reservation in units, 0 for none
 * (load_balancer_capacity_reservation_reconciler.go getCurrentCapacityReservation).
 */
export async function lbCapacity(client: ElasticLoadBalancingV2Client, arn: string): Promise<number> {
  const out = await client.send(new DescribeCapacityReservationCommand({ LoadBalancerArn: arn }));
  if ((out.CapacityReservationState ?? []).length === 0 && out.MinimumLoadBalancerCapacity === undefined) return 0;
  return out.MinimumLoadBalancerCapacity?.CapacityUnits ?? 0;
}

export async function tgAttributes(client: ElasticLoadBalancingV2Client, arn: string): Promise<KeyValueAttribute[] | undefined> {
  return attributesFromSdk((await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes ?? []);
}

export async function listenerAttributes(client: ElasticLoadBalancingV2Client, arn: string): Promise<ListenerAttribute[]> {
  const attrs = (await client.send(new DescribeListenerAttributesCommand({ ListenerArn: arn }))).Attributes ?? [];
  return attrs.map((a) => ({ Key: a.Key ?? '', Value: a.Value ?? '' })).sort((a, b) => (a.Key < b.Key ? -1 : 1));
}

/** The listener's non-default certificates (the default one is in DescribeListeners). */
export async function listenerCertificates(client: ElasticLoadBalancingV2Client, arn: string): Promise<string[]> {
  const out: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new DescribeListenerCertificatesCommand({ ListenerArn: arn, PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }));
    for (const c of page.Certificates ?? []) if (!c.IsDefault && c.CertificateArn) out.push(c.CertificateArn);
    marker = page.NextMarker || undefined;
  } while (marker);
  return out.sort();
}

/** Non-default rules of a listener (LBC never matches the default rule, §10.2). */
export async function rulesOf(client: ElasticLoadBalancingV2Client, arn: string): Promise<Rule[]> {
  const out: Rule[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new DescribeRulesCommand({ ListenerArn: arn, PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }));
    out.push(...(page.Rules ?? []).filter((r) => !r.IsDefault));
    marker = page.NextMarker || undefined;
  } while (marker);
  return out;
}

/** Registered targets, without those already draining (a deregistration in progress). */
export async function targetsOf(client: ElasticLoadBalancingV2Client, arn: string): Promise<Target[]> {
  const out = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return (out.TargetHealthDescriptions ?? [])
    .filter((d) => d.TargetHealth?.State !== 'draining' && d.Target?.Id)
    .map((d) => ({ id: d.Target!.Id!, port: d.Target!.Port ?? 0, ...(d.Target!.AvailabilityZone ? { availabilityZone: d.Target!.AvailabilityZone } : {}) }));
}
