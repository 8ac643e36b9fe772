/**
 * The EC2 action table. EC2 is large; only what gwlb uses is emulated, and everything else is
 * answered with InvalidAction by the dispatcher.
 */
import type { Ec2Handler } from './context.js';
import { describeInstances, describeNetworkInterfaces } from './instances.js';
import { describeSubnets, describeVpcs } from './network.js';
import { authorizeSecurityGroupEgress, authorizeSecurityGroupIngress, revokeSecurityGroupEgress, revokeSecurityGroupIngress } from './permissions.js';
import { createSecurityGroup, deleteSecurityGroup, describeSecurityGroups } from './security-groups.js';
import { createTags, deleteTags } from './tags.js';

export const EC2_ACTIONS: Readonly<Record<string, Ec2Handler>> = {
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeSecurityGroups: describeSecurityGroups,
  CreateSecurityGroup: createSecurityGroup,
  DeleteSecurityGroup: deleteSecurityGroup,
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
  AuthorizeSecurityGroupEgress: authorizeSecurityGroupEgress,
  RevokeSecurityGroupEgress: revokeSecurityGroupEgress,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeInstances: describeInstances,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
};
