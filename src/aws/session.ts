/**
 * One run's view of the account: the connection plus the listings discovery and observe share
 * (load balancers, target groups, their tags, the VPC's security groups), so each is read once.
 * `refresh()` forgets the listings, for the re-observe after apply.
 */
import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, DescribeSubnetsCommand, type SecurityGroup } from '@aws-sdk/client-ec2';
import type { AwsConnection } from './clients.js';
import { AwsSetupError } from './clients.js';
import { Elbv2Inventory } from './inventory.js';

export interface VpcInfo {
  readonly id: string;
  readonly ipv4Cidrs: readonly string[];
  readonly ipv6Cidrs: readonly string[];
}

export class AwsSession {
  elbv2Inventory: Elbv2Inventory;
  private sgs?: Promise<SecurityGroup[]>;
  private vpc?: Promise<VpcInfo>;

  constructor(
    readonly conn: AwsConnection,
    readonly cluster: string,
    private readonly vpcIdSetting?: string,
  ) {
    this.elbv2Inventory = new Elbv2Inventory(conn.elbv2);
    // The sandbox serves any cluster name: the first session for a name tags it in (before any read).
    conn.useSandboxCluster?.(cluster);
  }

  refresh(): void {
    this.elbv2Inventory = new Elbv2Inventory(this.conn.elbv2);
    this.sgs = undefined;
  }

  /**
   * The cluster's VPC: `vpcId` from gwlb.yaml (LBC's `--aws-vpc-id`), else the VPC tagged
   * `kubernetes.io/cluster/<cluster>` (what eksctl and the EKS console tag), else the VPC of the
   * subnets tagged so (LBC's subnet discovery looks for that tag, model_build_subnet.go).
   */
  vpcInfo(): Promise<VpcInfo> {
    this.vpc ??= (async () => {
      const ec2 = this.conn.ec2;
      const clusterKey = `kubernetes.io/cluster/${this.cluster}`;
      let vpcs = this.vpcIdSetting
        ? (await ec2.send(new DescribeVpcsCommand({ VpcIds: [this.vpcIdSetting] }))).Vpcs ?? []
        : (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag-key', Values: [clusterKey] }] }))).Vpcs ?? [];
      if (vpcs.length === 0 && !this.vpcIdSetting) {
        const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag-key', Values: [clusterKey] }] }))).Subnets ?? [];
        const ids = [...new Set(subnets.map((s) => s.VpcId).filter((v): v is string => Boolean(v)))];
        if (ids.length === 1) vpcs = (await ec2.send(new DescribeVpcsCommand({ VpcIds: ids }))).Vpcs ?? [];
      }
      if (vpcs.length !== 1) {
        throw new AwsSetupError(
          vpcs.length === 0
            ? `cannot find the VPC of cluster ${this.cluster}: no VPC or subnet is tagged ${clusterKey}; set vpcId in gwlb.yaml (LBC's --aws-vpc-id) or pass the right --cluster-name`
            : `more than one VPC is tagged ${clusterKey} (${vpcs.map((v) => v.VpcId).join(', ')}); set vpcId in gwlb.yaml to choose one`,
        );
      }
      const v = vpcs[0]!;
      const ipv4 = (v.CidrBlockAssociationSet ?? []).filter((a) => a.CidrBlockState?.State !== 'disassociated').map((a) => a.CidrBlock ?? '').filter(Boolean);
      return {
        id: v.VpcId ?? '',
        ipv4Cidrs: ipv4.length > 0 ? ipv4 : v.CidrBlock ? [v.CidrBlock] : [],
        ipv6Cidrs: (v.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock ?? '').filter(Boolean),
      };
    })();
    return this.vpc;
  }

  /** Every security group of the VPC (one paginated call): names for discovery, tags for observe. */
  securityGroups(): Promise<SecurityGroup[]> {
    this.sgs ??= (async () => {
      const vpc = await this.vpcInfo();
      const out: SecurityGroup[] = [];
      let token: string | undefined;
      do {
        const page = await this.conn.ec2.send(
          new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.id] }], MaxResults: 1000, ...(token ? { NextToken: token } : {}) }),
        );
        out.push(...(page.SecurityGroups ?? []));
        token = page.NextToken || undefined;
      } while (token);
      return out;
    })();
    return this.sgs;
  }
}

export function ec2Tags(tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}
