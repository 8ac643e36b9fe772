/**
 * Shield Advanced (awsJson1_1, target prefix `AWSShield_20160616`): the calls LBC's protection
 * manager makes (pkg/deploy/shield/protection_manager.go) — GetSubscriptionState, CreateProtection,
 * DeleteProtection, DescribeProtection (by id or by resource ARN) — and ListProtections. One
 * protection per resource (ResourceAlreadyExistsException); an unknown protection or resource is
 * ResourceNotFoundException; without a subscription nothing can be protected.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors.js';
import type { HandlerContext } from '../elbv2/context.js';
import { ACCOUNT_ID } from '../ids.js';
import type { JsonBody } from '../wire/json-protocol.js';
import type { ProtectionRecord } from './records.js';

export type ShieldHandler = (body: JsonBody, ctx: HandlerContext) => unknown;

const NAME = /^[ a-zA-Z0-9_.-]*$/;
const RESOURCE_TYPES: Readonly<Record<string, RegExp>> = {
  APPLICATION_LOAD_BALANCER: /:loadbalancer\/app\//,
  CLASSIC_LOAD_BALANCER: /:loadbalancer\/[^/]+$/,
  CLOUDFRONT_DISTRIBUTION: /^arn:aws:cloudfront:/,
  ROUTE_53_HOSTED_ZONE: /^arn:aws:route53:/,
  ELASTIC_IP_ALLOCATION: /:eip-allocation\//,
  GLOBAL_ACCELERATOR: /^arn:aws:globalaccelerator:/,
};

function validation(value: unknown, path: string, constraint: string): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new AwsError('ValidationException', `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

function requiredString(body: JsonBody, key: string, path: string, max: number): string {
  const v = body[key];
  if (v === undefined || v === null) throw validation(v, path, 'Member must not be null');
  if (typeof v !== 'string' || v.length < 1 || v.length > max) throw validation(v, path, `Member must have length less than or equal to ${max}`);
  return v;
}

function protectionShape(p: ProtectionRecord) {
  return { Id: p.id, Name: p.name, ResourceArn: p.resourceArn, HealthCheckIds: [], ProtectionArn: `arn:aws:shield::${ACCOUNT_ID}:protection/${p.id}` };
}

const notFound = (what: string) => new AwsError('ResourceNotFoundException', `The referenced ${what} does not exist.`);

export function getSubscriptionState(_body: JsonBody, ctx: HandlerContext) {
  return { SubscriptionState: ctx.store.state.shield.subscription };
}

export function createProtection(body: JsonBody, ctx: HandlerContext) {
  const state = ctx.store.state;
  const name = requiredString(body, 'Name', 'name', 128);
  if (!NAME.test(name)) throw validation(name, 'name', 'Member must satisfy regular expression pattern: [ a-zA-Z0-9_\\.\\-]*');
  const resourceArn = requiredString(body, 'ResourceArn', 'resourceArn', 2048);
  if (!resourceArn.startsWith('arn:aws')) throw validation(resourceArn, 'resourceArn', 'Member must satisfy regular expression pattern: ^arn:aws.*');
  if (state.shield.subscription !== 'ACTIVE') throw notFound('subscription');
  // Load balancers are looked up; other resource kinds are taken on trust.
  if (resourceArn.includes(':elasticloadbalancing:') && !state.elbv2.loadBalancers[resourceArn]) {
    throw new AwsError('InvalidResourceException', `Unable to find the resource ${resourceArn}. Verify the ARN and try again.`);
  }
  if (/:loadbalancer\/net\//.test(resourceArn)) throw new AwsError('InvalidResourceException', 'Network Load Balancers are protected through their Elastic IP addresses; protect those instead.');
  if (Object.values(state.shield.protections).some((p) => p.resourceArn === resourceArn)) throw new AwsError('ResourceAlreadyExistsException', 'The referenced protection already exists.');
  const tags = Array.isArray(body['Tags']) ? (body['Tags'] as { Key: string; Value: string }[]).map((t) => ({ Key: String(t.Key), Value: String(t.Value ?? '') })) : [];
  const id = randomUUID();
  state.shield.protections[id] = { id, name, resourceArn, tags };
  ctx.store.changed();
  return { ProtectionId: id };
}

export function deleteProtection(body: JsonBody, ctx: HandlerContext) {
  const id = requiredString(body, 'ProtectionId', 'protectionId', 36);
  const protections = ctx.store.state.shield.protections;
  if (!protections[id]) throw notFound('protection');
  delete protections[id];
  ctx.store.changed();
  return {};
}

export function describeProtection(body: JsonBody, ctx: HandlerContext) {
  const id = body['ProtectionId'];
  const arn = body['ResourceArn'];
  if ((id === undefined) === (arn === undefined)) throw new AwsError('InvalidParameterException', 'Specify exactly one of ProtectionId and ResourceArn.');
  const all = Object.values(ctx.store.state.shield.protections);
  const p = id !== undefined ? all.find((x) => x.id === id) : all.find((x) => x.resourceArn === arn);
  if (!p) throw notFound('protection');
  return { Protection: protectionShape(p) };
}

export function listProtections(body: JsonBody, ctx: HandlerContext) {
  const filters = (body['InclusionFilters'] ?? {}) as { ResourceArns?: string[]; ProtectionNames?: string[]; ResourceTypes?: string[] };
  for (const t of filters.ResourceTypes ?? []) if (!RESOURCE_TYPES[t]) throw validation(t, 'inclusionFilters.resourceTypes.member', `Member must satisfy enum value set: [${Object.keys(RESOURCE_TYPES).join(', ')}]`);
  const max = body['MaxResults'] ?? 10000;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 10000) throw validation(max, 'maxResults', 'Member must have value less than or equal to 10000');
  const matches = Object.values(ctx.store.state.shield.protections)
    .filter((p) => (filters.ResourceArns === undefined || filters.ResourceArns.includes(p.resourceArn)) && (filters.ProtectionNames === undefined || filters.ProtectionNames.includes(p.name)))
    .filter((p) => filters.ResourceTypes === undefined || filters.ResourceTypes.some((t) => RESOURCE_TYPES[t]!.test(p.resourceArn)))
    .sort((a, b) => (a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0));
  const token = body['NextToken'];
  const start = token === undefined ? 0 : Number(/^gwlb-shield:(\d+)$/.exec(String(token))?.[1] ?? NaN);
  if (!Number.isInteger(start)) throw new AwsError('InvalidPaginationTokenException', 'The NextToken is not valid; pass the NextToken of a previous response.');
  const size = max === 0 ? 10000 : max;
  const page = matches.slice(start, start + size);
  return { Protections: page.map(protectionShape), ...(start + page.length < matches.length ? { NextToken: `gwlb-shield:${start + page.length}` } : {}) };
}

export const SHIELD_ACTIONS: Readonly<Record<string, ShieldHandler>> = {
  GetSubscriptionState: getSubscriptionState,
  CreateProtection: createProtection,
  DeleteProtection: deleteProtection,
  DescribeProtection: describeProtection,
  ListProtections: listProtections,
};
