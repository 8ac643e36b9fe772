/**
 * Node/pod ENI security-group rules on the sandbox (issue 12 items 2–3): an ALB with instance
 * targets (Nodes in the input) and an NLB with ip targets (EndpointSlice pod IPs on the seeded node
 * ENIs). After apply the node SG holds exactly LBC's rule — restricted mode merges every target
 * group's ports from the backend SG into one range per protocol (networking_manager.go
 * computeRestrictedIngressPermissionsPerSG) — the next plan is empty, a hand-added rule without
 * LBC's description is never touched, a stale one with it is revoked, removing a route or pruning
 * a stack narrows the rule, and destroying the last stack revokes it and deletes the backend SG.
 * The third node's ENI also carries an untagged SG, which must be left alone.
 */
import { AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_NODE_SG, SEED_POD_IPS, SEED_REMOTE_ACCESS_SG } from '../../src/emulator/index.js';
import { runCliInProcess, sandboxAccount, trackingProblems, type Account } from './harness.js';

const NODES = ['i-0a5e0000000000001', 'i-0a5e0000000000002', 'i-0a5e0000000000003'];
const LBC_DESCRIPTION = 'elbv2.k8s.aws/targetGroupBinding=shared';

const doc = (o: string) => o.trim();
const nodes = NODES.map((id, i) =>
  doc(`
apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels: {kubernetes.io/os: linux}
spec:
  providerID: aws:///us-west-2${'abc'[i]}/${id}
status:
  conditions:
    - {type: Ready, status: "True"}
`),
);
const service = (name: string, port: number, nodePort: number) =>
  doc(`
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: demo}
spec:
  type: NodePort
  ports:
    - {name: http, port: ${port}, targetPort: ${port}, nodePort: ${nodePort}, protocol: TCP}
`);
const alb = (backends: string[]) => [
  doc(`
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
`),
  doc(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: demo}
spec:
  gatewayClassName: alb
  listeners:
    - {name: http, protocol: HTTP, port: 80}
`),
  doc(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: demo}
spec:
  parentRefs: [{name: web}]
  rules:
${backends.map((b) => `    - matches: [{path: {type: PathPrefix, value: /${b}}}]\n      backendRefs: [{name: ${b}, port: 80}]`).join('\n')}
`),
  service('blue', 80, 30080),
  service('green', 80, 30081),
  ...nodes,
];
const nlb = [
  doc(`
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: nlb}
spec: {controllerName: gateway.k8s.aws/nlb}
`),
  doc(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: tcp, namespace: demo}
spec:
  gatewayClassName: nlb
  listeners:
    - {name: tcp, protocol: TCP, port: 9000}
`),
  doc(`
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: echo, namespace: demo}
spec:
  parentRefs: [{name: tcp, sectionName: tcp}]
  rules:
    - backendRefs: [{name: echo, port: 9000}]
`),
  doc(`
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: echo, namespace: demo}
spec:
  targetReference: {name: echo}
  defaultConfiguration: {targetType: ip}
`),
  doc(`
apiVersion: v1
kind: Service
metadata: {name: echo, namespace: demo}
spec:
  ports:
    - {name: tcp, port: 9000, targetPort: 9000, protocol: TCP}
`),
  doc(`
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: echo-1
  namespace: demo
  labels: {kubernetes.io/service-name: echo}
addressType: IPv4
ports: [{name: tcp, port: 9000, protocol: TCP}]
endpoints:
  - {addresses: ["${SEED_POD_IPS[0]![0]}"], conditions: {ready: true}, targetRef: {kind: Pod, name: echo-a, namespace: demo}}
  - {addresses: ["${SEED_POD_IPS[2]![1]}"], conditions: {ready: true}, targetRef: {kind: Pod, name: echo-b, namespace: demo}}
