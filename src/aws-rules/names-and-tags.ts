/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS).
 *
 * This file: load balancer and target group names, and tags (aws-api-facts.md §3.1, §3.3). Each
 * check returns AWS's message, or undefined when AWS takes the value.
 */

export const MAX_NAME_LENGTH = 32;

/**
 * The character and hyphen rules of a load balancer name, in the order AWS reports them. The
 * length is checked apart: the emulator first, the pre-flight with the other limits (limits.ts).
 */
export function loadBalancerNameError(name: string): string | undefined {
  if (!/^[A-Za-z0-9-]*$/.test(name)) return `Load balancer name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`;
  if (name.startsWith('-') || name.endsWith('-')) return `Load balancer name '${name}' cannot begin or end with '-'`;
  if (name.toLowerCase().startsWith('internal-')) return `Load balancer name '${name}' cannot begin with 'internal-'`;
  return undefined;
}

/** The character and hyphen rules of a target group name (the length is checked apart, as above). */
export function targetGroupNameError(name: string): string | undefined {
  if (!/^[A-Za-z0-9-]*$/.test(name)) return `Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`;
  if (name.startsWith('-') || name.endsWith('-')) return `Target group name '${name}' cannot begin or end with '-'`;
  if (name.includes('--')) return `Target group name '${name}' cannot contain two consecutive hyphens ('--')`;
  return undefined;
}

const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_PATTERN_CONSTRAINT = 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';

/** The real "1 validation error detected" wording; `path` is the lowerCamel member path (§0.11). */
export function constraintMessage(value: string, path: string, constraint: string): string {
  return `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: ${constraint}`;
}

/**
 * AWS's message for one bad tag, or undefined. `pathOf` gives the request path of the tag's
 * Key or Value member (e.g. `tags.1.member.key`), which the constraint messages name.
 */
export function tagError(key: string, value: string, pathOf: (member: 'Key' | 'Value') => string): string | undefined {
  if (key.length < 1 || key.length > 128) return constraintMessage(key, pathOf('Key'), 'Member must have length less than or equal to 128');
  if (value.length > 256) return constraintMessage(value, pathOf('Value'), 'Member must have length less than or equal to 256');
  if (!TAG_PATTERN.test(key)) return constraintMessage(key, pathOf('Key'), TAG_PATTERN_CONSTRAINT);
  if (!TAG_PATTERN.test(value)) return constraintMessage(value, pathOf('Value'), TAG_PATTERN_CONSTRAINT);
  if (key.toLowerCase().startsWith('aws:')) return `Tag key '${key}' is invalid: the 'aws:' prefix is reserved for AWS use`;
  return undefined;
}
