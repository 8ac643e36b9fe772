/**
 * ELBv2 name and tag rules (aws-api-facts.md §3.1, §3.3) with AWS's ValidationError wording. The
 * rules shared with the model's pre-flight are in src/aws-rules/names-and-tags.ts; the length
 * limits of names and repeated tag keys are checked here only.
 */
import { loadBalancerNameError, MAX_NAME_LENGTH, tagError, targetGroupNameError } from '../../aws-rules/names-and-tags.js';
import { AwsError, constraintError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import type { Tag } from './records.js';

export const MAX_TAGS = 50;

export function validateLoadBalancerName(name: string): void {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw validationError(`Load balancer name '${name}' cannot be longer than '${MAX_NAME_LENGTH}' characters or empty`);
  const message = loadBalancerNameError(name);
  if (message) throw validationError(message);
}

export function validateTargetGroupName(name: string): void {
  if (name.length === 0) throw validationError(`Target group name '${name}' cannot be empty`);
  if (name.length > MAX_NAME_LENGTH) throw validationError(`Target group name '${name}' cannot be longer than '${MAX_NAME_LENGTH}' characters`);
  const message = targetGroupNameError(name);
  if (message) throw validationError(message);
}

/** Reads `Tags.member.N.Key/Value`, checking lengths, characters, the `aws:` prefix and repeats. */
export function readTags(input: QueryInput, key = 'Tags'): Tag[] | undefined {
  const members = input.members(key);
  if (members === undefined) return undefined;
  if (members.length === 0) throw constraintError('[]', input.pathOf(key), 'Member must have length greater than or equal to 1');
  const seen = new Set<string>();
  return members.map((m) => {
    const Key = m.requiredStr('Key');
    const Value = m.str('Value') ?? '';
    const message = tagError(Key, Value, (member) => m.pathOf(member));
    if (message) throw validationError(message);
    if (seen.has(Key)) throw new AwsError('DuplicateTagKeys', `Tag key '${Key}' is duplicated; give each key only once`);
    seen.add(Key);
    return { Key, Value };
  });
}

/** Merges `added` into `existing` (same key: value replaced) and enforces the 50-tag limit. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[], resource: string): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const found = out.find((t) => t.Key === tag.Key);
    if (found) found.Value = tag.Value;
    else out.push({ ...tag });
  }
  if (out.length > MAX_TAGS) throw new AwsError('TooManyTags', `Resource '${resource}' would have ${out.length} tags; at most ${MAX_TAGS} tags are allowed per resource`);
  return out;
}

export function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
