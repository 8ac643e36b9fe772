/**
 * The load balancer and its addons (model_build_loadbalancer.go, base_model_builder.go,
 * addons/*.go). Scheme defaults to the `--default-load-balancer-scheme` flag (`internal`), IP type
 * to `ipv4`; attributes are copied verbatim with no defaults.
 */
import type { BuildContext } from './context.js';
import type { SubnetResult } from './subnets.js';
import { loadBalancerName } from './names.js';
import type { LoadBalancerSpec, StringToken, Tags } from './stack.js';
import { LOAD_BALANCER_ID, RT, resourceRef } from './stack.js';

export function buildLoadBalancer(ctx: BuildContext, scheme: 'internal' | 'internet-facing', ipAddressType: LoadBalancerSpec['ipAddressType'] & string, uid: string, subnets: SubnetResult, securityGroups: readonly StringToken[], tags: Tags): void {
  const cfg = ctx.gw.loadBalancerConfig ?? {};
  const gw = ctx.gw.gateway.metadata;
  const name = cfg.loadBalancerName ?? loadBalancerName(ctx.settings.clusterName, gw.namespace, gw.name, uid, scheme);
  const attributes = (cfg.loadBalancerAttributes ?? []).map((a) => ({ key: a.key, value: a.value }));
  const nlb = ctx.gw.loadBalancerType === 'network';
  const capacity = cfg.minimumLoadBalancerCapacity?.capacityUnits;
  const spec: LoadBalancerSpec = {
    name,
    type: ctx.gw.loadBalancerType,
    scheme,
    ipAddressType,
    ...(nlb ? { enablePrefixForIpv6SourceNat: subnets.sourceNatEnabled ? 'on' : 'off' } : {}),
    ...(subnets.mappings.length > 0 ? { subnetMapping: subnets.mappings } : {}),
    ...(securityGroups.length > 0 ? { securityGroups: [...securityGroups] } : {}),
    ...(nlb && cfg.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic !== undefined
      ? { securityGroupsInboundRulesOnPrivateLink: cfg.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic }
      : {}),
    ...(!nlb && cfg.customerOwnedIpv4Pool !== undefined ? { customerOwnedIPv4Pool: cfg.customerOwnedIpv4Pool } : {}),
    ...(attributes.length > 0 ? { loadBalancerAttributes: attributes } : {}),
    // ProvisionedCapacity addon: non-zero units only (a reset needs the Gateway's addon annotation).
    ...(capacity !== undefined && capacity !== 0 ? { minimumLoadBalancerCapacity: { capacityUnits: capacity } } : {}),
    tags,
    ...(!nlb && cfg.ipv4IPAMPoolId !== undefined ? { ipv4IPAMPool: cfg.ipv4IPAMPoolId } : {}),
  };
  ctx.add({ type: RT.loadBalancer, id: LOAD_BALANCER_ID, spec });
}

/**
 * WAFv2 / Shield (ALB only). "Previously active" comes from the Gateway annotations
 * `gateway.k8s.aws.addon.wafv2` / `.shield` (controllers/gateway/addons.go): a removed addon then
 * yields a disassociate / disabled resource.
 */
export function buildAddons(ctx: BuildContext): void {
  if (ctx.gw.loadBalancerType !== 'application') return;
  const cfg = ctx.gw.loadBalancerConfig ?? {};
  const ann = ctx.gw.gateway.metadata.annotations;
  const lbArn = resourceRef(RT.loadBalancer, LOAD_BALANCER_ID, 'loadBalancerARN');
  const acl = cfg.wafV2?.webACL ?? '';
  if (acl !== '' || ann['gateway.k8s.aws.addon.wafv2'] === 'true') {
    ctx.add({ type: RT.webAclAssociation, id: LOAD_BALANCER_ID, spec: { webACLARN: acl, resourceARN: lbArn } });
  }
  const shield = cfg.shieldConfiguration?.enabled === true;
  if (shield || ann['gateway.k8s.aws.addon.shield'] === 'true') {
    ctx.add({ type: RT.shieldProtection, id: LOAD_BALANCER_ID, spec: { enabled: shield, resourceARN: lbArn } });
  }
}

/** `isDeleteProtected`: strconv.ParseBool on `deletion_protection.enabled`; unparsable → false. */
export function deletionProtection(attrs: readonly { key: string; value: string }[] | undefined): boolean {
  const v = attrs?.find((a) => a.key === 'deletion_protection.enabled')?.value;
  return v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}
