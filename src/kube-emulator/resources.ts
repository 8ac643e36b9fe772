/**
 * The kinds the local Kubernetes API serves: the ones gwlb reads from a cluster, at every
 * apiVersion gwlb accepts (src/source/schema/index.ts KINDS), and the Lease gwlb locks with. One
 * object is stored per group+resource whatever version it was written at, as the real API server
 * does when a CRD's versions are schema-identical; a read answers at the version in the URL.
 */

export const CORE_GROUP = '';
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_X_GROUP = 'gateway.networking.x-k8s.io';
export const LBC_GROUP = 'gateway.k8s.aws';
export const DISCOVERY_GROUP = 'discovery.k8s.io';
export const COORDINATION_GROUP = 'coordination.k8s.io';

export interface ResourceDef {
  readonly group: string;
  /** Served versions, preferred first. */
  readonly versions: readonly string[];
  readonly kind: string;
  /** The URL segment (lower-case plural). */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  /** Has the `status` subresource: main writes keep the stored status, `/status` writes keep everything else. */
  readonly status: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
}

function def(group: string, versions: readonly string[], kind: string, plural: string, extra: Partial<ResourceDef> = {}): ResourceDef {
  return { group, versions, kind, plural, singular: kind.toLowerCase(), namespaced: true, status: true, ...extra };
}

const GW_CATEGORY = { categories: ['gateway-api'] };

export const RESOURCES: readonly ResourceDef[] = [
  def(CORE_GROUP, ['v1'], 'Service', 'services', { shortNames: ['svc'], categories: ['all'] }),
  def(CORE_GROUP, ['v1'], 'Node', 'nodes', { namespaced: false, shortNames: ['no'] }),
  def(CORE_GROUP, ['v1'], 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'] }),
  def(CORE_GROUP, ['v1'], 'Secret', 'secrets', { status: false }),
  def(DISCOVERY_GROUP, ['v1'], 'EndpointSlice', 'endpointslices', { status: false }),
  // gwlb's lock on a cluster (src/source/cluster/lease.ts), not something it reads.
  def(COORDINATION_GROUP, ['v1'], 'Lease', 'leases', { status: false }),
  def(GATEWAY_GROUP, ['v1', 'v1beta1'], 'GatewayClass', 'gatewayclasses', { namespaced: false, shortNames: ['gc'], ...GW_CATEGORY }),
  def(GATEWAY_GROUP, ['v1', 'v1beta1'], 'Gateway', 'gateways', { shortNames: ['gtw'], ...GW_CATEGORY }),
  def(GATEWAY_GROUP, ['v1'], 'ListenerSet', 'listenersets', { shortNames: ['lset'], ...GW_CATEGORY }),
  def(GATEWAY_GROUP, ['v1', 'v1beta1'], 'HTTPRoute', 'httproutes', GW_CATEGORY),
  def(GATEWAY_GROUP, ['v1'], 'GRPCRoute', 'grpcroutes', GW_CATEGORY),
  def(GATEWAY_GROUP, ['v1', 'v1alpha2'], 'TCPRoute', 'tcproutes', GW_CATEGORY),
  def(GATEWAY_GROUP, ['v1', 'v1alpha2'], 'UDPRoute', 'udproutes', GW_CATEGORY),
  def(GATEWAY_GROUP, ['v1', 'v1alpha3', 'v1alpha2'], 'TLSRoute', 'tlsroutes', GW_CATEGORY),
  def(GATEWAY_GROUP, ['v1', 'v1beta1'], 'ReferenceGrant', 'referencegrants', { status: false, shortNames: ['refgrant'], ...GW_CATEGORY }),
  // The experimental build's ListenerSet (gwlb reads it as ListenerSet; sourceKind XListenerSet).
  def(GATEWAY_X_GROUP, ['v1alpha1'], 'XListenerSet', 'xlistenersets', { shortNames: ['lset'], ...GW_CATEGORY }),
  def(LBC_GROUP, ['v1', 'v1beta1'], 'LoadBalancerConfiguration', 'loadbalancerconfigurations'),
  def(LBC_GROUP, ['v1', 'v1beta1'], 'TargetGroupConfiguration', 'targetgroupconfigurations'),
  def(LBC_GROUP, ['v1', 'v1beta1'], 'ListenerRuleConfiguration', 'listenerruleconfigurations'),
];

/** `gateways.gateway.networking.k8s.io`, or `services` for the core group: the name the API server's messages use. */
export function qualifiedResource(r: ResourceDef, subresource?: string): string {
  const name = subresource === undefined ? r.plural : `${r.plural}/${subresource}`;
  return r.group === CORE_GROUP ? name : `${name}.${r.group}`;
}

/** `Gateway.gateway.networking.k8s.io`, or `Service`: the kind as 422 Invalid messages name it. */
export function qualifiedKind(r: ResourceDef): string {
  return r.group === CORE_GROUP ? r.kind : `${r.kind}.${r.group}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group === CORE_GROUP ? version : `${group}/${version}`;
}

/** The storage key of a resource (versions share one store). */
export function resourceKey(r: ResourceDef): string {
  return `${r.group}/${r.plural}`;
}

export function groupsOf(resources: readonly ResourceDef[]): string[] {
  return [...new Set(resources.map((r) => r.group))];
}

export function findResource(resources: readonly ResourceDef[], group: string, version: string, plural: string): ResourceDef | undefined {
  return resources.find((r) => r.group === group && r.plural === plural && r.versions.includes(version));
}
