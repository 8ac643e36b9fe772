/**
 * Generated names: `k8s-<A>-<B>-<H>` where A/B are sanitised (non-alphanumerics removed) and
 * truncated to 8 characters and H is the first 10 hex characters of a SHA-256 over the
 * concatenated inputs (model_build_loadbalancer.go, model_build_security_group.go,
 * model_build_target_group.go, pkg/networking/backend_sg_provider.go).
 */
import * as crypto from 'node:crypto';

/** Go RE2 `[[:^alnum:]]` removed: ASCII letters and digits survive, everything else goes. */
export function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * One-shot `crypto.hash` (Node ≥ 20.12): a model hashes once per target group, and a Hash object
 * per call cost twice the hashing itself. Older Node 20 releases lack it and build the Hash object.
 */
const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined = (crypto as { hash?: typeof crypto.hash }).hash;

/** SHA-256 of the concatenated parts, as hex; one hash of the joined text. */
export function sha256Hex(parts: readonly string[]): string {
  const text = parts.join('');
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function k8sName(a: string, b: string, hashInputs: readonly string[]): string {
  return `k8s-${sanitize(a).slice(0, 8)}-${sanitize(b).slice(0, 8)}-${sha256Hex(hashInputs).slice(0, 10)}`;
}

/** `buildLoadBalancerName`: H = sha256(cluster + uid + scheme). */
export function loadBalancerName(cluster: string, namespace: string, name: string, uid: string, scheme: string): string {
  return k8sName(namespace, name, [cluster, uid, scheme]);
}

/** `buildManagedSecurityGroupName`: H = sha256(cluster + name + namespace + uid) — note the order. */
export function managedSecurityGroupName(cluster: string, namespace: string, name: string, uid: string): string {
  return k8sName(namespace, name, [cluster, name, namespace, uid]);
}

/** backend_sg_provider.go: `k8s-traffic-<sanitised cluster, 232 chars>-<sha256(cluster)[:10]>`. */
export function backendSecurityGroupName(cluster: string): string {
  return `k8s-traffic-${sanitize(cluster).slice(0, 232)}-${sha256Hex([cluster]).slice(0, 10)}`;
}

export interface TargetGroupNameInputs {
  readonly cluster: string;
  readonly gatewayNamespace: string;
  readonly gatewayName: string;
  readonly routeNamespace: string;
  readonly routeName: string;
  readonly routeKind: string;
  readonly backendNamespace: string;
  readonly backendName: string;
  /**
   * The TG port (`GetTargetGroupPort`): the nodePort for instance targets, the numeric targetPort
   * for ip targets, and 1 for a named targetPort. v3.5.0 hashes it as a decimal for every target
   * type; a later LBC (#4876) hashes the port name instead, which would rename v3.5.0's TGs.
   */
  readonly port: number;
  readonly targetType: string;
  readonly protocol: string;
  readonly protocolVersion?: string;
  readonly targetControlPort?: number;
}

/** `buildTargetGroupName` (model_build_target_group.go 316–345 @ v3.5.0); A/B come from the route, not the Service. */
export function targetGroupName(i: TargetGroupNameInputs): string {
  const parts = [
    i.cluster,
    i.gatewayNamespace,
    i.gatewayName,
    i.routeNamespace,
    i.routeName,
    i.routeKind,
    i.backendNamespace,
    i.backendName,
    String(i.port),
    i.targetType,
    i.protocol,
  ];
  if (i.protocolVersion !== undefined) parts.push(i.protocolVersion);
  if (i.targetControlPort !== undefined) parts.push(String(i.targetControlPort));
  return k8sName(i.routeNamespace, i.routeName, parts);
}

/** `buildTargetGroupResourceID`. */
export function targetGroupResourceId(
  gatewayNamespace: string,
  gatewayName: string,
  routeNamespace: string,
  routeName: string,
  routeKind: string,
  backendNamespace: string,
  backendName: string,
  identifierPort: string,
): string {
  return `${gatewayNamespace}/${gatewayName}:${routeNamespace}-${routeName}:${routeKind}-${backendNamespace}-${backendName}:${identifierPort}`;
}

/**
 * gwlb: the stand-in for a Gateway without `metadata.uid` (manifests from files). Deterministic
 * in cluster, namespace and name, shaped like a UUID so it reads as one in output.
 */
export function standInUid(cluster: string, namespace: string, name: string): string {
  const h = sha256Hex(['gwlb-stand-in-uid', '\0', cluster, '\0', namespace, '\0', name]);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
