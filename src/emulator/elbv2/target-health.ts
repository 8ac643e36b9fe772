/**
 * Whether a load balancer's health checks reach a target: AWS sends them from the load balancer's
 * nodes, so the security groups of the interface behind the target must admit the load
 * balancer's security groups (or, for an NLB without any, the addresses of its subnets) on the
 * health-check port. The interface is the instance's primary one (instance targets) or the one
 * holding the IP (ip targets). This is what LBC's node/pod security-group rules open
 * (model_build_target_group_binding_network.go); without them a real account shows the target
 * `unhealthy`.
 */
import type { EmulatorState } from '../state.js';
import { cidrContains } from '../ec2/cidr.js';
import type { NetworkInterfaceRecord, SecurityGroupRuleRecord } from '../ec2/records.js';
import type { LoadBalancerRecord, RegisteredTarget, TargetGroupRecord } from './records.js';
import { targetGroupLoadBalancers } from './references.js';

export type Reachability = 'admitted' | 'blocked' | 'no-interface';

function interfaceOf(state: EmulatorState, tg: TargetGroupRecord, t: RegisteredTarget): NetworkInterfaceRecord | undefined {
  if (tg.targetType === 'instance') {
    const primary = state.ec2.instances[t.id]?.networkInterfaceIds[0];
    return primary ? state.ec2.networkInterfaces[primary] : undefined;
  }
  // A pod IP is an interface's primary address, or a secondary one on a node's ENI (VPC CNI).
  return Object.values(state.ec2.networkInterfaces).find((n) => n.privateIpAddress === t.id || (n.secondaryPrivateIpAddresses ?? []).includes(t.id));
}

function healthCheckPort(tg: TargetGroupRecord, t: RegisteredTarget): number {
  const p = tg.healthCheck.port;
  return p === undefined || p === 'traffic-port' ? t.port : Number(p);
}

function admits(rule: SecurityGroupRuleRecord, port: number, lb: LoadBalancerRecord, state: EmulatorState): boolean {
  if (rule.ipProtocol !== '-1' && rule.ipProtocol !== 'tcp' && rule.ipProtocol !== '6') return false;
  if (rule.ipProtocol !== '-1' && !(rule.fromPort !== undefined && rule.toPort !== undefined && rule.fromPort <= port && port <= rule.toPort)) return false;
  switch (rule.peer.kind) {
    case 'group':
      return (lb.securityGroups ?? []).includes(rule.peer.groupId);
    case 'ipv4': {
      // The LB's nodes take addresses in its subnets.
      const allowed = rule.peer.cidr;
      return lb.subnets.every((s) => {
        const cidr = state.ec2.subnets[s.subnetId]?.cidrBlock;
        return cidr !== undefined && cidrContains(allowed, cidr.split('/')[0]!);
      });
    }
    case 'ipv6':
    case 'prefix-list':
      return false;
  }
}

/** Whether every load balancer using the target group reaches the target on its health-check port. */
export function reachability(state: EmulatorState, tg: TargetGroupRecord, t: RegisteredTarget): Reachability {
  // A Lambda or an ALB target has no interface of its own to guard.
  if (tg.targetType === 'lambda' || tg.targetType === 'alb') return 'admitted';
  const eni = interfaceOf(state, tg, t);
  if (!eni) return 'no-interface';
  const rules = eni.groupIds.flatMap((g) => state.ec2.securityGroups[g]?.ingress ?? []);
  const port = healthCheckPort(tg, t);
  const lbs = targetGroupLoadBalancers(state, tg.arn).flatMap((arn) => state.elbv2.loadBalancers[arn] ?? []);
  return lbs.every((lb) => rules.some((r) => admits(r, port, lb, state))) ? 'admitted' : 'blocked';
}
