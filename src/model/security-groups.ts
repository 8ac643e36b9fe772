/**
 * LB security groups (pkg/gateway/model/model_build_security_group.go): NLB with
 * disableSecurityGroup → none; no `securityGroups` → managed frontend SG (+ shared backend SG when
 * `--enable-backend-security-group`); explicit SGs (+ backend SG with manageBackendSecurityGroupRules).
 */
import type { BuildContext } from './context.js';
import { CODES } from './context.js';
import { unknown } from './discovery.js';
import { backendSecurityGroupName, managedSecurityGroupName } from './names.js';
import type { BackendSecurityGroup, IPPermission, StringToken, Tags } from './stack.js';
import { MANAGED_SG_ID, RT, resourceRef } from './stack.js';

const IPV6_TYPES = new Set(['dualstack', 'dualstack-without-public-ipv4']);

/** `buildManagedSecurityGroupIngressPermissions`: every valid listener × CIDR, then × prefix list. */
export function ingressPermissions(
  listeners: readonly { port: number; protocol: string }[],
  cfg: { sourceRanges?: readonly string[]; securityGroupPrefixes?: readonly string[]; enableICMP?: boolean },
  ipAddressType: string,
): IPPermission[] {
  // DOC≠CODE: the default is 0.0.0.0/0 and ::/0, not an empty list.
  const ranges = cfg.sourceRanges ?? ['0.0.0.0/0', '::/0'];
  const v6 = IPV6_TYPES.has(ipAddressType);
  const out: IPPermission[] = [];
  for (const l of listeners) {
    const proto = l.protocol === 'UDP' ? 'udp' : 'tcp';
    for (const cidr of ranges) {
      if (!cidr.includes(':')) {
        out.push({ ipProtocol: proto, fromPort: l.port, toPort: l.port, ipRanges: [{ cidrIP: cidr }] });
        if (cfg.enableICMP) out.push({ ipProtocol: 'icmp', fromPort: 3, toPort: 4, ipRanges: [{ cidrIP: cidr }] });
      } else if (v6) {
        out.push({ ipProtocol: proto, fromPort: l.port, toPort: l.port, ipv6Ranges: [{ cidrIPv6: cidr }] });
        if (cfg.enableICMP) out.push({ ipProtocol: 'icmpv6', fromPort: 2, toPort: 0, ipv6Ranges: [{ cidrIPv6: cidr }] });
      }
    }
    for (const listID of cfg.securityGroupPrefixes ?? []) out.push({ ipProtocol: proto, fromPort: l.port, toPort: l.port, prefixLists: [{ listID }] });
  }
  return out;
}

function backendSg(ctx: BuildContext): { token: StringToken; info: BackendSecurityGroup } {
  const s = ctx.settings;
  if (s.backendSecurityGroup) return { token: s.backendSecurityGroup, info: { kind: 'configured', groupID: s.backendSecurityGroup } };
  const known = ctx.facts.kind === 'known' ? ctx.facts.backendSecurityGroupId : undefined;
  const token: StringToken = known ?? unknown('backend security group id');
  const tags: Tags = { ...s.defaultTags, 'elbv2.k8s.aws/cluster': s.clusterName, 'elbv2.k8s.aws/resource': 'backend-sg' };
  return {
    token,
    info: { kind: 'managed', groupName: backendSecurityGroupName(s.clusterName), description: '[k8s] Shared Backend SecurityGroup for LoadBalancer', tags, groupID: token },
  };
}

/**
 * `ResolveViaNameOrID` (pkg/networking/security_group_resolver.go): `sg-` ids first, then every
 * VPC security group whose `Name` tag is one of the names; a name nothing carries fails the build.
 * Ids are taken as given (discovery lists only the VPC's groups; LBC accepts any existing id).
 */
function resolveExplicit(ctx: BuildContext, nameOrIds: readonly string[]): { tokens: StringToken[] } | { error: string } {
  const ids = nameOrIds.filter((s) => s.startsWith('sg-'));
  const names = [...new Set(nameOrIds.filter((s) => !s.startsWith('sg-')))];
  if (names.length === 0) return { tokens: ids };
  if (ctx.facts.kind === 'unknown') return { tokens: [...ids, ...names.map((n) => unknown(`security group ${n}`))] };
  const found = ctx.facts.securityGroups.filter((g) => names.includes(g.tags['Name'] ?? ''));
  const foundNames = [...new Set(found.map((g) => g.tags['Name'] ?? ''))];
  if (foundNames.length !== names.length) {
    return { error: `couldn't find all security groups: requested names [${names.join(', ')}] but found [${foundNames.join(', ')}]` };
  }
  return { tokens: [...ids, ...found.map((g) => g.id)] };
}

export function buildSecurityGroups(ctx: BuildContext, uid: string, ipAddressType: string, lbTags: Tags): { backend?: BackendSecurityGroup } {
  const cfg = ctx.gw.loadBalancerConfig ?? {};
  if (cfg.disableSecurityGroup === true && ctx.gw.loadBalancerType === 'network') {
    ctx.sg = { tokens: [] };
    return {};
  }
  const gw = ctx.gw.gateway.metadata;
  const explicit = cfg.securityGroups ?? [];
  if (explicit.length === 0) {
    const listeners = ctx.gw.listeners.filter((l) => l.valid).map((l) => ({ port: l.listener.port, protocol: l.listener.protocol }));
    ctx.add({
      type: RT.securityGroup,
      id: MANAGED_SG_ID,
      spec: {
        groupName: managedSecurityGroupName(ctx.settings.clusterName, gw.namespace, gw.name, uid),
        description: '[k8s] Managed SecurityGroup for LoadBalancer',
        tags: lbTags,
        ingress: ingressPermissions(listeners, cfg, ipAddressType),
      },
    });
    const managed = resourceRef(RT.securityGroup, MANAGED_SG_ID, 'groupID');
    if (!ctx.settings.enableBackendSecurityGroup) {
      ctx.sg = { tokens: [managed], backend: managed };
      return {};
    }
    const b = backendSg(ctx);
    ctx.sg = { tokens: [managed, b.token], backend: b.token };
    return { backend: b.info };
  }
  const resolved = resolveExplicit(ctx, explicit);
  if ('error' in resolved) {
    ctx.error(CODES.securityGroups, resolved.error, { object: ctx.gw.gateway, path: ['spec', 'infrastructure', 'parametersRef'] });
    return {};
  }
  const tokens = resolved.tokens;
  if (cfg.manageBackendSecurityGroupRules === true) {
    if (!ctx.settings.enableBackendSecurityGroup) {
      ctx.error(CODES.securityGroups, 'backendSG feature is required to manage worker node SG rules when frontendSG manually specified');
      return {};
    }
    const b = backendSg(ctx);
    ctx.sg = { tokens: [...tokens, b.token], backend: b.token };
    return { backend: b.info };
  }
  ctx.sg = { tokens };
  return {};
}
