/**
 * Port of LBC v3.5.0 pkg/gateway/model/model_build_target_group_binding_network_test.go. Each Go
 * case's target group spec is produced by manifests: the protocol by the listener and route kind,
 * the target type, health-check port and attributes by a TargetGroupConfiguration, IPv6 by the
 * Service's ipFamilies (on a dualstack LB); the security-group output by the LB's configuration
 * (backend SG `foo` discovered; `disableSecurityGroup` on an NLB for the zero-SG cases). The Go
 * case's `targetPort` is the Service's port (nodePort and targetPort both 80). The case asserts the
 * TargetGroupBinding's `networking` block.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkingIngressRule } from '../../src/model/index.js';
import { ALB_CLASS, knownFacts, lbcCase, skipCase, subnet, type LbcCaseOptions } from './harness.js';

const F = 'model_build_target_group_binding_network_test.go';

type Proto = 'HTTP' | 'TCP' | 'UDP';

interface Case {
  readonly protocol: Proto;
  readonly targetType?: 'instance' | 'ip';
  /** TGC healthCheckPort; default traffic-port. */
  readonly hcPort?: string;
  readonly preserveClientIp?: string;
  readonly ipv6?: boolean;
  readonly scheme?: 'internal' | 'internet-facing';
  readonly sourceRanges?: readonly string[];
  /** NLB without security groups (the nlbZeroSg cases). */
  readonly noSg?: boolean;
}

function manifests(c: Case): string {
  const cls = c.protocol === 'HTTP' ? 'alb' : 'nlb';
  const routeKind = c.protocol === 'HTTP' ? 'HTTPRoute' : c.protocol === 'TCP' ? 'TCPRoute' : 'UDPRoute';
  const routeVersion = c.protocol === 'HTTP' ? 'v1' : 'v1alpha2';
  const lbSpec = [
    `scheme: ${c.scheme ?? 'internal'}`,
    ...(c.noSg ? ['disableSecurityGroup: true'] : []),
    ...(c.ipv6 ? ['ipAddressType: dualstack'] : []),
    ...(c.sourceRanges ? [`sourceRanges: ${JSON.stringify(c.sourceRanges)}`] : []),
  ].join(', ');
  const props = [
    `targetType: ${c.targetType ?? 'instance'}`,
    ...(c.hcPort !== undefined ? [`healthCheckConfig: {healthCheckPort: "${c.hcPort}"}`] : []),
    ...(c.preserveClientIp !== undefined ? [`targetGroupAttributes: [{key: preserve_client_ip.enabled, value: "${c.preserveClientIp}"}]`] : []),
  ].join(', ');
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: ${cls}
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}
  listeners: [{name: l, port: 80, protocol: ${c.protocol}}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: ns}
spec: {${lbSpec}}
---
apiVersion: gateway.networking.k8s.io/${routeVersion}
kind: ${routeKind}
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ns}
spec:
  type: NodePort
  ports: [{port: 80, targetPort: 80, nodePort: 80, protocol: ${c.protocol === 'UDP' ? 'UDP' : 'TCP'}}]${c.ipv6 ? '\n  ipFamilies: [IPv6]' : ''}
---
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: tgc, namespace: ns}
spec:
  targetReference: {name: svc}
  defaultConfiguration: {${props}}