`),
];

const dir = mkdtempSync(join(tmpdir(), 'gwlb-node-sg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, docs: string[]): string {
  const f = join(dir, name);
  writeFileSync(f, `${docs.join('\n---\n')}\n`);
  return f;
}

/** The node SG's ingress as `proto from-to source description`, sorted. */
function rulesOf(acct: Account, groupId: string): string[] {
  const g = acct.emu.state.ec2.securityGroups[groupId];
  return (g?.ingress ?? [])
    .map((r) => `${r.ipProtocol} ${r.fromPort}-${r.toPort} ${r.peer.kind === 'group' ? r.peer.groupId : r.peer.kind === 'prefix-list' ? r.peer.prefixListId : r.peer.cidr} ${r.description ?? ''}`.trim())
    .sort();
}
const backendSg = (acct: Account) => Object.values(acct.emu.state.ec2.securityGroups).find((g) => g.groupName.startsWith('k8s-traffic-'))?.groupId;

describe('node security group rules on the sandbox', () => {
  let acct: Account;
  const run = (args: string[]) => runCliInProcess([...args, ...acct.flags]);
  beforeAll(async () => {
    acct = await sandboxAccount();
    return () => acct.close();
  });
  const albBoth = write('alb-both.yaml', alb(['blue', 'green']));
  const albBlue = write('alb-blue.yaml', alb(['blue']));
  const nlbFile = write('nlb.yaml', nlb);

  it('apply opens the node SG to the backend SG exactly as LBC does; the next plan has no changes', async () => {
    const r = await run(['apply', '--auto-approve', '-f', albBoth, '-f', nlbFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const backend = backendSg(acct)!;
    expect(backend).toBeDefined();
    // ALB instance TGs on nodePorts 30080 and 30081, NLB ip TG on 9000: one tcp range from the backend SG.
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 9000-30081 ${backend} ${LBC_DESCRIPTION}`]);
    expect(rulesOf(acct, SEED_REMOTE_ACCESS_SG)).toEqual(['tcp 22-22 0.0.0.0/0']);
    expect(trackingProblems(acct.emu)).toEqual([]);
    const again = await run(['plan', '--detailed-exitcode', '-f', albBoth, '-f', nlbFile]);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  it('every registered target passes its health checks: the rules gwlb opened admit the load balancers', async () => {
    const tgs = (await acct.elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    expect(tgs).toHaveLength(3);
    const states = async () => {
      const out: string[] = [];
      for (const tg of tgs) {
        const health = await acct.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
        for (const d of health.TargetHealthDescriptions ?? []) out.push(`${tg.TargetType} ${d.Target?.Id}:${d.Target?.Port} ${d.TargetHealth?.State}`);
      }
      return out.sort();
    };
    // Registration settles after a few health checks (the emulator's lifecycle); then all are healthy.
    let seen = await states();
    for (let i = 0; i < 10 && seen.some((s) => s.endsWith(' initial')); i++) seen = await states();
    expect(seen).toHaveLength(3 * 2 + 2);
    expect(seen.filter((s) => !s.endsWith(' healthy'))).toEqual([]);
  });

  it('a hand-added rule without the description is never touched; a stale one with it is revoked', async () => {
    const backend = backendSg(acct)!;
    await acct.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: SEED_NODE_SG,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 5000, ToPort: 5000, IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'hand-made' }] },
          { IpProtocol: 'tcp', FromPort: 7000, ToPort: 7000, UserIdGroupPairs: [{ GroupId: backend, Description: LBC_DESCRIPTION }] },
        ],
      }),
    );
    const p = await run(['plan', '-f', albBoth, '-f', nlbFile]);
    expect(p.stdout).toContain(`cluster.node_security_group_rule["${SEED_NODE_SG}/tcp/7000/${backend}"] will be destroyed`);
    expect(p.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
    expect((await run(['apply', '--auto-approve', '-f', albBoth, '-f', nlbFile])).code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 5000-5000 10.0.0.0/16 hand-made`, `tcp 9000-30081 ${backend} ${LBC_DESCRIPTION}`]);
  });

  it('stale rules of one group are revoked in one call; a batch EC2 rejects as already gone is sent again rule by rule', async () => {
    const backend = backendSg(acct)!;
    const stale = (port: number) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: backend, Description: LBC_DESCRIPTION }] });
    const ours = [`tcp 5000-5000 10.0.0.0/16 hand-made`, `tcp 9000-30081 ${backend} ${LBC_DESCRIPTION}`];
    const addStale = () => acct.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SEED_NODE_SG, IpPermissions: [stale(7000), stale(7001), stale(7002)] }));
    const revokes = () => acct.emu.controls.callCount('RevokeSecurityGroupIngress');
    await addStale();
    let before = revokes();
    expect((await run(['apply', '--auto-approve', '-f', albBoth, '-f', nlbFile])).code).toBe(0);
    // As LBC's ReconcileIngress: the group's whole difference in one RevokeSecurityGroupIngress.
    expect(revokes() - before).toBe(1);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual(ours);
    // EC2 answers InvalidPermission.NotFound for the batch (one rule went meanwhile): the call
    // changed nothing, so each rule is revoked on its own, and the apply succeeds.
    await addStale();
    acct.emu.controls.addFailure({ action: 'RevokeSecurityGroupIngress', error: { kind: 'error', code: 'InvalidPermission.NotFound', message: 'The specified rule does not exist in this security group.', status: 400 } });
    before = revokes();
    const r = await run(['apply', '--auto-approve', '-f', albBoth, '-f', nlbFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(revokes() - before).toBe(1 + 3);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual(ours);
  });

  it('removing a route narrows the rule to the ports still used', async () => {
    const backend = backendSg(acct)!;
    expect((await run(['apply', '--auto-approve', '-f', albBlue, '-f', nlbFile])).code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 5000-5000 10.0.0.0/16 hand-made`, `tcp 9000-30080 ${backend} ${LBC_DESCRIPTION}`]);
  });

  it('--prune of the NLB stack leaves the ALB ports; destroying the last stack revokes the rule and deletes the backend SG', async () => {
    const backend = backendSg(acct)!;
    expect((await run(['apply', '--auto-approve', '--prune', '-f', albBlue])).code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 30080-30080 ${backend} ${LBC_DESCRIPTION}`, `tcp 5000-5000 10.0.0.0/16 hand-made`]);
    const r = await run(['destroy', '--auto-approve', '--all']);
    expect(r.code).toBe(0);
    expect(rulesOf(acct, SEED_NODE_SG)).toEqual([`tcp 5000-5000 10.0.0.0/16 hand-made`]);
    expect(backendSg(acct)).toBeUndefined();
    expect(rulesOf(acct, SEED_REMOTE_ACCESS_SG)).toEqual(['tcp 22-22 0.0.0.0/0']);
  });
});
