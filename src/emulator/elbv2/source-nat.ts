/**
 * `EnablePrefixForIpv6SourceNat` (CreateLoadBalancer, SetSubnets; output of
 * DescribeLoadBalancers and SetSubnets). The SDK model: "[Network Load Balancers with UDP
 * listeners] … The IP address type must be dualstack. The default value is off." AWS reports
 * it on every NLB, so a stack created without it still compares equal to one that asked for
 * `off`. The error codes for misuse are [inferred] (InvalidConfigurationRequest, as for the
 * other type-specific settings).
 */
import { sourceNatError } from '../../aws-rules/load-balancers.js';
import { AwsError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import type { LoadBalancerRecord, LoadBalancerType } from './records.js';

export type SourceNatSetting = 'on' | 'off';
const SETTINGS: readonly SourceNatSetting[] = ['on', 'off'];

/** The setting after this request: the given value, else `current` (create: `off` for NLBs). */
export function readSourceNat(input: QueryInput, type: LoadBalancerType, ipAddressType: string, current: SourceNatSetting | undefined): SourceNatSetting | undefined {
  const given = input.enumValue('EnablePrefixForIpv6SourceNat', SETTINGS);
  if (given !== undefined && type !== 'network') {
    throw new AwsError('InvalidConfigurationRequest', 'EnablePrefixForIpv6SourceNat applies only to Network Load Balancers');
  }
  const setting = given ?? current ?? (type === 'network' ? 'off' : undefined);
  checkSourceNat(setting, ipAddressType);
  return setting;
}

/** `on` needs the dualstack IP address type, also when SetIpAddressType changes it later. */
export function checkSourceNat(setting: SourceNatSetting | undefined, ipAddressType: string): void {
  const message = sourceNatError(setting, ipAddressType);
  if (message) throw new AwsError('InvalidConfigurationRequest', message);
}

/** What DescribeLoadBalancers shows: the stored value, `off` for an NLB stored before it existed. */
export function sourceNatShape(lb: LoadBalancerRecord): SourceNatSetting | undefined {
  return lb.type === 'network' ? (lb.enablePrefixForIpv6SourceNat ?? 'off') : undefined;
}
