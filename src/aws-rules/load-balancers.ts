/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS).
 *
 * This file: load balancer settings that depend on its type and IP address type
 * (aws-api-facts.md §2.3 CreateLoadBalancer). Each check returns AWS's message (code
 * InvalidConfigurationRequest), or undefined when AWS takes the setting.
 */

export function ipAddressTypeError(type: string, ipAddressType: string | undefined): string | undefined {
  return ipAddressType === 'dualstack-without-public-ipv4' && type !== 'application'
    ? `IP address type 'dualstack-without-public-ipv4' is only supported by Application Load Balancers`
    : undefined;
}

/** Source NAT prefixes are IPv6, so `on` needs the dualstack IP address type (SDK model). */
export function sourceNatError(setting: string | undefined, ipAddressType: string): string | undefined {
  return setting === 'on' && ipAddressType !== 'dualstack' ? `EnablePrefixForIpv6SourceNat 'on' needs IP address type 'dualstack', not '${ipAddressType}'` : undefined;
}
