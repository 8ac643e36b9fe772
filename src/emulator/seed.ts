/**
 * The sandbox account: one VPC with public and private subnets in three AZs, tagged for LBC
 * subnet discovery (`kubernetes.io/role/elb`, `kubernetes.io/role/internal-elb`), worker nodes
 * with a node security group, issued ACM certificates for the example hostnames (one a
 * wildcard), three REGIONAL WAFv2 web ACLs, and an active Shield Advanced subscription (so
 * `wafV2.webACL` and `shieldConfiguration` can be tried). Each node's ENI holds pod IPs as
 * secondary addresses (SEED_POD_IPS), and the third node's ENI carries a second, untagged
 * security group (remote access), so picking the ENI's cluster-tagged group is exercised. Ids are
 * fixed so plans against a fresh sandbox are reproducible.
 */
import { ACCOUNT_ID, REGION } from './ids.js';
import type { CertificateRecord } from './acm/records.js';
import type { WebAclRecord } from './wafv2/records.js';
import type { Ec2Tag, InstanceRecord, NetworkInterfaceRecord, SecurityGroupRecord, SubnetRecord } from './ec2/records.js';
import { emptyState, type EmulatorState } from './state.js';
import { addPodNetworkInterface, SEED_POD_IPS as SEED_POD_ENI_IPS } from './ec2/pod-enis.js';

/** Builds a freshly seeded state; the control path uses it to reset the sandbox. */
export type Seeder = () => EmulatorState;

/** The cluster the sandbox is tagged for (matches the CLI's sandbox default). */
export const SEED_CLUSTER = 'sandbox';
export const SEED_VPC_ID = 'vpc-0a5e0000000000001';
const CLUSTER_TAG: Ec2Tag = { Key: `kubernetes.io/cluster/${SEED_CLUSTER}`, Value: 'shared' };
const ZONES = [
  { name: `${REGION}a`, id: 'usw2-az1' },
  { name: `${REGION}b`, id: 'usw2-az2' },
  { name: `${REGION}c`, id: 'usw2-az3' },
];
const SEEDED_AT = '2025-01-01T00:00:00.000Z';

export const SEED_CERTIFICATES: readonly { readonly domain: string; readonly sans?: readonly string[]; readonly id: string; readonly key?: CertificateRecord['keyAlgorithm']; readonly status?: CertificateRecord['status'] }[] = [
  { domain: '*.example.com', sans: ['example.com'], id: '0b5e0000-0000-4000-8000-000000000001' },
  { domain: 'echo.example.com', id: '0b5e0000-0000-4000-8000-000000000002' },
  { domain: 'api.example.com', id: '0b5e0000-0000-4000-8000-000000000003' },
  { domain: 'shop.example.org', sans: ['www.shop.example.org'], id: '0b5e0000-0000-4000-8000-000000000004' },
  // Hidden from ListCertificates unless keyTypes asks for ECDSA (aws-api-facts.md §0.9).
  { domain: 'ecdsa.example.net', id: '0b5e0000-0000-4000-8000-000000000005', key: 'EC_prime256v1' },
  // Not usable on listeners: still waiting for DNS validation.
  { domain: 'pending.example.net', id: '0b5e0000-0000-4000-8000-000000000006', status: 'PENDING_VALIDATION' },
];

export const SEED_WEB_ACLS: readonly { readonly name: string; readonly id: string; readonly defaultAction: WebAclRecord['defaultAction'] }[] = [
  { name: 'gwlb-allow-all', id: '0a5e0000-0000-4000-8000-00000000a001', defaultAction: 'Allow' },
  { name: 'gwlb-block-all', id: '0a5e0000-0000-4000-8000-00000000a002', defaultAction: 'Block' },
  { name: 'gwlb-common-rules', id: '0a5e0000-0000-4000-8000-00000000a003', defaultAction: 'Allow' },
];

