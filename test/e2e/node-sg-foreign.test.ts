/**
 * Node SG rules a load balancer outside gwlb's stacks may need (plan/node-sg-coverage.ts), on the
 * sandbox: the Gateway uses a user-specified backend SG (`backendSecurityGroup`, LBC's
 * `--backend-security-group`) that an Ingress load balancer of the same cluster also attaches.
 * LBC's controller computes the node SG's rules from every TargetGroupBinding, the Ingress's too;
 * gwlb sees only the Gateway's. So a stale labelled rule from that SG is kept while the Ingress
 * load balancer attaches it (the plan says why), a stale one from another source is revoked all
 * the same, and once the Ingress load balancer is gone the kept rule is revoked too.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CLUSTER, SEED_NODE_SG, SEED_VPC_ID } from '../../src/emulator/index.js';
import { runCliInProcess, sandboxAccount, type Account } from './harness.js';

const LBC_DESCRIPTION = 'elbv2.k8s.aws/targetGroupBinding=shared';
const PUBLIC_SUBNETS = ['subnet-0a5e0000000000010', 'subnet-0a5e0000000000011'];

const manifests = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: demo}
spec:
  gatewayClassName: alb
  listeners:
    - {name: http, protocol: HTTP, port: 80}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: demo}
spec:
  parentRefs: [{name: web}]
  rules:
    - backendRefs: [{name: blue, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: blue, namespace: demo}
spec:
  type: NodePort
  ports:
    - {name: http, port: 80, targetPort: 80, nodePort: 30080, protocol: TCP}
---
apiVersion: v1
kind: Node
metadata: {name: node-0, labels: {kubernetes.io/os: linux}}
spec: {providerID: aws:///us-west-2a/i-0a5e0000000000001}
status:
  conditions:
    - {type: Ready, status: "True"}
`;

const dir = mkdtempSync(join(tmpdir(), 'gwlb-node-sg-foreign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rulesOf(acct: Account, groupId: string): string[] {
  return (acct.emu.state.ec2.securityGroups[groupId]?.ingress ?? [])
    .map((r) => `${r.ipProtocol} ${r.fromPort}-${r.toPort} ${r.peer.kind === 'group' ? r.peer.groupId : r.peer.kind === 'prefix-list' ? r.peer.prefixListId : r.peer.cidr}`)
    .sort();
}

describe('node SG rules whose source a foreign load balancer attaches', () => {
  let acct: Account;
  let userSg: string;
  let otherSg: string;
  let files: string[];
  const run = (args: string[]) => runCliInProcess([...args, ...files, ...acct.flags]);
  beforeAll(async () => {
    acct = await sandboxAccount();
    const sg = async (name: string) => (await acct.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: SEED_VPC_ID }))).GroupId!;
    userSg = await sg('user-backend');
    otherSg = await sg('retired-backend');
    const input = join(dir, 'web.yaml');
    const config = join(dir, 'gwlb.yaml');
    writeFileSync(input, manifests);
    writeFileSync(config, `backendSecurityGroup: ${userSg}\n`);
    files = ['-f', input, '--config', config];
    return () => acct.close();
  });

  it('keeps the stale rule the Ingress may need, revokes the other, and says why', async () => {
    expect((await run(['apply', '--auto-approve'])).code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 30080-30080 ${userSg}`]);
    // An Ingress of the same cluster attaches the backend SG; its TGB's rule is on the node SG.
    const ingress = await acct.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'k8s-shop-ingress-0123456789',
        Subnets: PUBLIC_SUBNETS,
        SecurityGroups: [userSg],
        Tags: [
          { Key: 'elbv2.k8s.aws/cluster', Value: SEED_CLUSTER },
          { Key: 'ingress.k8s.aws/stack', Value: 'shop/ingress' },
          { Key: 'ingress.k8s.aws/resource', Value: 'LoadBalancer' },
        ],
      }),
    );
    const ingressArn = ingress.LoadBalancers![0]!.LoadBalancerArn!;
    const labelled = (port: number, GroupId: string) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId, Description: LBC_DESCRIPTION }] });
    await acct.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SEED_NODE_SG, IpPermissions: [labelled(31000, userSg), labelled(31001, otherSg)] }));

    const p = await run(['plan']);
    expect(p.stdout).toContain(`cluster.node_security_group_rule["${SEED_NODE_SG}/tcp/31001/${otherSg}"] will be destroyed`);
    expect(p.stdout).not.toContain(`${SEED_NODE_SG}/tcp/31000/${userSg}"] will be destroyed`);
    expect(p.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
    expect(p.stdout.replace(/\s+/g, ' ')).toContain(
      `gwlb keeps 1 node security group rule (${SEED_NODE_SG}/tcp/31000/${userSg}) labelled elbv2.k8s.aws/targetGroupBinding=shared that no target group in this plan needs: a load balancer outside this plan's Gateways uses its source (${ingressArn})`,
    );
    expect((await run(['apply', '--auto-approve'])).code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 30080-30080 ${userSg}`, `tcp 31000-31000 ${userSg}`]);

    // The Ingress load balancer is gone: nothing gwlb cannot see uses the source any more.
    await acct.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: ingressArn }));
    expect((await run(['apply', '--auto-approve'])).code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 30080-30080 ${userSg}`]);
  });
});
