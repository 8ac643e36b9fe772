/**
 * Tag reconciliation on an existing resource: the plan already predicted the full tag set after
 * apply (plan/tags.ts, LBC's ReconcileTags rules), so apply writes the keys that differ and
 * removes the keys that are not in it — AddTags one resource per call (aws-api-facts.md §0.6),
 * CreateTags/DeleteTags for security groups.
 */
import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import { AddTagsCommand, RemoveTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import type { Tags } from '../model/stack.js';
import type { PlanResourceType } from '../plan/types.js';

export function tagDiff(want: Tags, have: Tags): { set: Record<string, string>; remove: string[] } {
  const set = Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
  const remove = Object.keys(have).filter((k) => !(k in want));
  return { set, remove };
}

export async function reconcileTags(conn: AwsConnection, type: PlanResourceType, arn: string, want: Tags, have: Tags): Promise<void> {
  const { set, remove } = tagDiff(want, have);
  const pairs = Object.entries(set).map(([Key, Value]) => ({ Key, Value }));
  if (type === 'AWS::EC2::SecurityGroup') {
    if (pairs.length > 0) await conn.ec2.send(new CreateTagsCommand({ Resources: [arn], Tags: pairs }));
    if (remove.length > 0) await conn.ec2.send(new DeleteTagsCommand({ Resources: [arn], Tags: remove.map((Key) => ({ Key })) }));
    return;
  }
  if (pairs.length > 0) await conn.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: pairs }));
  if (remove.length > 0) await conn.elbv2.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: remove }));
}
