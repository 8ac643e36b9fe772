/**
 * Failures as the API server reports them: a `kind: Status` body with the HTTP code, a reason
 * from the closed set below and the server's message wording (k8s.io/apimachinery
 * pkg/api/errors/errors.go), so kubectl and client libraries print and classify them as usual.
 */
import { qualifiedKind, qualifiedResource, type ResourceDef } from './resources.js';

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Forbidden' | 'Invalid' | 'BadRequest' | 'Expired' | 'MethodNotAllowed' | 'UnsupportedMediaType' | 'ServiceUnavailable';

export interface KubeStatus {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure' | 'Success';
  readonly message: string;
  readonly reason: StatusReason;
  readonly details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; message: string; field: string }[] };
  readonly code: number;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Forbidden: 403,
  Invalid: 422,
  BadRequest: 400,
  Expired: 410,
  MethodNotAllowed: 405,
  UnsupportedMediaType: 415,
  ServiceUnavailable: 503,
};

/** Thrown inside a request handler and turned into the response; never escapes the server. */
export class StatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
}

export function failure(reason: StatusReason, message: string, details?: KubeStatus['details']): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code: CODES[reason] });
}

function detailsOf(r: ResourceDef, name: string): KubeStatus['details'] {
  return { name, group: r.group, kind: r.plural };
}

export function notFound(r: ResourceDef, name: string): StatusError {
  return failure('NotFound', `${qualifiedResource(r)} "${name}" not found`, detailsOf(r, name));
}

export function alreadyExists(r: ResourceDef, name: string): StatusError {
  return failure('AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, detailsOf(r, name));
}

export function conflict(r: ResourceDef, name: string): StatusError {
  return failure('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, detailsOf(r, name));
}

export function invalid(r: ResourceDef, name: string, causes: { field: string; message: string }[]): StatusError {
  const list = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return failure('Invalid', `${qualifiedKind(r)} "${name}" is invalid: ${causes.length > 1 ? `[${list}]` : list}`, {
    name,
    group: r.group,
    kind: r.kind,
    causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/** The RBAC denial wording (k8s.io/apiserver pkg/endpoints/handlers/responsewriters/errors.go). */
export function forbidden(r: ResourceDef, verb: string, user: string, namespace: string | undefined, name?: string, subresource?: string): StatusError {
  const resource = subresource === undefined ? r.plural : `${r.plural}/${subresource}`;
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const subject = name === undefined ? qualifiedResource(r, subresource) : `${qualifiedResource(r, subresource)} "${name}"`;
  return failure('Forbidden', `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${r.group}" ${scope}`, {
    ...(name !== undefined ? { name } : {}),
    group: r.group,
    kind: r.plural,
  });
}

export function badRequest(message: string): StatusError {
  return failure('BadRequest', message);
}

/** A watch or a continued list that starts before the retained history (etcd compaction). */
export function expired(message: string): StatusError {
  return failure('Expired', message);
}

/** The 404 for a path the server does not serve (an unknown or uninstalled group, resource or version). */
export function pageNotFound(): StatusError {
  return failure('NotFound', 'the server could not find the requested resource', {});
}
