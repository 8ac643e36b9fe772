/**
 * Applies a node/pod ENI security-group rule change (plan/node-sg-rules.ts) as LBC's security
 * group reconciler does (pkg/networking/security_group_reconciler.go, security_group_manager.go):
 * AuthorizeSecurityGroupIngress for the creates, RevokeSecurityGroupIngress for the deletes, one
 * call per group with all its permissions (ReconcileIngress grants or revokes a group's whole
 * difference at once), each permission with one source and its description. A rule already there
 * (InvalidPermission.Duplicate) or already gone (InvalidPermission.NotFound) is done: that is the
 * state the plan wanted, and LBC answers both by re-reading the group and reconciling again. EC2
 * rejects such a call whole, so a batch it rejects that way is sent again one rule at a time.
 * A source security group the same apply creates (the backend SG, or a stack's managed SG when the
 * backend SG is off) is resolved here, by the tags it was created with.
 */
import { AuthorizeSecurityGroupIngressCommand, RevokeSecurityGroupIngressCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { hasCode } from '../aws/errors.js';
import { isBackendSecurityGroup } from '../aws/ownership.js';
import { ec2Tags, type AwsSession } from '../aws/session.js';
import type { ResourceChange } from '../plan/types.js';
import { BACKEND_SG_UNKNOWN } from './backend-sg.js';

type RuleView = {
  readonly security_group_id: string;
  readonly protocol: string;
  readonly from_port: number | null;
  readonly to_port: number | null;
  readonly source_security_group_id?: string | null;
  readonly source_security_group_pending?: string;
  readonly cidr_ipv4?: string;
  readonly cidr_ipv6?: string;
  readonly prefix_list_id?: string;
  readonly description: string;
};

/** The id of a source group created by this apply (`backend-sg` or `stack:<prefix>:<stack>:<resource>`). */
async function pendingSource(session: AwsSession, ref: string, unknowns: ReadonlyMap<string, string>): Promise<string> {
  if (ref === 'backend-sg' && unknowns.has(BACKEND_SG_UNKNOWN)) return unknowns.get(BACKEND_SG_UNKNOWN)!;
  session.refresh();
  const groups = await session.securityGroups();
  const [kind, prefix, ...rest] = ref.split(':');
  const resource = rest.at(-1);
  const stack = rest.slice(0, -1).join(':');
  const found =
    kind === 'backend-sg'
      ? groups.find((g) => isBackendSecurityGroup(ec2Tags(g.Tags), session.cluster))
      : groups.find((g) => {
          const t = ec2Tags(g.Tags);
          return t['elbv2.k8s.aws/cluster'] === session.cluster && t[`${prefix}/stack`] === stack && t[`${prefix}/resource`] === resource;
        });
  if (!found?.GroupId) throw new Error(`the source security group of this rule (${ref}) was not created; apply again once its stack applies`);
  return found.GroupId;
}

async function permissionOf(session: AwsSession, v: RuleView, unknowns: ReadonlyMap<string, string>): Promise<IpPermission> {
  const Description = v.description;
  const source: IpPermission =
    v.cidr_ipv4 !== undefined ? { IpRanges: [{ CidrIp: v.cidr_ipv4, Description }] }
    : v.cidr_ipv6 !== undefined ? { Ipv6Ranges: [{ CidrIpv6: v.cidr_ipv6, Description }] }
    : v.prefix_list_id !== undefined ? { PrefixListIds: [{ PrefixListId: v.prefix_list_id, Description }] }
    : { UserIdGroupPairs: [{ GroupId: v.source_security_group_id ?? (await pendingSource(session, v.source_security_group_pending ?? '', unknowns)), Description }] };
  return { IpProtocol: v.protocol, ...(v.from_port !== null ? { FromPort: v.from_port } : {}), ...(v.to_port !== null ? { ToPort: v.to_port } : {}), ...source };
}

const isCreate = (rc: ResourceChange) => rc.change.actions[0] === 'create';
const viewOf = (rc: ResourceChange) => (isCreate(rc) ? rc.change.after : rc.change.before) as RuleView;

/** Changes that go in one call: the same action on the same security group. */
export function ingressBatchKey(rc: ResourceChange): string {
  return `${isCreate(rc) ? 'authorize' : 'revoke'}\u0000${viewOf(rc).security_group_id}`;
}

/** One Authorize or Revoke call for `changes`, which share their ingressBatchKey. */
export async function applyIngressRules(session: AwsSession, changes: readonly ResourceChange[], unknowns: ReadonlyMap<string, string>): Promise<void> {
  const [first] = changes;
  if (!first) return;
  const create = isCreate(first);
  const GroupId = viewOf(first).security_group_id;
  const IpPermissions: IpPermission[] = [];
  for (const rc of changes) IpPermissions.push(await permissionOf(session, viewOf(rc), unknowns));
  const ec2 = session.conn.ec2;
  try {
    if (create) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions }));
    else await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions }));
  } catch (err) {
    const settled = create ? hasCode(err, 'InvalidPermission.Duplicate') : hasCode(err, 'InvalidPermission.NotFound', 'InvalidGroup.NotFound');
    if (!settled) throw err;
    // One of them was already as wanted; the call changed nothing, so each goes again on its own.
    if (changes.length > 1) for (const rc of changes) await applyIngressRules(session, [rc], unknowns);
  }
}
