/**
 * The TargetGroupBinding `networking` block and the node/pod ENI SG rules it implies
 * (model_build_target_group_binding_network.go). With LB security groups: rules from the backend
 * SG (restricted: traffic port + health-check port; unrestricted: all TCP/UDP). NLB without SGs:
 * CIDR-based rules (`nlbNoSecurityGroups`).
 */
import type { BuildContext } from './context.js';
import { parseGoBool } from './go-strconv.js';
import type { Assigned, NetworkingIngressRule, NetworkingPeer, StringToken, TargetGroupSpec } from './stack.js';
import { isUnknown, unknown } from './discovery.js';
import { RT } from './stack.js';

const UDP_ISH = new Set(['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC']);

function numeric(p: string | number): number {
  return typeof p === 'number' ? p : /^\d+$/.test(p) ? Number(p) : 0;
}

/**
 * `parseSubnetCIDRBlocks`: the LB subnets' IPv4 CIDR, or all their IPv6 CIDRs for an IPv6 target
 * group. Read from the LB resource already in the stack and the discovered subnets.
 */
function lbSubnetCidrs(ctx: BuildContext, ipv6: boolean): string[] {
  const lb = ctx.resources.find((r) => r.type === RT.loadBalancer);
  const ids = lb?.type === RT.loadBalancer ? (lb.spec.subnetMapping ?? []).map((m) => m.subnetID) : [];
  if (ctx.facts.kind === 'unknown' || ids.some((id) => typeof id !== 'string')) return ['(lb subnet cidrs: known after apply)'];
  const facts = ctx.facts;
  return ids.flatMap((id) => {
    const subnet = facts.subnets.find((s) => s.id === id);
    if (!subnet) return [];
    return ipv6 ? [...subnet.ipv6Cidrs] : [subnet.ipv4Cidr];
  });
}

/**
 * Whether two ports are the same. A nodePort the API server has not assigned yet equals only
 * itself: an explicit health-check port is taken to differ from it, so its rule is kept.
 */
function samePort(a: Assigned<string | number>, b: Assigned<string | number>): boolean {
  if (isUnknown(a) || isUnknown(b)) return isUnknown(a) && isUnknown(b) && a.$unknown === b.$unknown;
  return numeric(a) === numeric(b);
}

function standard(ctx: BuildContext, tg: TargetGroupSpec, targetPort: Assigned<string | number>, backend: StringToken): NetworkingIngressRule[] {
  const from: NetworkingPeer[] = [{ securityGroup: { groupID: backend } }];
  const udp = UDP_ISH.has(tg.protocol);
  if (ctx.settings.disableRestrictedSecurityGroupRules) {
    return [{ from, ports: udp ? [{ protocol: 'TCP' }, { protocol: 'UDP' }] : [{ protocol: 'TCP' }] }];
  }
  const ports: { protocol: 'TCP' | 'UDP'; port: Assigned<string | number> }[] = [{ protocol: udp ? 'UDP' : 'TCP', port: targetPort }];
  const hc = tg.healthCheckConfig?.port ?? 'traffic-port';
  if (udp || (typeof hc === 'number' && !samePort(hc, targetPort))) {
    ports.push({ protocol: 'TCP', port: typeof hc === 'string' ? targetPort : hc });
  }
  // Unreachable from Gateways in LBC v3.5.0 (its TG spec never carries the control port), kept as LBC writes it.
  if (tg.targetControlPort !== undefined) ports.push({ protocol: 'TCP', port: tg.targetControlPort });
  // A loop, not `.map`: optimised code's `.map` makes holey arrays and the builtin packed ones, and
  // the node-rule loop over every target group's rules deoptimised on the second kind.
  const rules: NetworkingIngressRule[] = [];
  for (const p of ports) rules.push({ from, ports: [p] });
  return rules;
}

