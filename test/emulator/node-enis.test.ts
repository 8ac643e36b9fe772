/**
 * The sandbox's worker nodes as gwlb's node/pod SG rules read them, through the real EC2 client:
 * pod IPs are secondary addresses of the node ENIs (found with `addresses.private-ip-address`),
 * the third node's ENI carries a second, untagged group, and rules keep their description and
 * source group.
 */
import { AuthorizeSecurityGroupIngressCommand, DescribeInstancesCommand, DescribeNetworkInterfacesCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { SEED_NODE_SG, SEED_POD_IPS, SEED_REMOTE_ACCESS_SG, SEED_VPC_ID } from '../../src/emulator/index.js';
import { NODE_INSTANCES, failure, useEmulator } from './helpers.js';

describe('node ENIs, pod IPs and node security group rules', () => {
  const h = useEmulator({ seed: true });

  it('finds the ENIs that hold pod IPs, with their groups', async () => {
    const out = await h.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED_VPC_ID] }, { Name: 'addresses.private-ip-address', Values: [SEED_POD_IPS[0]![1]!, SEED_POD_IPS[2]![0]!, '10.0.99.99'] }] }),
    );
    const enis = out.NetworkInterfaces!.map((n) => [n.NetworkInterfaceId, n.Groups!.map((g) => g.GroupId), n.PrivateIpAddresses!.map((a) => a.PrivateIpAddress).includes(SEED_POD_IPS[0]![1]!) || n.PrivateIpAddresses!.map((a) => a.PrivateIpAddress).includes(SEED_POD_IPS[2]![0]!)]);
    expect(enis).toEqual([
      ['eni-0a5e0000000000001', [SEED_NODE_SG], true],
      ['eni-0a5e0000000000003', [SEED_NODE_SG, SEED_REMOTE_ACCESS_SG], true],
    ]);
  });

  it('an instance-id filter answers the instances that exist, primary ENI first', async () => {
    const out = await h.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [NODE_INSTANCES[2]!, 'i-0000000000000dead'] }] }));
    const i = out.Reservations!.flatMap((r) => r.Instances!);
    expect(i.map((x) => x.InstanceId)).toEqual([NODE_INSTANCES[2]]);
    const primary = i[0]!.NetworkInterfaces!.find((n) => n.Attachment?.DeviceIndex === 0)!;
    expect(primary.Groups!.map((g) => g.GroupId)).toEqual([SEED_NODE_SG, SEED_REMOTE_ACCESS_SG]);
  });

  it('keeps a rule description and its source group; revoking needs no description', async () => {
    const perm = { IpProtocol: 'tcp', FromPort: 30080, ToPort: 30081, UserIdGroupPairs: [{ GroupId: SEED_REMOTE_ACCESS_SG, Description: 'elbv2.k8s.aws/targetGroupBinding=shared' }] };
    await h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SEED_NODE_SG, IpPermissions: [perm] }));
    const g = (await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [SEED_NODE_SG] }))).SecurityGroups![0]!;
    expect(g.IpPermissions).toContainEqual(expect.objectContaining({ IpProtocol: 'tcp', FromPort: 30080, ToPort: 30081, UserIdGroupPairs: [expect.objectContaining({ GroupId: SEED_REMOTE_ACCESS_SG, Description: 'elbv2.k8s.aws/targetGroupBinding=shared' })] }));
    expect((await failure(h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SEED_NODE_SG, IpPermissions: [{ ...perm, UserIdGroupPairs: [{ GroupId: SEED_REMOTE_ACCESS_SG }] }] })))).name).toBe('InvalidPermission.Duplicate');
    await h.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: SEED_NODE_SG, IpPermissions: [{ ...perm, UserIdGroupPairs: [{ GroupId: SEED_REMOTE_ACCESS_SG }] }] }));
    expect((await failure(h.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: SEED_NODE_SG, IpPermissions: [perm] })))).name).toBe('InvalidPermission.NotFound');
  });
});
