/**
 * Targets end to end on the emulator (issue 12): ip targets from EndpointSlices and instance
 * targets from Nodes, on an ALB and an NLB. Apply from scratch registers them; the next plan has
 * no changes; an EndpointSlice change plans only target adds and removes; removing a route takes
 * its target group and targets away.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Plan } from '../../src/plan/index.js';
import { runCliInProcess, sandboxAccount, type Account } from './harness.js';

/** The sandbox's node security group (EKS cluster SG), on the nodes' and the seeded pods' interfaces. */
const NODE_SG = 'sg-0a5e0000000000002';
const NODES = [1, 2, 3].map((i) => ({ name: `node-${i}`, id: `i-0a5e000000000000${i}`, zone: `us-west-2${'abc'[i - 1]}` }));

function nodes(): string {
  return NODES.map(
    (n) => `apiVersion: v1
kind: Node
metadata:
  name: ${n.name}
  labels: {}
spec:
  providerID: aws:///${n.zone}/${n.id}
status:
  conditions:
    - type: Ready
      status: "True"
`,
  ).join('---\n');
}

function slice(service: string, ips: readonly string[]): string {
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ${service}-abc
  namespace: app
  labels:
    kubernetes.io/service-name: ${service}
addressType: IPv4
ports:
  - name: http
    port: 8080
    protocol: TCP
endpoints:
${ips.map((ip, i) => `  - addresses: ["${ip}"]\n    conditions: {ready: true}\n    targetRef: {kind: Pod, name: ${service}-${i}, namespace: app}`).join('\n')}
`;
}

function service(name: string, port: number, nodePort: number, ip: boolean): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: app
spec:
  type: NodePort
  ports:
    - name: http
      port: ${port}
      targetPort: 8080
      nodePort: ${nodePort}
${
  ip
    ? `---
apiVersion: gateway.k8s.aws/v1
kind: TargetGroupConfiguration
metadata:
  name: ${name}
  namespace: app
spec:
  targetReference:
    name: ${name}
  defaultConfiguration:
    targetType: ip
`
    : ''
}`;
}

function gateways(opts: { ipRoute: boolean }): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: alb
spec:
  controllerName: gateway.k8s.aws/alb
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: nlb
spec:
  controllerName: gateway.k8s.aws/nlb
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: app
spec:
  gatewayClassName: alb
  listeners:
    - name: http
      protocol: HTTP
      port: 80
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: inst
  namespace: app
spec:
  parentRefs: [{name: web}]
  rules:
    - matches: [{path: {type: PathPrefix, value: /inst}}]
      backendRefs: [{name: inst, port: 80}]
${
  opts.ipRoute
    ? `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: pods
  namespace: app
spec:
  parentRefs: [{name: web}]
  rules:
    - matches: [{path: {type: PathPrefix, value: /pods}}]
      backendRefs: [{name: pods, port: 80}]
`
    : ''
}---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: tcp
  namespace: app
spec:
  gatewayClassName: nlb
  listeners:
    - name: a
      protocol: TCP
      port: 8080
    - name: b
      protocol: TCP
      port: 9090
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata:
  name: tcp-inst
  namespace: app
