/**
 * A stack created the way LBC creates it plans with no changes (issue 5, "Done when"). The stacks
 * of examples/alb-http-https and examples/nlb-tcp (with fixed Gateway uids,
 * test/fixtures/lbc-created/) are set up directly in the emulator through the real SDK clients,
 * call by call as LBC v3.5.0's deployers send them — not through gwlb apply:
 * - backend SG: pkg/networking/backend_sg_provider.go (name, description, two tags, no rules);
 * - managed SG: pkg/deploy/ec2/security_group_manager.go Create (tags in the create call), then
 *   ReconcileIngress → one AuthorizeSecurityGroupIngress, one CIDR per permission, empty description;
 * - TGs: pkg/deploy/elbv2/target_group_manager.go buildSDKCreateTargetGroupInput (HealthCheckEnabled
 *   true, the full health check, no IpAddressType for ipv4, no attributes: none are configured);
 * - LB: load_balancer_manager.go buildSDKCreateLoadBalancerInput (no attributes sent at defaults);
 * - listeners: listener_manager.go Create — the default action with Order 1, the first certificate
 *   in the create call, then AddListenerCertificates for every model certificate (which includes
 *   the default one: buildSDKCertificates' "extra" list is all of them); listener attributes via
 *   listener_attributes_reconciler.go (ModifyListenerAttributes only for keys that differ);
 * - rules: listener_rule_manager.go Create — priorities from 1, actions with Order, ForwardConfig
 *   (WeightedTargetGroups gate on) without stickiness, conditions with only the *Config member;
 * - what LBC's TargetGroupBinding controller does: instance targets registered on the NodePort and
 *   node-SG ingress from the backend SG labelled `elbv2.k8s.aws/targetGroupBinding=shared`
 *   (pkg/networking/networking_manager.go) — gwlb leaves both alone when the input has no Nodes.
 * Names come from `gwlb model` (LBC's hashes of the fixed uid), checked against LBC's formula for
 * the security group and the backend SG name computed here from backend_sg_provider.go.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, type Tag as Ec2Tag } from '@aws-sdk/client-ec2';
import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenerAttributesCommand,
  ModifyListenerAttributesCommand,
  RegisterTargetsCommand,
  type Action,
  type Tag,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { certificateArn, SEED_VPC_ID } from '../../src/emulator/index.js';
import { ROOT } from '../cli/run-cli.js';
import { apply, CLUSTER, plan, runCli, sandboxAccount, type Account } from './harness.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'lbc-created');
const ALB_GW = { namespace: 'example-ns', name: 'my-alb-gateway', uid: '6c0e4a2b-8d1f-4e57-a3b9-1f2d3c4b5a69' };
const NLB_GW = { namespace: 'default', name: 'my-gateway', uid: '0d9b7e21-5c3a-4f68-b2e4-8a1c6f3d9e07' };
/** The sandbox's public subnets, one per AZ, tagged kubernetes.io/role/elb: what LBC's discovery picks for internet-facing. */
const PUBLIC_SUBNETS = ['subnet-0a5e0000000000010', 'subnet-0a5e0000000000011', 'subnet-0a5e0000000000012'];
/** The seeded ACM certificate `*.example.com` with SAN example.com: LBC's discovery for hostname example.com. */
const EXAMPLE_COM_CERT = certificateArn('0b5e0000-0000-4000-8000-000000000001');
/** The seeded worker nodes and their (EKS cluster) security group. */
const NODES = ['i-0a5e0000000000001', 'i-0a5e0000000000002', 'i-0a5e0000000000003'];
const NODE_SG = 'sg-0a5e0000000000002';

const TG_BLUE = 'example-ns/my-alb-gateway:example-ns-http-route-blue:HTTPRoute-example-ns-service-blue:8080';
const TG_ORANGE = 'example-ns/my-alb-gateway:example-ns-http-route-orange:HTTPRoute-example-ns-service-orange:8080';
const TG_TCP = 'default/my-gateway:default-my-tcp-route:TCPRoute-default-my-service:9000';