`;
}

/** Go's `vpcInfo` and `lbSubnets`: VPC 192.168.0.0/16 + 2600:1f14:f8c:2700::/56, one LB subnet. */
const ZERO_SG_FACTS = knownFacts({
  vpc: { id: 'vpc-123', ipv4Cidrs: ['192.168.0.0/16'], ipv6Cidrs: ['2600:1f14:f8c:2700::/56'] },
  subnets: [subnet('subnet-a', 'us-east-1a', '192.168.1.0/24', { ipv6Cidrs: ['2600:1f13:837:8500::/64', '2600:1f13:837:8504::/64'] })],
});

function networking(c: Case, options: LbcCaseOptions = {}): readonly NetworkingIngressRule[] | undefined {
  const r = lbcCase(manifests(c), { facts: c.noSg ? ZERO_SG_FACTS : knownFacts({ backendSecurityGroupId: 'foo' }), ...options });
  expect(r.errors).toEqual([]);
  const tgbs = Object.values(r.stackJson('ns/gw').resources['K8S::ElasticLoadBalancingV2::TargetGroupBinding'] ?? {});
  expect(tgbs).toHaveLength(1);
  const spec = tgbs[0]!.spec as { template: { spec: { networking?: { ingress?: readonly NetworkingIngressRule[] } } } };
  return spec.template.spec.networking?.ingress;
}

const fromFoo = [{ securityGroup: { groupID: 'foo' } }];
const sgRule = (protocol: 'TCP' | 'UDP', port?: number): NetworkingIngressRule => ({ from: fromFoo, ports: [port === undefined ? { protocol } : { protocol, port }] });
const cidrs = (...cs: string[]) => cs.map((cidr) => ({ ipBlock: { cidr } }));
const rule = (from: string[], protocol: 'TCP' | 'UDP', port: number): NetworkingIngressRule => ({ from: cidrs(...from), ports: [{ protocol, port }] });

describe(`${F} Test_buildTargetGroupBindingNetworking_standardBuilder`, () => {
  const T = `${F} Test_buildTargetGroupBindingNetworking_standardBuilder`;
  const restricted = { settings: { disableRestrictedSecurityGroupRules: true } };

  it(`${T}/disable restricted sg rules`, () => {
    expect(networking({ protocol: 'TCP', hcPort: '80' }, restricted)).toEqual([{ from: fromFoo, ports: [{ protocol: 'TCP' }] }]);
  });
  it(`${T}/disable restricted sg rules - with udp`, () => {
    expect(networking({ protocol: 'UDP', hcPort: '80' }, restricted)).toEqual([{ from: fromFoo, ports: [{ protocol: 'TCP' }, { protocol: 'UDP' }] }]);
  });

  it.each<[string, Case, NetworkingIngressRule[]]>([
    ['use restricted sg rules - int hc port', { protocol: 'TCP', hcPort: '80' }, [sgRule('TCP', 80)]],
    ['use restricted sg rules - int hc port - udp traffic', { protocol: 'UDP', hcPort: '80' }, [sgRule('UDP', 80), sgRule('TCP', 80)]],
    ['use restricted sg rules - str hc port', { protocol: 'HTTP' }, [sgRule('TCP', 80)]],
    ['use restricted sg rules - str hc port - udp', { protocol: 'UDP' }, [sgRule('UDP', 80), sgRule('TCP', 80)]],
    ['use restricted sg rules - diff hc port', { protocol: 'HTTP', hcPort: '85' }, [sgRule('TCP', 80), sgRule('TCP', 85)]],
    ['use restricted sg rules - str hc port - udp (hc port 85)', { protocol: 'UDP', hcPort: '85' }, [sgRule('UDP', 80), sgRule('TCP', 85)]],
  ])(`${T}/%s`, (_name, c, expected) => {
    expect(networking(c)).toEqual(expected);
  });

  skipCase(
    `${T}/use restricted sg rules - with target control port`,
    "LBC v3.5.0's Gateway TG builder never sets TargetGroupSpec.TargetControlPort (model_build_target_group.go 298–307: only the name and resource id use it), so no manifest reaches this rule",
  );

  it('gwlb: no backend SG (explicit SGs without manageBackendSecurityGroupRules) → no networking block (standardBuilder returns nil)', () => {
    const r = lbcCase(manifests({ protocol: 'TCP' }).replace('scheme: internal', 'scheme: internal, securityGroups: [sg-0001]'), { facts: knownFacts({ backendSecurityGroupId: 'foo' }) });
    expect(r.errors).toEqual([]);
    const tgb = Object.values(r.stackJson('ns/gw').resources['K8S::ElasticLoadBalancingV2::TargetGroupBinding'] ?? {})[0]!;
    expect((tgb.spec as { template: { spec: Record<string, unknown> } }).template.spec['networking']).toBeUndefined();
  });
});

describe(`${F} Test_Test_buildTargetGroupBindingNetworking_nlbZeroSg`, () => {
  const T = `${F} Test_Test_buildTargetGroupBindingNetworking_nlbZeroSg`;
  const VPC4 = '192.168.0.0/16';
  const VPC6 = '2600:1f14:f8c:2700::/56';
  const SUB4 = '192.168.1.0/24';
  const SUB6 = ['2600:1f13:837:8500::/64', '2600:1f13:837:8504::/64'];
  const internal = 'internal' as const;
  const facing = 'internet-facing' as const;

  it.each<[string, Case, NetworkingIngressRule[]]>([
    ['tcp : instance : ipv4 : internal : hc port = traffic port : no source ranges', { protocol: 'TCP', scheme: internal, hcPort: '80' }, [rule([VPC4], 'TCP', 80)]],
    ['tcp : instance : ipv4 : internet-facing : hc port = traffic port : no source ranges', { protocol: 'TCP', scheme: facing, hcPort: '80' }, [rule(['0.0.0.0/0'], 'TCP', 80)]],
    ['tcp : instance : ipv4 : internal : hc port != traffic port : no source ranges', { protocol: 'TCP', scheme: internal, hcPort: '85' }, [rule([VPC4], 'TCP', 80), rule([SUB4], 'TCP', 85)]],
    ['tcp : instance : ipv4 : internet-facing : hc port != traffic port : no source ranges', { protocol: 'TCP', scheme: facing, hcPort: '85' }, [rule(['0.0.0.0/0'], 'TCP', 80), rule([SUB4], 'TCP', 85)]],
    ['udp : instance : ipv4 : internal : hc port = traffic port : no source ranges', { protocol: 'UDP', scheme: internal, hcPort: '80' }, [rule([VPC4], 'UDP', 80), rule([SUB4], 'TCP', 80)]],
    ['udp : instance : ipv4 : internet-facing : hc port = traffic port : no source ranges', { protocol: 'UDP', scheme: facing, hcPort: '80' }, [rule(['0.0.0.0/0'], 'UDP', 80), rule([SUB4], 'TCP', 80)]],
    ['udp : instance : ipv4 : internal : hc port != traffic port : no source ranges', { protocol: 'UDP', scheme: internal, hcPort: '85' }, [rule([VPC4], 'UDP', 80), rule([SUB4], 'TCP', 85)]],
    ['udp : instance : ipv4 : internet-facing : hc port != traffic port : no source ranges', { protocol: 'UDP', scheme: facing, hcPort: '85' }, [rule(['0.0.0.0/0'], 'UDP', 80), rule([SUB4], 'TCP', 85)]],
    ['tcp : ip : ipv4 : internal : hc port = traffic port : no source ranges', { protocol: 'TCP', targetType: 'ip', scheme: internal, hcPort: '80' }, [rule([SUB4], 'TCP', 80)]],
    ['udp : ip : ipv4 : internal : hc port = traffic port : no source ranges', { protocol: 'UDP', targetType: 'ip', scheme: internal, hcPort: '80' }, [rule([VPC4], 'UDP', 80), rule([SUB4], 'TCP', 80)]],
    [
      'tcp : ip : ipv6 : internal : hc port = traffic port : no source ranges : with preserve ip',
      { protocol: 'TCP', targetType: 'ip', ipv6: true, scheme: internal, hcPort: '80', preserveClientIp: 'true' },
      [rule([VPC6], 'TCP', 80)],
    ],
    ['tcp : instance : ipv6 : internal : hc port = traffic port : no source ranges', { protocol: 'TCP', ipv6: true, scheme: internal, hcPort: '80' }, [rule([VPC6], 'TCP', 80)]],
    ['tcp : instance : ipv6 : internet-facing : hc port = traffic port : no source ranges', { protocol: 'TCP', ipv6: true, scheme: facing, hcPort: '80' }, [rule(['::/0'], 'TCP', 80)]],
    ['tcp : instance : ipv6 : internal : hc port != traffic port : no source ranges', { protocol: 'TCP', ipv6: true, scheme: internal, hcPort: '85' }, [rule([VPC6], 'TCP', 80), rule(SUB6, 'TCP', 85)]],
    ['tcp : instance : ipv6 : internet-facing : hc port != traffic port : no source ranges', { protocol: 'TCP', ipv6: true, scheme: facing, hcPort: '85' }, [rule(['::/0'], 'TCP', 80), rule(SUB6, 'TCP', 85)]],
    ['udp : instance : ipv6 : internal : hc port = traffic port : no source ranges', { protocol: 'UDP', ipv6: true, scheme: internal, hcPort: '80' }, [rule([VPC6], 'UDP', 80), rule(SUB6, 'TCP', 80)]],
    ['udp : instance : ipv6 : internet-facing : hc port = traffic port : no source ranges', { protocol: 'UDP', ipv6: true, scheme: facing, hcPort: '80' }, [rule(['::/0'], 'UDP', 80), rule(SUB6, 'TCP', 80)]],
    ['udp : instance : ipv6 : internal : hc port != traffic port : no source ranges', { protocol: 'UDP', ipv6: true, scheme: internal, hcPort: '85' }, [rule([VPC6], 'UDP', 80), rule(SUB6, 'TCP', 85)]],
    [
      'tcp : ip : ipv4 : internal : hc port = traffic port : no source ranges : with preserve ip',
      { protocol: 'TCP', targetType: 'ip', scheme: internal, hcPort: '80', preserveClientIp: 'true' },
      [rule([VPC4], 'TCP', 80)],
    ],
  ])(`${T}/%s`, (_name, c, expected) => {
    expect(networking({ ...c, noSg: true })).toEqual(expected);
  });

  // The Go table repeats three names with the same inputs (udp internet-facing hc != traffic,
  // tcp/udp ip internal): they are the cases above.

  // gwlb-only checks of the same function: source ranges, and preserve_client_ip as strconv.ParseBool.
  it.each<[string, Case, NetworkingIngressRule[]]>([
    ['source ranges replace the default range; hc port = traffic port and no open range → a subnet rule', { protocol: 'TCP', hcPort: '80', sourceRanges: ['10.1.0.0/16'] }, [rule(['10.1.0.0/16'], 'TCP', 80), rule([SUB4], 'TCP', 80)]],
    ['preserve_client_ip.enabled "1" parses as true', { protocol: 'TCP', targetType: 'ip', hcPort: '80', preserveClientIp: '1' }, [rule([VPC4], 'TCP', 80)]],
    ['preserve_client_ip.enabled malformed is false', { protocol: 'TCP', hcPort: '80', preserveClientIp: 'yes' }, [rule([SUB4], 'TCP', 80)]],
  ])('gwlb: nlbNoSecurityGroups — %s', (_name, c, expected) => {
    expect(networking({ ...c, noSg: true })).toEqual(expected);
  });
});
