/** Everything gwlb read from its input, decoded and defaulted, grouped by kind. */
import type { Diagnostic } from '../diagnostics.js';
import type { EndpointSlice, Namespace, Node, Secret, Service } from './core-kinds.js';
import type {
  GatewayClass,
  Gateway,
  GRPCRoute,
  HTTPRoute,
  ListenerSet,
  ReferenceGrant,
  TCPRoute,
  TLSRoute,
  UDPRoute,
} from './gateway-api.js';
import type { ListenerRuleConfiguration, LoadBalancerConfiguration, TargetGroupConfiguration } from './lbc-crds.js';

export interface Snapshot {
  readonly gatewayClasses: readonly GatewayClass[];
  readonly gateways: readonly Gateway[];
  readonly listenerSets: readonly ListenerSet[];
  readonly httpRoutes: readonly HTTPRoute[];
  readonly grpcRoutes: readonly GRPCRoute[];
  readonly tcpRoutes: readonly TCPRoute[];
  readonly udpRoutes: readonly UDPRoute[];
  readonly tlsRoutes: readonly TLSRoute[];
  readonly referenceGrants: readonly ReferenceGrant[];
  readonly loadBalancerConfigurations: readonly LoadBalancerConfiguration[];
  readonly targetGroupConfigurations: readonly TargetGroupConfiguration[];
  readonly listenerRuleConfigurations: readonly ListenerRuleConfiguration[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  readonly namespaces: readonly Namespace[];
  readonly nodes: readonly Node[];
  readonly secrets: readonly Secret[];
}

export interface LoadResult {
  readonly snapshot: Snapshot;
  readonly diagnostics: readonly Diagnostic[];
  /** Objects of kinds gwlb does not read, listed with `-v`. */
  readonly skipped: readonly { kind: string; apiVersion: string; name: string; file: string; line: number }[];
}

export function emptySnapshot(): Snapshot {
  return {
    gatewayClasses: [],
    gateways: [],
    listenerSets: [],
    httpRoutes: [],
    grpcRoutes: [],
    tcpRoutes: [],
    udpRoutes: [],
    tlsRoutes: [],
    referenceGrants: [],
    loadBalancerConfigurations: [],
    targetGroupConfigurations: [],
    listenerRuleConfigurations: [],
    services: [],
    endpointSlices: [],
    namespaces: [],
    nodes: [],
    secrets: [],
  };
}

/**
 * Labels of a namespace. One with no Namespace object in the input has only the label the API
 * server always sets, `kubernetes.io/metadata.name`.
 */
export function namespaceLabels(snapshot: Snapshot, namespace: string): Readonly<Record<string, string>> {
  const found = snapshot.namespaces.find((n) => n.metadata.name === namespace);
  return { ...(found?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
}
