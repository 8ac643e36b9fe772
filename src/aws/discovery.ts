/**
 * Discovery facts from AWS (model/discovery.ts): what LBC's model builder reads before building
 * a stack — the VPC and its CIDRs, subnets with tags (model_build_subnet.go), issued ACM
 * certificates with their names (pkg/certs/cert_discovery.go), security groups by Name tag and
 * the shared backend SG (pkg/networking/backend_sg_provider.go), target groups by name
 * (TargetGroupName backends), and the stack's existing LB for subnet stickiness.
 * The ELBv2 and SG listings are shared with observe through the session.
 */
import { DescribeCertificateCommand, ListCertificatesCommand, type CertificateSummary } from '@aws-sdk/client-acm';
import { DescribeSubnetsCommand, type Subnet } from '@aws-sdk/client-ec2';
import type { CertificateFacts, KnownDiscoveryFacts, SubnetFacts } from '../model/discovery.js';
import { mapLimit, READ_CONCURRENCY } from './inventory.js';
import { isBackendSecurityGroup, taggedInventory } from './ownership.js';
import { ec2Tags, type AwsSession } from './session.js';

function subnetFacts(s: Subnet): SubnetFacts {
  return {
    id: s.SubnetId ?? '',
    availabilityZone: s.AvailabilityZone ?? '',
    ipv4Cidr: s.CidrBlock ?? '',
    ipv6Cidrs: (s.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock ?? '').filter(Boolean),
    availableIpAddressCount: s.AvailableIpAddressCount ?? 0,
    tags: ec2Tags(s.Tags),
  };
}

async function subnets(session: AwsSession, vpcId: string): Promise<SubnetFacts[]> {
  const out: SubnetFacts[] = [];
  let token: string | undefined;
  do {
    const page = await session.conn.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }], MaxResults: 1000, ...(token ? { NextToken: token } : {}) }));
    out.push(...(page.Subnets ?? []).map(subnetFacts));
    token = page.NextToken || undefined;
  } while (token);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Issued certificates. ListCertificates already carries the subject alternative names unless a
 * certificate has more than fit in the summary; only those cost a DescribeCertificate
 * (LBC describes each one and caches it).
 */
async function certificates(session: AwsSession): Promise<CertificateFacts[]> {
  const acm = session.conn.acm;
  const summaries: CertificateSummary[] = [];
  let token: string | undefined;
  do {
    const page = await acm.send(new ListCertificatesCommand({ CertificateStatuses: ['ISSUED'], MaxItems: 1000, ...(token ? { NextToken: token } : {}) }));
    summaries.push(...(page.CertificateSummaryList ?? []));
    token = page.NextToken || undefined;
  } while (token);
  const facts = await mapLimit(summaries, READ_CONCURRENCY, async (s): Promise<CertificateFacts | undefined> => {
    if (!s.CertificateArn) return undefined;
    const sans = s.SubjectAlternativeNameSummaries;
    if (sans && sans.length > 0 && !s.HasAdditionalSubjectAlternativeNames) {
      return { arn: s.CertificateArn, domains: sans, status: s.Status ?? 'ISSUED' };
    }
    const d = (await acm.send(new DescribeCertificateCommand({ CertificateArn: s.CertificateArn }))).Certificate;
    const domains = d?.SubjectAlternativeNames ?? (d?.DomainName ? [d.DomainName] : []);
    return { arn: s.CertificateArn, domains, status: d?.Status ?? s.Status ?? 'ISSUED', ...(d?.CertificateAuthorityArn ? { certificateAuthorityArn: d.CertificateAuthorityArn } : {}) };
  });
  return facts.filter((f): f is CertificateFacts => f !== undefined).sort((a, b) => (a.arn < b.arn ? -1 : 1));
}

export async function discoverFacts(session: AwsSession): Promise<KnownDiscoveryFacts> {
  const vpc = await session.vpcInfo();
  const [subnetList, certs, groups, inventory] = await Promise.all([subnets(session, vpc.id), certificates(session), session.securityGroups(), taggedInventory(session)]);
  const securityGroups = groups.map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '', tags: ec2Tags(g.Tags) }));
  const backend = securityGroups.find((g) => isBackendSecurityGroup(g.tags, session.cluster));
  const targetGroupArnsByName: Record<string, string> = {};
  for (const tg of await session.elbv2Inventory.targetGroups()) {
    if (tg.TargetGroupName && tg.TargetGroupArn) targetGroupArnsByName[tg.TargetGroupName] = tg.TargetGroupArn;
  }
  const existingLoadBalancers = inventory.loadBalancers
    .filter((l) => l.stack && l.tags[`${l.stack.tagPrefix}/resource`] === 'LoadBalancer')
    .map((l) => ({
      stackId: l.stack!.stackId,
      scheme: (l.item.Scheme ?? 'internal') as 'internal' | 'internet-facing',
      subnetIds: (l.item.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '').filter(Boolean),
    }));
  return {
    kind: 'known',
    vpc: { id: vpc.id, ipv4Cidrs: vpc.ipv4Cidrs, ipv6Cidrs: vpc.ipv6Cidrs },
    subnets: subnetList,
    certificates: certs,
    securityGroups,
    ...(backend ? { backendSecurityGroupId: backend.id } : {}),
    targetSecurityGroups: [],
    targetGroupArnsByName,
    existingLoadBalancers,
  };
}
