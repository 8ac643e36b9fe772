/** The core Kubernetes kinds gwlb reads: Services, EndpointSlices, Namespaces, Nodes, Secrets. */
import type { KubeObject } from './kube.js';

export interface ServicePort {
  readonly name?: string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly port: number;
  /** Defaulted to `port`, as the API server does. A string names a container port. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
  readonly appProtocol?: string;
}

export interface ServiceSpec {
  /** Defaulted to `ClusterIP`. */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  readonly ports: readonly ServicePort[];
  readonly selector?: Readonly<Record<string, string>>;
  readonly ipFamilies?: readonly ('IPv4' | 'IPv6')[];
  readonly clusterIP?: string;
  /** `Local` changes LBC's health-check defaults for instance targets (model_build_target_group.go). */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly healthCheckNodePort?: number;
  /** `false`: a LoadBalancer Service gets no nodePorts from the API server (passed through, not checked). */
  readonly allocateLoadBalancerNodePorts?: boolean;
}
export type Service = KubeObject<'Service', ServiceSpec>;

export interface EndpointSliceSpec {
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly {
    readonly addresses: readonly string[];
    readonly conditions?: { readonly ready?: boolean; readonly serving?: boolean; readonly terminating?: boolean };
    readonly nodeName?: string;
    readonly zone?: string;
    readonly targetRef?: { readonly kind?: string; readonly name?: string; readonly namespace?: string };
  }[];
  readonly ports: readonly { readonly name?: string; readonly port?: number; readonly protocol?: string }[];
}
/** EndpointSlices have no `spec`; gwlb lifts addressType, endpoints and ports into one. */
export type EndpointSlice = KubeObject<'EndpointSlice', EndpointSliceSpec>;

export type Namespace = KubeObject<'Namespace', Record<string, never>>;

export interface NodeSpec {
  readonly providerID?: string;
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
  readonly unschedulable?: boolean;
}
export interface NodeStatusInput {
  readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  readonly addresses?: readonly { readonly type: string; readonly address: string }[];
}
export type Node = KubeObject<'Node', NodeSpec, NodeStatusInput>;

/** Secrets are read only for OIDC client credentials; values are kept decoded and never printed. */
export type Secret = KubeObject<'Secret', { readonly data: Readonly<Record<string, string>> }>;
