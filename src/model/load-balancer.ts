/**
 * The load balancer and its addons (model_build_loadbalancer.go, base_model_builder.go,
 * addons/*.go). Scheme defaults to the `--default-load-balancer-scheme` flag (`internal`), IP type
 * to `ipv4`; attributes are copied verbatim with no defaults.
 */
import type { BuildContext } from './context.js';
import { parseGoBool } from './go-strconv.js';
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
  const capacity = provisionedCapacity(cfg.minimumLoadBalancerCapacity?.capacityUnits, addonActive(ctx, 'provisionedcapacity'));
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
    ...(capacity !== undefined ? { minimumLoadBalancerCapacity: { capacityUnits: capacity } } : {}),
    tags,
    ...(!nlb && cfg.ipv4IPAMPoolId !== undefined ? { ipv4IPAMPool: cfg.ipv4IPAMPoolId } : {}),
  };
  ctx.add({ type: RT.loadBalancer, id: LOAD_BALANCER_ID, spec });
}

/**
 * Whether an addon was active at LBC's last reconcile: the Gateway annotation
 * `gateway.k8s.aws.addon.<wafv2|shield|provisionedcapacity>` LBC writes, read with
 * strconv.ParseBool, malformed → false (controllers/gateway/addons.go getStoredAddonConfig).
 */
export function addonActive(ctx: BuildContext, addon: 'wafv2' | 'shield' | 'provisionedcapacity'): boolean {
  return parseGoBool(ctx.gw.gateway.metadata.annotations[`gateway.k8s.aws.addon.${addon}`]) === true;
}

/**
 * The ProvisionedCapacity addon (addons/model_build_addon.go 95–111): non-zero units are set;
 * zero or unset units give `capacityUnits: 0` (a reset) only while the addon is active, else nothing.
 */
export function provisionedCapacity(units: number | undefined, active: boolean): number | undefined {
  const wanted = units ?? 0;
  return wanted === 0 && !active ? undefined : wanted;
}

/**
 * WAFv2 / Shield (ALB only; controllers/gateway/addons.go albAddons). A removed addon that was
 * active (`addonActive`) yields a disassociate / disabled resource (addons/model_build_addon.go).
 */
export function buildAddons(ctx: BuildContext): void {
  if (ctx.gw.loadBalancerType !== 'application') return;
  const cfg = ctx.gw.loadBalancerConfig ?? {};
  const lbArn = resourceRef(RT.loadBalancer, LOAD_BALANCER_ID, 'loadBalancerARN');
  const acl = cfg.wafV2?.webACL ?? '';
  if (acl !== '' || addonActive(ctx, 'wafv2')) {
    ctx.add({ type: RT.webAclAssociation, id: LOAD_BALANCER_ID, spec: { webACLARN: acl, resourceARN: lbArn } });
  }
  const shield = cfg.shieldConfiguration?.enabled === true;
  if (shield || addonActive(ctx, 'shield')) {
    ctx.add({ type: RT.shieldProtection, id: LOAD_BALANCER_ID, spec: { enabled: shield, resourceARN: lbArn } });
  }
}

/** `isDeleteProtected`: strconv.ParseBool on `deletion_protection.enabled`; unparsable → false. */
export function deletionProtection(attrs: readonly { key: string; value: string }[] | undefined): boolean {
  return parseGoBool(attrs?.find((a) => a.key === 'deletion_protection.enabled')?.value) === true;
}
