/**
 * AddTags, RemoveTags and DescribeTags (aws-api-facts.md §0.6, §2.3 "Tags"): AddTags takes one
 * ARN per call, DescribeTags at most 20; an unknown ARN fails the whole call with the NotFound
 * code of its resource type.
 */
import { constraintError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireTaggable } from './arns.js';
import type { HandlerContext } from './context.js';
import { mergeTags, readTags } from './validation.js';

const MAX_DESCRIBE_ARNS = 20;

function resourceArns(input: QueryInput): string[] {
  const arns = input.memberStrings('ResourceArns');
  if (arns === undefined) throw constraintError(null, 'resourceArns', 'Member must not be null');
  if (arns.length === 0) throw validationError('At least one resource ARN must be specified');
  return arns;
}

export function addTags(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const arns = resourceArns(input);
  if (arns.length > 1) throw validationError('Only one resource can be tagged at a time');
  const arn = arns[0]!;
  const tags = readTags(input);
  if (tags === undefined) throw constraintError(null, 'tags', 'Member must not be null');
  requireTaggable(state, arn);
  state.elbv2.tags[arn] = mergeTags(state.elbv2.tags[arn] ?? [], tags, arn);
  ctx.store.changed();
  return {};
}

export function removeTags(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const arns = resourceArns(input);
  const keys = input.memberStrings('TagKeys');
  if (keys === undefined) throw constraintError(null, 'tagKeys', 'Member must not be null');
  for (const arn of arns) requireTaggable(state, arn);
  // Keys that are not present are ignored.
  for (const arn of arns) state.elbv2.tags[arn] = (state.elbv2.tags[arn] ?? []).filter((t) => !keys.includes(t.Key));
  ctx.store.changed();
  return {};
}

export function describeTags(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const arns = resourceArns(input);
  if (arns.length > MAX_DESCRIBE_ARNS) {
    throw constraintError(`[${arns.length} ARNs]`, 'resourceArns', `Member must have length less than or equal to ${MAX_DESCRIBE_ARNS}`);
  }
  for (const arn of arns) requireTaggable(state, arn);
  return { TagDescriptions: arns.map((ResourceArn) => ({ ResourceArn, Tags: (state.elbv2.tags[ResourceArn] ?? []).map((t) => ({ Key: t.Key, Value: t.Value })) })) };
}
