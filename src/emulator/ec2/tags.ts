/**
 * CreateTags, DeleteTags and TagSpecifications (aws-api-facts.md §5.2): an existing key is
 * overwritten, a missing value is stored as '', at most 50 tags per resource, `aws:` keys are
 * reserved. Every resource is checked before any is changed.
 */
import { AwsError } from '../errors.js';
import type { HandlerContext } from '../elbv2/context.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireTaggable } from './lookup.js';
import type { Ec2Tag } from './records.js';

const MAX_TAGS = 50;

function readTag(t: QueryInput): { Key: string; Value: string | undefined } {
  const Key = t.str('Key');
  if (Key === undefined) throw new AwsError('InvalidParameterValue', 'Tag key must be specified');
  return { Key, Value: t.str('Value') };
}

function checkTag(tag: Ec2Tag): void {
  if (tag.Key.length < 1 || tag.Key.length > 127) throw new AwsError('InvalidParameterValue', `Tag key '${tag.Key}' must be between 1 and 127 characters`);
  if (tag.Value.length > 256) throw new AwsError('InvalidParameterValue', `Tag value for key '${tag.Key}' must be at most 256 characters`);
  if (tag.Key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidParameterValue', `Tag key '${tag.Key}' is invalid: tag keys starting with 'aws:' are reserved for internal use`);
}

function merge(existing: readonly Ec2Tag[], added: readonly Ec2Tag[]): Ec2Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const found = out.find((t) => t.Key === tag.Key);
    if (found) found.Value = tag.Value;
    else out.push({ ...tag });
  }
  if (out.length > MAX_TAGS) throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  return out;
}

/** Tags of `TagSpecification.N` for `resourceType`; any other resource type is InvalidParameterValue. */
export function readTagSpecifications(input: QueryInput, resourceType: string): Ec2Tag[] {
  let tags: Ec2Tag[] = [];
  for (const spec of input.items('TagSpecification') ?? []) {
    const type = spec.str('ResourceType');
    if (type !== resourceType) throw new AwsError('InvalidParameterValue', `'${type ?? ''}' is not a valid taggable resource type for this operation.`);
    const added = (spec.items('Tag') ?? []).map(readTag).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    added.forEach(checkTag);
    tags = merge(tags, added);
  }
  return tags;
}

export function createTags(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('ResourceId');
  if (!ids || ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  if (ids.length > 1000) throw new AwsError('InvalidParameterValue', 'At most 1000 resources can be tagged per call');
  const tags = (input.items('Tag') ?? []).map(readTag).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
  if (tags.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter tagSet');
  tags.forEach(checkTag);
  const resources = ids.map((id) => requireTaggable(state, id));
  const merged = resources.map((r) => merge(r.tags, tags));
  resources.forEach((r, i) => (r.tags = merged[i]!));
  ctx.store.changed();
  return { return: true };
}

/** Key only: delete regardless of value; key and value (even ''): delete only on an exact match. */
export function deleteTags(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('ResourceId');
  if (!ids || ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const tags = (input.items('Tag') ?? []).map(readTag);
  for (const t of tags) if (t.Key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidParameterValue', `Tag key '${t.Key}' is reserved for internal use`);
  const resources = ids.map((id) => requireTaggable(state, id));
  for (const r of resources) {
    // No Tag.N at all deletes every tag of the resource (EC2 API reference).
    r.tags = tags.length === 0 ? [] : r.tags.filter((have) => !tags.some((t) => t.Key === have.Key && (t.Value === undefined || t.Value === have.Value)));
  }
  ctx.store.changed();
  return { return: true };
}
