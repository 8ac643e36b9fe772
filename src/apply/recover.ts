/**
 * Lost responses recovered in the same apply. When AWS runs a create but its answer is lost (a
 * network error or a 5xx), the SDK retries the call (clients.ts: standard mode, 10 attempts), and
 * the retry meets what the first attempt made: InvalidGroup.Duplicate, PriorityInUse,
 * DuplicateListener, DuplicateLoadBalancerName, DuplicateTargetGroupName. LBC fails the
 * reconcile there and relies on the next one (its managers return the Create error as is,
 * pkg/deploy/elbv2/listener_rule_manager.go, pkg/deploy/ec2/security_group_manager.go…); gwlb
 * re-reads the resource instead and adopts it when it is provably ours, so the follow-up calls
 * run in this apply:
 * - SG, LB, TG: found by name in our VPC, carrying the tracking tags we sent
 *   (`elbv2.k8s.aws/cluster`, `<prefix>/stack`, `<prefix>/resource`);
 * - listener: the one on that port of our LB (LBC owns every listener of its LB), with our
 *   tracking tags when we sent tags;
 * - rule: the one at that priority of our listener, whose conditions, actions and transforms are
 *   what we sent (compared as the plan compares them), with our tracking tags when we sent tags.
 * Anything else rethrows the original error: a look-alike that is not ours fails as before.
 * Each function answers in its create call's output shape, so create.ts reads one result.
 * (CreateLoadBalancer/TargetGroup/Listener with identical settings already return the existing
 * resource, aws-api-facts.md §0.7; these paths are for when AWS still answers Duplicate*.)
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  type CreateSecurityGroupCommandInput,
  type CreateSecurityGroupCommandOutput,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  type CreateListenerCommandInput,
  type CreateLoadBalancerCommandInput,
  type CreateRuleCommandInput,
  type CreateTargetGroupCommandInput,
  type Listener,
  type LoadBalancer,
  type Rule,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import { hasCode, isNotFound } from '../aws/errors.js';
import { ec2Tags } from '../aws/session.js';
import { CLUSTER_TAG } from '../model/tags.js';
import type { IPPermission, ListenerRuleSpec } from '../model/stack.js';
import { rulesOf } from '../observe/reads.js';
import { ruleSpec } from '../observe/rules.js';
import { securityGroupSpec } from '../observe/specs.js';
import { canonical } from '../plan/values.js';
import { overlay, viewOf } from '../plan/views.js';
import { permissionKey, permissionToSdk, singleSourcePermissions } from './sdk-shapes.js';

type SentTags = readonly { readonly Key?: string; readonly Value?: string }[] | undefined;

/** The tracking tags among the tags a create sent; undefined without the cluster tag. */
function trackingOf(sent: SentTags): Record<string, string> | undefined {
  const pairs = (sent ?? []).filter((t) => t.Key === CLUSTER_TAG || /\/(stack|resource)$/.test(t.Key ?? ''));
  return pairs.some((t) => t.Key === CLUSTER_TAG) ? Object.fromEntries(pairs.map((t) => [t.Key!, t.Value ?? ''])) : undefined;
}

/**
 * Whether the resource carries the tracking tags we sent (read lazily). `required`: sending no
 * tracking tags proves nothing (SG, LB, TG); otherwise (listeners, rules untagged with
 * ListenerRulesTagging off) ownership comes from the LB or listener they were found on.
 */
async function carries(read: () => Promise<Readonly<Record<string, string>>>, sent: SentTags, required: boolean): Promise<boolean> {
  const want = trackingOf(sent);
  if (!want) return !required && (sent ?? []).length === 0;
  const found = await read();
  return Object.entries(want).every(([k, v]) => found[k] === v);
}

async function elbTagsOf(conn: AwsConnection, arn: string): Promise<Record<string, string>> {
  const out = await conn.elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
  return Object.fromEntries((out.TagDescriptions?.[0]?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** A describe by name that answers NotFound finds nothing. */
async function orNothing<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function adoptSecurityGroup(conn: AwsConnection, err: unknown, input: CreateSecurityGroupCommandInput): Promise<Pick<CreateSecurityGroupCommandOutput, 'GroupId'>> {
  if (!hasCode(err, 'InvalidGroup.Duplicate')) throw err;
  const filters = [{ Name: 'vpc-id', Values: [input.VpcId ?? ''] }, { Name: 'group-name', Values: [input.GroupName ?? ''] }];
  const out = await conn.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }));
  const g = out.SecurityGroups?.find((s) => s.GroupName?.toLowerCase() === input.GroupName?.toLowerCase());
  if (!g?.GroupId || !(await carries(async () => ec2Tags(g.Tags), input.TagSpecifications?.[0]?.Tags, true))) throw err;
  return { GroupId: g.GroupId };
}