/**
 * tracking/provider.go ResourceTags: cluster, stack, the resource id, then the resource's
 * additional tags (§3.2: LBC `tags` on LB, managed SG and listeners; none on TGs and rules here).
 */
const tagger =
  (prefix: string, gw: { namespace: string; name: string }) =>
  (resourceId: string, extra: Record<string, string> = {}): Tag[] => [
    { Key: 'elbv2.k8s.aws/cluster', Value: CLUSTER },
    { Key: `${prefix}/stack`, Value: `${gw.namespace}/${gw.name}` },
    { Key: `${prefix}/resource`, Value: resourceId },
    ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value })),
  ];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const BACKEND_SG_NAME = `k8s-traffic-${CLUSTER}-${sha256(CLUSTER).slice(0, 10)}`;

/** backend_sg_provider.go allocateBackendSG: created once per cluster, found by its two tags. */
async function createBackendSg(a: Account): Promise<string> {
  const out = await a.ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: SEED_VPC_ID,
      GroupName: BACKEND_SG_NAME,
      Description: '[k8s] Shared Backend SecurityGroup for LoadBalancer',
      TagSpecifications: [
        {
          ResourceType: 'security-group',
          Tags: [
            { Key: 'elbv2.k8s.aws/cluster', Value: CLUSTER },
            { Key: 'elbv2.k8s.aws/resource', Value: 'backend-sg' },
          ],
        },
      ],
    }),
  );
  return out.GroupId!;
}

/** networking_manager.go: the TGB controller opens the node SG to the backend SG on each NodePort. */
async function openNodesToBackend(a: Account, backendSg: string, ports: readonly number[]): Promise<void> {
  await a.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: NODE_SG,
      IpPermissions: ports.map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: backendSg, Description: 'elbv2.k8s.aws/targetGroupBinding=shared' }] })),
    }),
  );
}

interface ModelStack {
  resources: Record<string, Record<string, { spec: { name?: string; groupName?: string } }>>;
}

/** What a plan JSON holds, as far as this test reads it. */
interface PlanJson {
  resource_changes: { address: string; change: { actions: string[] } }[];
  untracked: unknown[];
}

/** The fixed-response LBC builds for a listener's default action (404, text/plain). */
const NOT_FOUND: Action = { Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } };
const forward = (tgArn: string): Action => ({ Type: 'forward', Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn, Weight: 1 }] } });