spec:
  parentRefs: [{name: tcp, sectionName: a}]
  rules:
    - backendRefs: [{name: tcp-inst, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata:
  name: tcp-pods
  namespace: app
spec:
  parentRefs: [{name: tcp, sectionName: b}]
  rules:
    - backendRefs: [{name: tcp-pods, port: 9090}]
`;
}

let acct: Account;
let dir: string;

function write(opts: { ipRoute: boolean; podIps: readonly string[] }): string[] {
  const files = {
    'gateways.yaml': gateways(opts),
    'services.yaml': [service('inst', 80, 30080, false), service('pods', 80, 30081, true), service('tcp-inst', 8080, 30082, false), service('tcp-pods', 9090, 30083, true)].join('---\n'),
    'nodes.yaml': nodes(),
    'slices.yaml': [slice('pods', opts.podIps), slice('tcp-pods', opts.podIps)].join('---\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files).map((f) => join(dir, f));
}

const cli = (args: readonly string[], files: readonly string[]) => runCliInProcess([...args, ...files.flatMap((f) => ['-f', f]), ...acct.flags]);

/** `target group name → sorted "id:port"` of what the emulator holds (draining ones included). */
function registered(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const tg of Object.values(acct.emu.state.elbv2.targetGroups)) {
    if (tg.targets.length > 0) out[`${tg.targetType}:${tg.port}`] = tg.targets.map((t) => `${t.id}:${t.port}`).sort();
  }
  return out;
}

async function planJson(files: readonly string[]): Promise<Plan> {
  const r = await cli(['plan', '-o', 'json'], files);
  expect(r.stderr).not.toMatch(/error/i);
  return JSON.parse(r.stdout) as Plan;
}

const changed = (p: Plan) => p.resource_changes.filter((rc) => rc.change.actions[0] !== 'no-op');

beforeAll(async () => {
  acct = await sandboxAccount();
  dir = mkdtempSync(join(tmpdir(), 'gwlb-targets-'));
});
afterAll(async () => {
  await acct.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('targets on the emulator', () => {
  const instances = NODES.map((n) => n.id);

  it('apply from scratch registers ip and instance targets on the ALB and the NLB; the next plan has no changes', async () => {
    const files = write({ ipRoute: true, podIps: ['10.0.128.50', '10.0.144.51'] });
    const applied = await cli(['apply', '--auto-approve'], files);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(registered()).toEqual({
      'instance:30080': instances.map((i) => `${i}:30080`),
      'instance:30082': instances.map((i) => `${i}:30082`),
      'ip:8080': ['10.0.128.50:8080', '10.0.144.51:8080'],
      // The NLB's ip target group: same pods, same port; two target groups of one key collapse here.
    });
    const ipTgs = Object.values(acct.emu.state.elbv2.targetGroups).filter((t) => t.targetType === 'ip');
    expect(ipTgs.map((t) => t.targets.map((x) => x.id).sort())).toEqual([
      ['10.0.128.50', '10.0.144.51'],
      ['10.0.128.50', '10.0.144.51'],
    ]);
    expect(changed(await planJson(files))).toEqual([]);
  });

  it('targets are healthy because apply opened the node security group; revoking that rule by hand makes them time out', async () => {
    acct.emu.controls.setLifecycle({ describesUntilHealthy: 0 });
    const states = async () => {
      const out: string[] = [];
      for (const tg of Object.values(acct.emu.state.elbv2.targetGroups)) {
        const d = await acct.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.arn }));
        out.push(...(d.TargetHealthDescriptions ?? []).map((x) => `${x.TargetHealth!.State!}${x.TargetHealth!.Reason ? ` ${x.TargetHealth!.Reason}` : ''}`));
      }
      return [...new Set(out)].sort();
    };
    // gwlb opened the node SG to the backend SG as LBC's TargetGroupBinding networking does.
    expect(await states()).toEqual(['healthy']);
    const node = acct.emu.state.ec2.securityGroups[NODE_SG]!;
    const opened = node.ingress.filter((r) => r.description === 'elbv2.k8s.aws/targetGroupBinding=shared' && r.peer.kind === 'group');
    expect(opened.length).toBeGreaterThan(0);
    for (const r of opened) {
      await acct.ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: NODE_SG,
          IpPermissions: [{ IpProtocol: r.ipProtocol, FromPort: r.fromPort, ToPort: r.toPort, UserIdGroupPairs: [{ GroupId: r.peer.kind === 'group' ? r.peer.groupId : '' }] }],
        }),
      );
    }
    expect(await states()).toEqual(['unhealthy Target.FailedHealthChecks', 'unhealthy Target.Timeout']);
    // The next apply opens it again.
    expect((await cli(['apply', '--auto-approve'], write({ ipRoute: true, podIps: ['10.0.128.50', '10.0.144.51'] }))).code).toBe(0);
    expect(await states()).toEqual(['healthy']);
  });

  it('an EndpointSlice change plans only target adds and removes, and apply converges', async () => {
    const files = write({ ipRoute: true, podIps: ['10.0.144.51', '10.0.160.50'] });
    const p = await planJson(files);
    const c = changed(p);
    expect(new Set(c.map((rc) => rc.type))).toEqual(new Set(['AWS::ElasticLoadBalancingV2::Target']));
    expect(c.map((rc) => `${rc.change.actions.join()} ${rc.address.replace(/^.*\//, '')}`).sort()).toEqual([
      'create 10.0.160.50:8080"]',
      'create 10.0.160.50:8080"]',
      'delete 10.0.128.50:8080"]',
      'delete 10.0.128.50:8080"]',
    ]);
    const text = await cli(['plan'], files);
    expect(text.stdout).toContain('  + target 10.0.160.50:8080\n');
    expect(text.stdout).toContain('  - target 10.0.128.50:8080\n');
    expect((await cli(['apply', '--auto-approve'], files)).code).toBe(0);
    // Deregistered targets drain first (the emulator keeps them for a few DescribeTargetHealth calls).
    expect(changed(await planJson(files))).toEqual([]);
  });

  it('removing a route deletes its target group, and its targets with it', async () => {
    const files = write({ ipRoute: false, podIps: ['10.0.144.51', '10.0.160.50'] });
    const c = changed(await planJson(files));
    expect(c.filter((rc) => rc.type === 'AWS::ElasticLoadBalancingV2::Target')).toEqual([]);
    expect(c.filter((rc) => rc.type === 'AWS::ElasticLoadBalancingV2::TargetGroup').map((rc) => rc.change.actions.join())).toEqual(['delete']);
    expect((await cli(['apply', '--auto-approve'], files)).code).toBe(0);
    const ipTgs = Object.values(acct.emu.state.elbv2.targetGroups).filter((t) => t.targetType === 'ip');
    expect(ipTgs).toHaveLength(1);
    expect(changed(await planJson(files))).toEqual([]);
  });
});