function noSecurityGroups(ctx: BuildContext, tg: TargetGroupSpec, targetPort: Assigned<string | number>): NetworkingIngressRule[] {
  const lbc = ctx.gw.loadBalancerConfig;
  const attr = (tg.targetGroupAttributes ?? []).find((a) => a.key === 'preserve_client_ip.enabled');
  const preserve = UDP_ISH.has(tg.protocol) ? true : attr ? parseGoBool(attr.value) === true : tg.targetType === 'instance';
  const ipv6 = tg.ipAddressType === 'ipv6';
  const subnetCidrs = lbSubnetCidrs(ctx, ipv6);
  let sources: string[];
  let defaultRange = false;
  if (preserve) {
    if (lbc?.sourceRanges && lbc.sourceRanges.length > 0) sources = [...lbc.sourceRanges];
    else if (ctx.gw.loadBalancerConfig?.scheme === 'internet-facing' || (lbc?.scheme ?? ctx.settings.defaultLoadBalancerScheme) === 'internet-facing') {
      sources = [ipv6 ? '::/0' : '0.0.0.0/0'];
      defaultRange = true;
    } else if (ctx.facts.kind === 'known') {
      sources = [...(ipv6 ? ctx.facts.vpc.ipv6Cidrs : ctx.facts.vpc.ipv4Cidrs)];
      defaultRange = true;
    } else {
      sources = ['(vpc cidrs: known after apply)'];
      defaultRange = true;
    }
  } else sources = subnetCidrs;
  const from = sources.map((cidr) => ({ ipBlock: { cidr } }));
  const rules: NetworkingIngressRule[] = [];
  const proto = tg.protocol;
  const trafficPorts: { protocol: 'TCP' | 'UDP'; port: Assigned<string | number> }[] =
    proto === 'TCP_UDP' || proto === 'TCP_QUIC'
      ? [{ protocol: 'TCP', port: targetPort }, { protocol: 'UDP', port: targetPort }]
      : proto === 'UDP' || proto === 'QUIC'
        ? [{ protocol: 'UDP', port: targetPort }]
        : [{ protocol: 'TCP', port: targetPort }];
  rules.push({ from, ports: trafficPorts });
  const hc = tg.healthCheckConfig?.port ?? 'traffic-port';
  const hcPort = typeof hc === 'string' ? targetPort : hc;
  const open = sources.includes('0.0.0.0/0') || sources.includes('::/0');
  const skip = !UDP_ISH.has(proto) && samePort(hcPort, targetPort) && (!preserve || defaultRange || open);
  if (!skip && subnetCidrs.length > 0) rules.push({ from: subnetCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: hcPort }] });
  return rules;
}

export function buildTargetGroupNetworking(ctx: BuildContext, tg: TargetGroupSpec, targetPort: Assigned<string | number>, tgId: string): { ingress: NetworkingIngressRule[] } | undefined {
  let ingress: NetworkingIngressRule[];
  if (ctx.sg.tokens.length === 0) ingress = noSecurityGroups(ctx, tg, targetPort);
  else if (ctx.sg.backend === undefined) return undefined;
  else ingress = standard(ctx, tg, targetPort, ctx.sg.backend);
  if (ctx.settings.manageNodeSecurityGroupRules) {
    for (const rule of ingress) {
      for (const port of rule.ports) {
        for (const peer of rule.from) {
          const p = port.port === undefined ? undefined : isUnknown(port.port) ? port.port : numeric(port.port);
          ctx.nodeRules.push({
            targetGroupId: tgId,
            groupID: unknown(`ENI security group of ${tg.targetType === 'ip' ? 'pods' : 'nodes'} behind ${typeof tg.name === 'string' ? tg.name : `target group ${tgId}`}`),
            permission: {
              ipProtocol: (port.protocol ?? 'TCP').toLowerCase(),
              fromPort: p ?? 0,
              toPort: p ?? 65535,
              ...(peer.ipBlock ? (peer.ipBlock.cidr.includes(':') ? { ipv6Ranges: [{ cidrIPv6: peer.ipBlock.cidr, description: 'elbv2.k8s.aws/targetGroupBinding=shared' }] } : { ipRanges: [{ cidrIP: peer.ipBlock.cidr, description: 'elbv2.k8s.aws/targetGroupBinding=shared' }] }) : {}),
              ...(peer.securityGroup ? { userIDGroupPairs: [{ groupID: peer.securityGroup.groupID, description: 'elbv2.k8s.aws/targetGroupBinding=shared' }] } : {}),
            },
          });
        }
      }
    }
  }
  return { ingress };
}