async function createAlbLikeLbc(a: Account, model: ModelStack): Promise<void> {
  const tags = tagger('gateway.k8s.aws.alb', ALB_GW);
  const tgName = (id: string) => model.resources['AWS::ElasticLoadBalancingV2::TargetGroup']![id]!.spec.name!;
  const lbName = model.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']!['LoadBalancer']!.spec.name!;
  const sgName = model.resources['AWS::EC2::SecurityGroup']!['ManagedLBSecurityGroup']!.spec.groupName!;

  // 1. EC2 SecurityGroup synthesizer (after the model build allocated the backend SG).
  const backend = await createBackendSg(a);
  const managed = await a.ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: SEED_VPC_ID,
      GroupName: sgName,
      Description: '[k8s] Managed SecurityGroup for LoadBalancer',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: tags('ManagedLBSecurityGroup') }],
    }),
  );
  await a.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: managed.GroupId,
      IpPermissions: [80, 443].map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: '' }] })),
    }),
  );

  // 4. TargetGroup synthesizer.
  const tgArns: Record<string, string> = {};
  for (const [id, nodePort] of [
    [TG_BLUE, 30080],
    [TG_ORANGE, 30081],
  ] as const) {
    const out = await a.elbv2.send(
      new CreateTargetGroupCommand({
        Name: tgName(id),
        TargetType: 'instance',
        Port: nodePort,
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        HealthCheckEnabled: true,
        HealthCheckPort: 'traffic-port',
        HealthCheckProtocol: 'HTTP',
        HealthCheckPath: '/',
        Matcher: { HttpCode: '200-399' },
        HealthCheckIntervalSeconds: 15,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 3,
        UnhealthyThresholdCount: 3,
        VpcId: SEED_VPC_ID,
        Tags: tags(id),
      }),
    );
    tgArns[id] = out.TargetGroups![0]!.TargetGroupArn!;
  }

  // 5. LoadBalancer synthesizer.
  const lb = await a.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: lbName,
      Type: 'application',
      Scheme: 'internet-facing',
      IpAddressType: 'ipv4',
      SubnetMappings: PUBLIC_SUBNETS.map((SubnetId) => ({ SubnetId })),
      SecurityGroups: [managed.GroupId!, backend],
      Tags: tags('LoadBalancer'),
    }),
  );
  const lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;

  // 6. Listener synthesizer.
  const http = await a.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Port: 80, Protocol: 'HTTP', DefaultActions: [NOT_FOUND], Tags: tags('80') }));
  const https = await a.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: lbArn,
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [NOT_FOUND],
      Certificates: [{ CertificateArn: EXAMPLE_COM_CERT }],
      SslPolicy: 'ELBSecurityPolicy-2016-08',
      Tags: tags('443'),
    }),
  );
  const httpArn = http.Listeners![0]!.ListenerArn!;
  const httpsArn = https.Listeners![0]!.ListenerArn!;
  await a.elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: httpsArn, Certificates: [{ CertificateArn: EXAMPLE_COM_CERT }] }));

  // 7. ListenerRule synthesizer: LBC's precedence puts /alb-response (a longer prefix) first.
  await a.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: httpArn,
      Priority: 1,
      Actions: [{ Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'customized text' } }],
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/alb-response', '/alb-response/*'] } }],
      Tags: tags('80:1'),
    }),
  );
  await a.elbv2.send(new CreateRuleCommand({ ListenerArn: httpArn, Priority: 2, Actions: [forward(tgArns[TG_BLUE]!)], Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }], Tags: tags('80:2') }));
  await a.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: httpsArn,
      Priority: 1,
      Actions: [forward(tgArns[TG_ORANGE]!)],
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } },
      ],
      Tags: tags('443:1'),
    }),
  );

  // 8. TargetGroupBindings → LBC's TGB controller: node targets on the NodePort, node-SG ingress from the backend SG.
  for (const [id, port] of [
    [TG_BLUE, 30080],
    [TG_ORANGE, 30081],
  ] as const) {
    await a.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArns[id], Targets: NODES.map((Id) => ({ Id, Port: port })) }));
  }
  await openNodesToBackend(a, backend, [30080, 30081]);
}

async function createNlbLikeLbc(a: Account, model: ModelStack): Promise<void> {
  const tags = tagger('gateway.k8s.aws.nlb', NLB_GW);
  const lbcTags = { team: 'platform' }; // the GatewayClass LoadBalancerConfiguration's tags
  const backend = await createBackendSg(a);
  const managed = await a.ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: SEED_VPC_ID,
      GroupName: model.resources['AWS::EC2::SecurityGroup']!['ManagedLBSecurityGroup']!.spec.groupName!,
      Description: '[k8s] Managed SecurityGroup for LoadBalancer',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: tags('ManagedLBSecurityGroup', lbcTags) }],
    }),
  );
  await a.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: managed.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: '' }] }] }));
  // An L4 TG: TCP health check, no path or matcher, no protocol version.
  const tg = await a.elbv2.send(
    new CreateTargetGroupCommand({
      Name: model.resources['AWS::ElasticLoadBalancingV2::TargetGroup']![TG_TCP]!.spec.name!,
      TargetType: 'instance',
      Port: 30900,
      Protocol: 'TCP',
      HealthCheckEnabled: true,
      HealthCheckPort: 'traffic-port',
      HealthCheckProtocol: 'TCP',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 3,
      VpcId: SEED_VPC_ID,
      Tags: tags(TG_TCP),
    }),
  );
  const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
  // EnablePrefixForIpv6SourceNat is sent because the NLB model sets it ("off"); no EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic (not configured).
  const lb = await a.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: model.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']!['LoadBalancer']!.spec.name!,
      Type: 'network',
      Scheme: 'internet-facing',
      IpAddressType: 'ipv4',
      SubnetMappings: PUBLIC_SUBNETS.map((SubnetId) => ({ SubnetId })),
      SecurityGroups: [managed.GroupId!, backend],
      EnablePrefixForIpv6SourceNat: 'off',
      Tags: tags('LoadBalancer', lbcTags),
    }),
  );
  const listener = await a.elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!, Port: 8080, Protocol: 'TCP', DefaultActions: [forward(tgArn)], Tags: tags('8080', lbcTags) }),
  );
  const listenerArn = listener.Listeners![0]!.ListenerArn!;
  // listener_attributes_reconciler.go: only the keys whose value differs from AWS's are modified.
  const current = await a.elbv2.send(new DescribeListenerAttributesCommand({ ListenerArn: listenerArn }));
  const idle = current.Attributes?.find((x) => x.Key === 'tcp.idle_timeout.seconds')?.Value;
  if (idle !== '350') await a.elbv2.send(new ModifyListenerAttributesCommand({ ListenerArn: listenerArn, Attributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '350' }] }));
  await a.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: NODES.map((Id) => ({ Id, Port: 30900 })) }));
  await openNodesToBackend(a, backend, [30900]);
}

const CASES = [
  {
    example: 'alb-http-https',
    gw: ALB_GW,
    create: createAlbLikeLbc,
    resources: [
      'security_group["ManagedLBSecurityGroup"]',
      `target_group["${TG_BLUE}"]`,
      `target_group["${TG_ORANGE}"]`,
      'load_balancer["LoadBalancer"]',
      'listener["80"]',
      'listener["443"]',
      'listener_rule["80:1"]',
      'listener_rule["80:2"]',
      'listener_rule["443:1"]',
    ],
  },
  {
    example: 'nlb-tcp',
    gw: NLB_GW,
    create: createNlbLikeLbc,
    resources: ['security_group["ManagedLBSecurityGroup"]', `target_group["${TG_TCP}"]`, 'load_balancer["LoadBalancer"]', 'listener["8080"]'],
  },
];

describe('a stack LBC created', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  for (const c of CASES) {
    it(`${c.example}: plans with no changes, and apply makes no AWS write`, async () => {
      acct = await sandboxAccount();
      const a = acct;
      const fixture = join(FIXTURES, c.example);
      const modelRun = await runCli(['model', '-f', fixture, '--cluster-name', CLUSTER]);
      expect(modelRun.code).toBe(0);
      const [model] = JSON.parse(modelRun.stdout) as ModelStack[];
      // The managed SG name is LBC's hash of the fixed uid (model_build_security_group.go).
      const sgHash = sha256(`${CLUSTER}${c.gw.name}${c.gw.namespace}${c.gw.uid}`).slice(0, 10);
      expect(model!.resources['AWS::EC2::SecurityGroup']!['ManagedLBSecurityGroup']!.spec.groupName).toMatch(new RegExp(`^k8s-[a-z0-9]{1,8}-[a-z0-9]{1,8}-${sgHash}$`));
      await c.create(a, model!);

      const planned = await runCli(['plan', '--detailed-exitcode', '-o', 'json', '-f', fixture, ...a.flags]);
      expect(planned.stderr).toBe('');
      const json = JSON.parse(planned.stdout) as PlanJson;
      const notNoOp = json.resource_changes.filter((rc) => rc.change.actions.join() !== 'no-op').map((rc) => `${rc.address}: ${rc.change.actions.join('/')}`);
      expect(notNoOp).toEqual([]);
      // Every resource LBC made was found and matched, and nothing is left over.
      expect(json.resource_changes.map((rc) => rc.address.replace(/^gateway\["[^"]+"\]\./, '')).sort()).toEqual([...c.resources].sort());
      expect(json.untracked).toEqual([]);
      expect(planned.code).toBe(0);

      const writes = () => Object.entries(a.emu.controls.counters()).filter(([k]) => !/:(Describe|List|Get)/.test(k)).reduce((n, [, v]) => n + v, 0);
      const before = writes();
      const applied = await apply(a, [fixture]);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('No changes');
      expect(writes()).toBe(before);
      expect((await plan(a, [fixture])).code).toBe(0);
    });
  }
});
