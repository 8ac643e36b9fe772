/**
 * The cluster-wide shared backend security group (pkg/networking/backend_sg_provider.go): not part
 * of any stack, created on first need with its fixed name, description and tags
 * (`elbv2.k8s.aws/cluster`, `elbv2.k8s.aws/resource=backend-sg`), tagged in the create call.
 * Discovery finds it by those tags on every later run, so its id is then a known value.
 */
import { CreateSecurityGroupCommand, DeleteSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { hasCode } from '../aws/errors.js';
import { isBackendSecurityGroup } from '../aws/ownership.js';
import { ec2Tags, type AwsSession } from '../aws/session.js';
import { isUnknown } from '../model/discovery.js';
import type { Stack } from '../model/stack.js';

/** The `$unknown` text the model uses for the backend SG id (model/security-groups.ts). */
export const BACKEND_SG_UNKNOWN = 'backend security group id';

/** The backend SG id when some stack needs one that does not exist yet; creates it. */
export async function ensureBackendSecurityGroup(session: AwsSession, stacks: readonly Stack[]): Promise<string | undefined> {
  const need = stacks.map((s) => s.extras.backendSecurityGroup).find((b) => b?.kind === 'managed' && isUnknown(b.groupID));
  if (!need || need.kind !== 'managed') return undefined;
  const findIt = async () => {
    session.refresh();
    const groups = await session.securityGroups();
    return groups.find((g) => isBackendSecurityGroup(ec2Tags(g.Tags), session.cluster))?.GroupId;
  };
  const existing = await findIt();
  if (existing) return existing;
  const vpc = await session.vpcInfo();
  try {
    const out = await session.conn.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: need.groupName,
        Description: need.description,
        VpcId: vpc.id,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: Object.entries(need.tags).map(([Key, Value]) => ({ Key, Value })) }],
      }),
    );
    return out.GroupId;
  } catch (err) {
    // Created by someone else between our read and our create: use theirs if it is tagged ours.
    if (hasCode(err, 'InvalidGroup.Duplicate')) return (await findIt()) ?? Promise.reject(err);
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** LBC's release: `DependencyViolation` (ENIs of a deleted load balancer still going) retried every 2 s for up to 2 min (backend_sg_provider.go 35–36, 421–428). */
export const BACKEND_SG_DELETE_TIMEOUT_MS = 120_000;

/** Deletes the backend SG; gone already counts as done. */
export async function deleteBackendSecurityGroup(session: AwsSession, groupId: string, intervalMs = 2000, timeoutMs = BACKEND_SG_DELETE_TIMEOUT_MS): Promise<void> {
  const attempts = Math.floor(timeoutMs / Math.max(intervalMs, 1)) + 1;
  for (let i = 1; ; i++) {
    try {
      await session.conn.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
      return;
    } catch (err) {
      if (hasCode(err, 'InvalidGroup.NotFound')) return;
      if (i >= attempts || !hasCode(err, 'DependencyViolation')) throw err;
      await sleep(intervalMs);
    }
  }
}
