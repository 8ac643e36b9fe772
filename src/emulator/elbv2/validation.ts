/** ELBv2 name and tag rules (aws-api-facts.md §3.1, §3.3) with AWS's ValidationError wording. */
import { AwsError, constraintError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import type { Tag } from './records.js';

export const MAX_TAGS = 50;
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function validateLoadBalancerName(name: string): void {
  if (name.length === 0 || name.length > 32) throw validationError(`Load balancer name '${name}' cannot be longer than '32' characters or empty`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw validationError(`Load balancer name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  if (name.startsWith('-') || name.endsWith('-')) throw validationError(`Load balancer name '${name}' cannot begin or end with '-'`);
  if (name.toLowerCase().startsWith('internal-')) throw validationError(`Load balancer name '${name}' cannot begin with 'internal-'`);
}

export function validateTargetGroupName(name: string): void {
  if (name.length === 0) throw validationError(`Target group name '${name}' cannot be empty`);
  if (name.length > 32) throw validationError(`Target group name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw validationError(`Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  if (name.startsWith('-') || name.endsWith('-')) throw validationError(`Target group name '${name}' cannot begin or end with '-'`);
  if (name.includes('--')) throw validationError(`Target group name '${name}' cannot contain two consecutive hyphens ('--')`);
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
    if (Key.length < 1 || Key.length > 128) throw constraintError(Key, m.pathOf('Key'), 'Member must have length less than or equal to 128');
    if (Value.length > 256) throw constraintError(Value, m.pathOf('Value'), 'Member must have length less than or equal to 256');
    if (!TAG_PATTERN.test(Key)) throw constraintError(Key, m.pathOf('Key'), 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
    if (!TAG_PATTERN.test(Value)) throw constraintError(Value, m.pathOf('Value'), 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
    if (Key.toLowerCase().startsWith('aws:')) throw validationError(`Tag key '${Key}' is invalid: the 'aws:' prefix is reserved for AWS use`);
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