export function webAclArn(name: string, id: string): string {
  return `arn:aws:wafv2:${REGION}:${ACCOUNT_ID}:regional/webacl/${name}/${id}`;
}

/** The seeded web ACLs, as records. */
export function seededWebAcls(): WebAclRecord[] {
  return SEED_WEB_ACLS.map((a) => ({ arn: webAclArn(a.name, a.id), id: a.id, name: a.name, description: `gwlb sandbox web ACL (${a.defaultAction.toLowerCase()} by default)`, lockToken: a.id.slice(-12), defaultAction: a.defaultAction, capacity: 0 }));
}

export function certificateArn(id: string): string {
  return `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/${id}`;
}

function subnet(index: number, tier: 'public' | 'private'): SubnetRecord {
  const zone = ZONES[index]!;
  const offset = tier === 'public' ? index : index + 8;
  return {
    subnetId: `subnet-0a5e00000000000${tier === 'public' ? 1 : 2}${index}`,
    vpcId: SEED_VPC_ID,
    cidrBlock: `10.0.${offset * 16}.0/20`,
    availabilityZone: zone.name,
    availabilityZoneId: zone.id,
    mapPublicIpOnLaunch: tier === 'public',
    defaultForAz: false,
    availableIpAddressCount: 4091,
    tags: [
      { Key: 'Name', Value: `${SEED_CLUSTER}-${tier}-${zone.name}` },
      { Key: tier === 'public' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb', Value: '1' },
      CLUSTER_TAG,
    ],
  };
}

/** Pod IPs on each seeded node's ENI (the VPC CNI's secondary addresses), node by node. */
export const SEED_POD_IPS: readonly (readonly string[])[] = ZONES.map((_, i) => [0, 1, 2, 3].map((k) => `10.0.${(i + 8) * 16}.${100 + k}`));
/** The seeded node security group (EKS's cluster SG, tagged kubernetes.io/cluster/sandbox=owned). */
export const SEED_NODE_SG = 'sg-0a5e0000000000002';
/** A second group on the third node's ENI, without the cluster tag. */
export const SEED_REMOTE_ACCESS_SG = 'sg-0a5e0000000000003';

function group(groupId: string, groupName: string, description: string, tags: Ec2Tag[]): SecurityGroupRecord {
  return { groupId, groupName, description, vpcId: SEED_VPC_ID, ingress: [], egress: [{ ruleId: `sgr-0${groupId.slice(4)}`, ipProtocol: '-1', peer: { kind: 'ipv4', cidr: '0.0.0.0/0' } }], tags };
}

export function seededState(): EmulatorState {
  const state = emptyState();
  state.ec2.vpcs[SEED_VPC_ID] = { vpcId: SEED_VPC_ID, cidrBlock: '10.0.0.0/16', isDefault: false, dhcpOptionsId: 'dopt-0a5e0000000000001', tags: [{ Key: 'Name', Value: `${SEED_CLUSTER}-vpc` }, CLUSTER_TAG] };
  for (const tier of ['public', 'private'] as const) {
    for (let i = 0; i < ZONES.length; i++) {
      const s = subnet(i, tier);
      state.ec2.subnets[s.subnetId] = s;
    }
  }
  const defaultGroup = group('sg-0a5e0000000000001', 'default', 'default VPC security group', []);
  defaultGroup.ingress.push({ ruleId: 'sgr-0a5e0000000000011', ipProtocol: '-1', peer: { kind: 'group', groupId: defaultGroup.groupId, userId: ACCOUNT_ID } });
  const nodeGroup = group('sg-0a5e0000000000002', `eks-cluster-sg-${SEED_CLUSTER}`, 'EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.', [
    { Key: `kubernetes.io/cluster/${SEED_CLUSTER}`, Value: 'owned' },
    { Key: 'Name', Value: `eks-cluster-sg-${SEED_CLUSTER}` },
  ]);
  state.ec2.securityGroups[defaultGroup.groupId] = defaultGroup;
  state.ec2.securityGroups[nodeGroup.groupId] = nodeGroup;
  const remoteAccess = group(SEED_REMOTE_ACCESS_SG, `eks-remoteAccess-${SEED_CLUSTER}-nodes`, 'Security group for all nodes in the nodeGroup to allow SSH access', [{ Key: 'Name', Value: `eks-remoteAccess-${SEED_CLUSTER}-nodes` }]);
  remoteAccess.ingress.push({ ruleId: 'sgr-0a5e0000000000031', ipProtocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'ipv4', cidr: '0.0.0.0/0' } });
  state.ec2.securityGroups[remoteAccess.groupId] = remoteAccess;
  ZONES.forEach((zone, i) => {
    const s = subnet(i, 'private');
    const ip = `10.0.${(i + 8) * 16}.${10 + i}`;
    const dns = `ip-${ip.replace(/\./g, '-')}.${REGION}.compute.internal`;
    const instanceId = `i-0a5e000000000000${i + 1}`;
    const eni: NetworkInterfaceRecord = {
      networkInterfaceId: `eni-0a5e000000000000${i + 1}`,
      subnetId: s.subnetId,
      vpcId: SEED_VPC_ID,
      availabilityZone: zone.name,
      description: '',
      groupIds: i === 2 ? [nodeGroup.groupId, remoteAccess.groupId] : [nodeGroup.groupId],
      interfaceType: 'interface',
      privateIpAddress: ip,
      secondaryPrivateIpAddresses: [...SEED_POD_IPS[i]!],
      privateDnsName: dns,
      macAddress: `02:5e:00:00:00:0${i + 1}`,
      status: 'in-use',
      requesterManaged: false,
      attachment: { attachmentId: `eni-attach-0a5e00000000000${i + 1}`, instanceId, deviceIndex: 0, status: 'attached', attachTime: SEEDED_AT },
      tags: [],
    };
    const instance: InstanceRecord = {
      instanceId,
      imageId: 'ami-0a5e0000000000001',
      instanceType: 'm5.large',
      state: 'running',
      subnetId: s.subnetId,
      vpcId: SEED_VPC_ID,
      availabilityZone: zone.name,
      privateIpAddress: ip,
      privateDnsName: dns,
      launchTime: SEEDED_AT,
      reservationId: `r-0a5e000000000000${i + 1}`,
      networkInterfaceIds: [eni.networkInterfaceId],
      tags: [
        { Key: 'Name', Value: `${SEED_CLUSTER}-node-${zone.name}` },
        { Key: `kubernetes.io/cluster/${SEED_CLUSTER}`, Value: 'owned' },
      ],
    };
    state.ec2.networkInterfaces[eni.networkInterfaceId] = eni;
    state.ec2.instances[instanceId] = instance;
  });
  // Pod IPs behind the nodes (VPC CNI): ip targets at these addresses can pass health checks.
  for (const ip of SEED_POD_ENI_IPS) addPodNetworkInterface(state, ip);
  for (const c of SEED_CERTIFICATES) {
    const arn = certificateArn(c.id);
    const issued = (c.status ?? 'ISSUED') === 'ISSUED';
    state.acm.certificates[arn] = {
      arn,
      domainName: c.domain,
      subjectAlternativeNames: [c.domain, ...(c.sans ?? [])],
      status: c.status ?? 'ISSUED',
      type: 'AMAZON_ISSUED',
      keyAlgorithm: c.key ?? 'RSA_2048',
      origin: 'AWS_MANAGED',
      createdAt: SEEDED_AT,
      ...(issued ? { issuedAt: SEEDED_AT, notBefore: SEEDED_AT, notAfter: '2035-01-01T00:00:00.000Z', serial: `0b:5e:${c.id.slice(-2)}` } : {}),
    };
  }
  for (const acl of seededWebAcls()) state.wafv2.webACLs[acl.arn] = acl;
  state.shield.subscription = 'ACTIVE';
  return state;
}
