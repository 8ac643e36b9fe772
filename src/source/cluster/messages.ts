/** One-line messages for API answers gwlb cannot use, each saying what to change. */
import { shorten } from '../../diagnostics.js';
import type { KubeClient, KubeReply } from './client.js';

/** The API server's own message of a Status body, shortened, or the status code. */
function serverMessage(reply: KubeReply): string {
  const body = reply.body as { message?: unknown } | string | undefined;
  const message = typeof body === 'object' && body !== null && typeof body.message === 'string' ? body.message : typeof body === 'string' ? body : '';
  return message ? `${reply.status}: ${shorten(message.split('\n')[0]!)}` : `HTTP ${reply.status}`;
}

/** `gateways.gateway.networking.k8s.io` or `services`: how RBAC and kubectl name a resource. */
export function qualified(group: string, plural: string): string {
  return group === '' ? plural : `${plural}.${group}`;
}

/** The RBAC rule that allows the request, as a ClusterRole rule in flow style. */
export function rbacRule(group: string, plural: string, verb: string): string {
  return `{apiGroups: ["${group}"], resources: ["${plural}"], verbs: ["${verb}"]}`;
}

/** 401: the credentials themselves were refused, whatever the request. */
export function unauthorized(client: KubeClient): string {
  return `the Kubernetes API at ${client.server} refused the credentials of context "${client.context}" (401 Unauthorized); refresh them (for EKS: aws eks update-kubeconfig) and retry`;
}

/** 403 on `verb` of a resource: which rule the ClusterRole bound to gwlb's user needs. */
export function forbidden(client: KubeClient, kind: string, group: string, plural: string, verb: string): string {
  return `RBAC forbids ${verb} on ${qualified(group, plural)} (${kind}) for context "${client.context}"; add the rule ${rbacRule(group, plural, verb)} to a ClusterRole bound to its user`;
}

export function failedRequest(client: KubeClient, what: string, path: string, reply: KubeReply): string {
  if (reply.status === 401) return unauthorized(client);
  return `cannot ${what} ${path} at ${client.server} (context "${client.context}"): ${serverMessage(reply)}`;
}
