import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { DEFAULT_SG, NODE_INSTANCES, NODE_SG, PRIVATE_SUBNETS, PUBLIC_SUBNETS, failure, useEmulator } from './helpers.js';

const h = useEmulator();

const group = async (name: string) => (await h.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} group`, VpcId: SEED_VPC_ID }))).GroupId!;

describe('DescribeVpcs and DescribeSubnets', () => {
  it('returns the seeded VPC with its tags', async () => {
    const vpcs = (await h.ec2.send(new DescribeVpcsCommand({ VpcIds: [SEED_VPC_ID] }))).Vpcs!;
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0]).toMatchObject({ VpcId: SEED_VPC_ID, CidrBlock: '10.0.0.0/16', State: 'available', IsDefault: false, OwnerId: '123456789012' });
    expect(vpcs[0]!.Tags).toContainEqual({ Key: 'kubernetes.io/cluster/sandbox', Value: 'shared' });
    expect(await failure(h.ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })))).toMatchObject({ name: 'InvalidVpcID.NotFound', status: 400, message: "The vpc ID 'vpc-0123456789abcdef0' does not exist" });
    expect((await failure(h.ec2.send(new DescribeVpcsCommand({ VpcIds: ['nope'] })))).name).toBe('InvalidVpcID.Malformed');
  });

  it('ANDs filters, ORs values, and supports tag:Key, tag-key and wildcards', async () => {
    const ids = async (filters: { Name: string; Values: string[] }[]) => (await h.ec2.send(new DescribeSubnetsCommand({ Filters: filters }))).Subnets!.map((s) => s.SubnetId).sort();
    expect(await ids([{ Name: 'tag:kubernetes.io/role/elb', Values: ['1'] }])).toEqual(PUBLIC_SUBNETS);
    expect(await ids([{ Name: 'tag-key', Values: ['kubernetes.io/role/internal-elb'] }])).toEqual(PRIVATE_SUBNETS);
    expect(await ids([{ Name: 'vpc-id', Values: [SEED_VPC_ID] }, { Name: 'availability-zone', Values: ['us-west-2a', 'us-west-2b'] }])).toEqual([PUBLIC_SUBNETS[0], PUBLIC_SUBNETS[1], PRIVATE_SUBNETS[0], PRIVATE_SUBNETS[1]].sort());
    expect(await ids([{ Name: 'tag:Name', Values: ['sandbox-public-*'] }])).toEqual(PUBLIC_SUBNETS);
    expect(await ids([{ Name: 'tag:Name', Values: ['Sandbox-public-*'] }])).toEqual([]);
    expect((await failure(h.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })))).name).toBe('InvalidParameterValue');
    const subnet = (await h.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [PUBLIC_SUBNETS[0]!] }))).Subnets![0]!;
    expect(subnet).toMatchObject({ VpcId: SEED_VPC_ID, AvailabilityZone: 'us-west-2a', AvailabilityZoneId: 'usw2-az1', MapPublicIpOnLaunch: true, State: 'available' });
    expect(await failure(h.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })))).toMatchObject({ name: 'InvalidSubnetID.NotFound', message: "The subnet ID 'subnet-0123456789abcdef0' does not exist" });
  });

  it('pages with MaxResults/NextToken', async () => {
    const first = await h.ec2.send(new DescribeSubnetsCommand({ MaxResults: 5 }));
    expect(first.Subnets).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const all: string[] = [];
    for await (const page of paginateDescribeSubnets({ client: h.ec2, pageSize: 5 }, {})) all.push(...page.Subnets!.map((s) => s.SubnetId!));
    expect(all.sort()).toEqual([...PUBLIC_SUBNETS, ...PRIVATE_SUBNETS].sort());
    expect((await failure(h.ec2.send(new DescribeSubnetsCommand({ MaxResults: 4 })))).name).toBe('InvalidParameterValue');
    expect((await failure(h.ec2.send(new DescribeSubnetsCommand({ NextToken: 'garbage' })))).name).toBe('InvalidNextToken');
  });
});

describe('security groups', () => {
  it('creates a group with the default egress rule and tags, and refuses duplicates case-insensitively', async () => {
    const out = await h.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web tier', VpcId: SEED_VPC_ID, TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'elbv2.k8s.aws/cluster', Value: 'sandbox' }] }] }),
    );
    expect(out.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(out.Tags).toEqual([{ Key: 'elbv2.k8s.aws/cluster', Value: 'sandbox' }]);
    const g = (await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [out.GroupId!] }))).SecurityGroups![0]!;
    expect(g).toMatchObject({ GroupName: 'web', Description: 'web tier', VpcId: SEED_VPC_ID, IpPermissions: [], IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    expect(await failure(h.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'WEB', Description: 'again', VpcId: SEED_VPC_ID })))).toMatchObject({
      name: 'InvalidGroup.Duplicate',
      message: `The security group 'WEB' already exists for VPC '${SEED_VPC_ID}'`,
    });
    expect((await failure(h.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'sg-like', Description: 'x', VpcId: SEED_VPC_ID })))).name).toBe('InvalidParameterValue');
    expect((await failure(h.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'novpc', Description: 'x', VpcId: 'vpc-0123456789abcdef0' })))).name).toBe('InvalidVpcID.NotFound');
    expect((await failure(h.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'nodesc', Description: undefined as never, VpcId: SEED_VPC_ID })))).message).toBe('The request must contain the parameter GroupDescription');
  });

  it('filters by group-name, vpc-id, tags and ingress rules', async () => {
    const a = await group('filter-a');
    await h.ec2.send(new CreateTagsCommand({ Resources: [a], Tags: [{ Key: 'role', Value: 'lb' }] }));
    await h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: a, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const ids = async (filters: { Name: string; Values: string[] }[]) => (await h.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups!.map((g) => g.GroupId);
    expect(await ids([{ Name: 'group-name', Values: ['filter-a', 'nope'] }, { Name: 'vpc-id', Values: [SEED_VPC_ID] }])).toEqual([a]);
    expect(await ids([{ Name: 'tag:role', Values: ['lb'] }])).toEqual([a]);
    expect(await ids([{ Name: 'ip-permission.from-port', Values: ['443'] }, { Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }])).toEqual([a]);
    expect(await ids([{ Name: 'tag:kubernetes.io/cluster/sandbox', Values: ['owned'] }])).toEqual([NODE_SG]);
    expect(await failure(h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })))).toMatchObject({ name: 'InvalidGroup.NotFound', message: "The security group 'sg-0123456789abcdef0' does not exist" });
    expect((await failure(h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['web'] })))).name).toBe('InvalidGroupId.Malformed');
  });

  it('authorizes and revokes ingress with the real duplicate and not-found errors', async () => {
    const g = await group('ingress');
    const out = await h.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: g,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '100.68.0.18/18', Description: 'pods' }] },
          { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: NODE_SG }] },
        ],
      }),
    );
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules!.map((r) => [r.IpProtocol, r.FromPort, r.CidrIpv4 ?? r.ReferencedGroupInfo?.GroupId, r.IsEgress])).toEqual([
      ['tcp', 443, '100.68.0.0/18', false],
      ['tcp', 8080, NODE_SG, false],
    ]);
    expect(out.SecurityGroupRules![0]!.SecurityGroupRuleId).toMatch(/^sgr-/);
    const dup = await failure(h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '100.68.0.0/18', Description: 'other' }] }] })));
    expect(dup).toMatchObject({ name: 'InvalidPermission.Duplicate', message: 'the specified rule "peer: 100.68.0.0/18, TCP, from port: 443, to port: 443, ALLOW" already exists' });
    const twice = await failure(h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.1.0.0/16' }, { CidrIp: '10.1.0.0/16' }] }] })));
    expect(twice).toMatchObject({ name: 'InvalidParameterValue', message: 'The same permission must not appear multiple times' });
    expect((await failure(h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '10.0.0.0/33' }] }] })))).name).toBe('InvalidParameterValue');
    expect((await failure(h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-0123456789abcdef0', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] })))).name).toBe('InvalidGroup.NotFound');
    const described = (await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [g] }))).SecurityGroups![0]!;
    expect(described.IpPermissions).toContainEqual({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '100.68.0.0/18', Description: 'pods' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] });
    const revoked = await h.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '100.68.0.0/18' }] }] }));
    expect(revoked.Return).toBe(true);
    expect(revoked.RevokedSecurityGroupRules).toHaveLength(1);
    const gone = await failure(h.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '100.68.0.0/18' }] }] })));
    expect(gone.name).toBe('InvalidPermission.NotFound');
    const byId = out.SecurityGroupRules![1]!.SecurityGroupRuleId!;
    await h.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: g, SecurityGroupRuleIds: [byId] }));
    expect((await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [g] }))).SecurityGroups![0]!.IpPermissions).toEqual([]);
  });

  it('authorizes and revokes egress rules the same way', async () => {
    const g = await group('egress');
    const all = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
    expect(await failure(h.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: g, IpPermissions: [all] })))).toMatchObject({
      name: 'InvalidPermission.Duplicate',
      message: 'the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists',
    });
    await h.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: g, IpPermissions: [all] }));
    const out = await h.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }));
    expect(out.SecurityGroupRules![0]).toMatchObject({ IsEgress: true, IpProtocol: 'tcp', CidrIpv4: '10.0.0.0/16' });
    expect((await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [g] }))).SecurityGroups![0]!.IpPermissionsEgress!.map((p) => p.FromPort)).toEqual([443]);
  });

  it('refuses to delete groups that are in use, default, or unknown', async () => {
    const lbGroup = await group('lb-attached');
    await h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'sg-user', Subnets: PUBLIC_SUBNETS, SecurityGroups: [lbGroup] }));
    expect(await failure(h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lbGroup })))).toMatchObject({ name: 'DependencyViolation', message: `resource ${lbGroup} has a dependent object` });
    const referenced = await group('referenced');
    const referrer = await group('referrer');
    await h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: referrer, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: referenced }] }] }));
    expect((await failure(h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referenced })))).name).toBe('DependencyViolation');
    expect((await failure(h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: NODE_SG })))).name).toBe('DependencyViolation');
    expect((await failure(h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: DEFAULT_SG })))).name).toBe('CannotDelete');
    const deleted = await h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referrer }));
    expect(deleted).toMatchObject({ Return: true, GroupId: referrer });
    expect((await failure(h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referrer })))).name).toBe('InvalidGroup.NotFound');
  });
});

describe('tags', () => {
  it('creates, overwrites and deletes tags with EC2 semantics', async () => {
    const g = await group('tagged');
    await h.ec2.send(new CreateTagsCommand({ Resources: [g, PUBLIC_SUBNETS[0]!], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c' }] }));
    await h.ec2.send(new CreateTagsCommand({ Resources: [g], Tags: [{ Key: 'a', Value: 'one' }] }));
    const tags = async () => (await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [g] }))).SecurityGroups![0]!.Tags;
    expect(await tags()).toEqual([{ Key: 'a', Value: 'one' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }]);
    await h.ec2.send(new DeleteTagsCommand({ Resources: [g], Tags: [{ Key: 'a', Value: 'wrong' }, { Key: 'b' }, { Key: 'c', Value: '' }] }));
    expect(await tags()).toEqual([{ Key: 'a', Value: 'one' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(await failure(h.ec2.send(new CreateTagsCommand({ Resources: [g], Tags: many })))).toMatchObject({ name: 'TagLimitExceeded', message: 'The maximum number of Tags for a resource has been reached.' });
    expect((await failure(h.ec2.send(new CreateTagsCommand({ Resources: ['bogus-123'], Tags: [{ Key: 'a', Value: 'b' }] })))).name).toBe('InvalidID');
    expect((await failure(h.ec2.send(new CreateTagsCommand({ Resources: ['sg-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).name).toBe('InvalidGroup.NotFound');
    expect((await failure(h.ec2.send(new CreateTagsCommand({ Resources: [g], Tags: [{ Key: 'aws:x', Value: 'b' }] })))).name).toBe('InvalidParameterValue');
  });
});

describe('instances and network interfaces', () => {
  it('finds node security groups through instances and their ENIs', async () => {
    const out = await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: NODE_INSTANCES }));
    const instances = out.Reservations!.flatMap((r) => r.Instances!);
    expect(instances.map((i) => [i.InstanceId, i.State!.Name, i.SecurityGroups![0]!.GroupId])).toEqual(NODE_INSTANCES.map((id) => [id, 'running', NODE_SG]));
    const eniId = instances[0]!.NetworkInterfaces![0]!.NetworkInterfaceId!;
    const enis = await h.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [NODE_INSTANCES[0]!] }] }));
    expect(enis.NetworkInterfaces!.map((n) => [n.NetworkInterfaceId, n.Groups![0]!.GroupId, n.Attachment!.DeviceIndex])).toEqual([[eniId, NODE_SG, 0]]);
    expect((await failure(h.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).name).toBe('InvalidInstanceID.NotFound');
    expect((await failure(h.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0123456789abcdef0'] })))).name).toBe('InvalidNetworkInterfaceID.NotFound');
  });

  it('answers DryRun with DryRunOperation', async () => {
    expect(await failure(h.ec2.send(new DescribeVpcsCommand({ DryRun: true })))).toMatchObject({ name: 'DryRunOperation', status: 412 });
  });
});