export async function adoptTargetGroup(conn: AwsConnection, err: unknown, input: CreateTargetGroupCommandInput): Promise<{ TargetGroups: TargetGroup[] }> {
  if (!hasCode(err, 'DuplicateTargetGroupName')) throw err;
  const tg = await orNothing(async () => (await conn.elbv2.send(new DescribeTargetGroupsCommand({ Names: [input.Name ?? ''] }))).TargetGroups?.[0]);
  if (!tg?.TargetGroupArn || tg.VpcId !== input.VpcId || !(await carries(() => elbTagsOf(conn, tg.TargetGroupArn!), input.Tags, true))) throw err;
  return { TargetGroups: [tg] };
}

export async function adoptLoadBalancer(conn: AwsConnection, err: unknown, input: CreateLoadBalancerCommandInput, vpcId: string): Promise<{ LoadBalancers: LoadBalancer[] }> {
  if (!hasCode(err, 'DuplicateLoadBalancerName')) throw err;
  const lb = await orNothing(async () => (await conn.elbv2.send(new DescribeLoadBalancersCommand({ Names: [input.Name ?? ''] }))).LoadBalancers?.[0]);
  if (!lb?.LoadBalancerArn || lb.VpcId !== vpcId || !(await carries(() => elbTagsOf(conn, lb.LoadBalancerArn!), input.Tags, true))) throw err;
  return { LoadBalancers: [lb] };
}

export async function adoptListener(conn: AwsConnection, err: unknown, input: CreateListenerCommandInput): Promise<{ Listeners: Listener[] }> {
  if (!hasCode(err, 'DuplicateListener')) throw err;
  // At most 50 listeners per LB (aws-api-facts.md), so one page holds them all.
  const out = await conn.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: input.LoadBalancerArn, PageSize: 400 }));
  const l = out.Listeners?.find((x) => x.Port === input.Port);
  if (!l?.ListenerArn || !(await carries(() => elbTagsOf(conn, l.ListenerArn!), input.Tags, false))) throw err;
  return { Listeners: [l] };
}

/** `spec` is the desired rule with its refs resolved: the comparison is the plan's. */
export async function adoptRule(conn: AwsConnection, err: unknown, input: CreateRuleCommandInput, spec: ListenerRuleSpec): Promise<{ Rules: Rule[] }> {
  if (!hasCode(err, 'PriorityInUse')) throw err;
  const listenerArn = input.ListenerArn ?? '';
  const r = (await rulesOf(conn.elbv2, listenerArn)).find((x) => x.Priority === String(input.Priority));
  if (!r?.RuleArn || !sameRule(spec, ruleSpec(r, listenerArn)) || !(await carries(() => elbTagsOf(conn, r.RuleArn!), input.Tags, false))) throw err;
  return { Rules: [r] };
}

/** No update would be planned between the two: the fields update.ts compares for a rule. */
function sameRule(want: ListenerRuleSpec, have: ListenerRuleSpec): boolean {
  const type = 'AWS::ElasticLoadBalancingV2::ListenerRule';
  const dv = viewOf({ type, id: '', spec: want }, undefined);
  const ov = viewOf({ type, id: '', spec: have }, undefined);
  const after = overlay(type, dv, ov);
  return ['actions', 'conditions', 'transforms'].every((k) => canonical(after[k]) === canonical(ov[k]));
}

/**
 * Ingress rules. AWS adds or removes a call's permissions all or nothing, so after a lost answer
 * the retry's InvalidPermission.Duplicate (or .NotFound for a revoke) means every permission is
 * already in place, or gone. That is checked on a re-read rather than assumed: the same error
 * from a stale plan, with part of the permissions still to do, fails as before.
 */
export async function authorizeIngress(conn: AwsConnection, groupId: string, perms: readonly IPPermission[]): Promise<void> {
  try {
    await conn.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: perms.map(permissionToSdk) }));
  } catch (err) {
    if (!hasCode(err, 'InvalidPermission.Duplicate')) throw err;
    const have = await ingressKeys(conn, groupId);
    if (!singleSourcePermissions(perms).every((p) => have.has(permissionKey(p)))) throw err;
  }
}

export async function revokeIngress(conn: AwsConnection, groupId: string, perms: readonly IPPermission[]): Promise<void> {
  try {
    await conn.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: perms.map(permissionToSdk) }));
  } catch (err) {
    if (!hasCode(err, 'InvalidPermission.NotFound')) throw err;
    const have = await ingressKeys(conn, groupId);
    if (singleSourcePermissions(perms).some((p) => have.has(permissionKey(p)))) throw err;
  }
}

async function ingressKeys(conn: AwsConnection, groupId: string): Promise<Set<string>> {
  const g = (await conn.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0];
  return new Set(singleSourcePermissions(g ? securityGroupSpec(g).ingress : []).map(permissionKey));
}
