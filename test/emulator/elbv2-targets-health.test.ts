/**
 * Target health through the real SDK clients: `healthy` only when the security groups of the
 * target's interface (the instance's primary ENI, or the ENI holding the pod IP) admit the load
 * balancer's security groups on the health-check port; otherwise `unhealthy` with AWS's reason
 * (Target.Timeout on an ALB, Target.FailedHealthChecks on an NLB); `initial` while it settles.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeNetworkInterfacesCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand, DescribeTargetHealthCommand, RegisterTargetsCommand, type TargetHealth } from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { SEED_POD_IPS } from '../../src/emulator/ec2/pod-enis.js';
import { alb, forward, httpListener, nlb, targetGroup } from './fixtures.js';
import { DEFAULT_SG, NODE_INSTANCES, NODE_SG, useEmulator } from './helpers.js';

const h = useEmulator();
let n = 0;

beforeEach(() => {
  h.emulator.controls.setLifecycle({ describesUntilHealthy: 2 });
});

async function health(tg: string): Promise<Record<string, TargetHealth>> {
  const out = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
  return Object.fromEntries(out.TargetHealthDescriptions!.map((d) => [`${d.Target!.Id}:${d.Target!.Port}`, d.TargetHealth!]));
}

/** A fresh security group for the load balancer, so each test's rule decides alone. */
async function lbGroup(): Promise<string> {
  const out = await h.ec2.send(new CreateSecurityGroupCommand({ GroupName: `lb-${++n}`, Description: 'lb', VpcId: SEED_VPC_ID }));
  return out.GroupId!;
}

const allow = (groupId: string, port: number, source: string) =>
  h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: source }] }] }));
const revoke = (groupId: string, port: number, source: string) =>
  h.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: source }] }] }));

describe('DescribeTargetHealth follows the security groups', () => {
  it('seeds pod interfaces that carry the node security group', async () => {
    const out = await h.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'addresses.private-ip-address', Values: [SEED_POD_IPS[0]!] }] }));
    expect(out.NetworkInterfaces?.map((e) => e.Groups?.map((g) => g.GroupId))).toEqual([[NODE_SG]]);
  });

  it('ip targets on an ALB: initial, then unhealthy (Target.Timeout) until the node SG admits the ALB SG on the health-check port', async () => {
    const sg = await lbGroup();
    const tg = await targetGroup(h.elbv2, 'hc-ip', { Port: 8080, HealthCheckPort: '8081' });
    const lb = (await h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'hc-ip-lb', Subnets: ['subnet-0a5e0000000000010', 'subnet-0a5e0000000000011'], SecurityGroups: [sg] }))).LoadBalancers![0]!.LoadBalancerArn!;
    await httpListener(h.elbv2, lb, tg);
    await h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: SEED_POD_IPS[0]! }, { Id: '10.0.176.9' }] }));
    expect((await health(tg))[`${SEED_POD_IPS[0]}:8080`]).toMatchObject({ State: 'initial', Reason: 'Elb.RegistrationInProgress' });
    const blocked = await health(tg);
    expect(blocked[`${SEED_POD_IPS[0]}:8080`]).toEqual({ State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' });
    // The traffic port is not enough: the health check goes to 8081.
    await allow(NODE_SG, 8080, sg);
    expect((await health(tg))[`${SEED_POD_IPS[0]}:8080`]!.State).toBe('unhealthy');
    await allow(NODE_SG, 8081, sg);
    const open = await health(tg);
    expect(open[`${SEED_POD_IPS[0]}:8080`]).toEqual({ State: 'healthy' });
    // Nothing holds 10.0.176.9: nobody answers the health checks.
    expect(open['10.0.176.9:8080']).toMatchObject({ State: 'unhealthy', Reason: 'Target.Timeout' });
    await revoke(NODE_SG, 8081, sg);
    await revoke(NODE_SG, 8080, sg);
    expect((await health(tg))[`${SEED_POD_IPS[0]}:8080`]!.State).toBe('unhealthy');
  });

  it('an IP given an interface through the control path passes once its group admits the load balancer', async () => {
    const res = await fetch(`${h.emulator.endpoint}/_emulator/pod-network-interfaces`, { method: 'POST', body: JSON.stringify({ privateIpAddress: '10.0.129.20', groupIds: [DEFAULT_SG] }) });
    expect(res.status).toBe(201);
    const tg = await targetGroup(h.elbv2, 'hc-ctl');
    // The ALB takes the VPC's default SG, which admits itself.
    await httpListener(h.elbv2, await alb(h.elbv2, 'hc-ctl-lb'), tg);
    await h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.129.20' }] }));
    await health(tg);
    expect((await health(tg))['10.0.129.20:80']).toEqual({ State: 'healthy' });
    const bad = await fetch(`${h.emulator.endpoint}/_emulator/pod-network-interfaces`, { method: 'POST', body: JSON.stringify({ privateIpAddress: '192.168.1.1' }) });
    expect(bad.status).toBe(400);
  });

  it('instance targets on an NLB without security groups: Target.FailedHealthChecks until the node SG admits the subnets', async () => {
    const tg = await targetGroup(h.elbv2, 'hc-inst', { Protocol: 'TCP', Port: 30080, TargetType: 'instance' });
    const lb = await nlb(h.elbv2, 'hc-inst-lb');
    await h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'TCP', Port: 80, DefaultActions: forward(tg) }));
    await h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: NODE_INSTANCES[0]! }] }));
    await health(tg);
    expect((await health(tg))[`${NODE_INSTANCES[0]}:30080`]).toEqual({ State: 'unhealthy', Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' });
    await h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: NODE_SG, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 30000, ToPort: 32767, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }));
    expect((await health(tg))[`${NODE_INSTANCES[0]}:30080`]).toEqual({ State: 'healthy' });
  });
});
