/**
 * Manifest builders for the listener ports (model_build_listener, route_listener_mapper,
 * listener_utils). Manifests are written as objects and emitted as YAML flow documents (JSON is
 * YAML), so each case reads as the Kubernetes objects it stands for.
 */
import { ALB_CLASS } from './harness.js';

export const NS = 'ns';
export const GW_UID = '11111111-2222-3333-4444-555555555555';

export type Obj = Record<string, unknown>;

/** Documents → one multi-document YAML text, with both GatewayClasses (`alb`, `nlb`) first. */
export function manifests(...docs: (Obj | string)[]): string {
  return [ALB_CLASS, ...docs.map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))].join('\n---\n');
}

export interface GatewayOptions {
  readonly name?: string;
  readonly namespace?: string;
  /** Names a LoadBalancerConfiguration `<name>-config` emitted by `lbConfig`. */
  readonly lbConfig?: Obj;
  /** Extra Gateway spec fields (e.g. `allowedListeners`). */
  readonly spec?: Obj;
}

/** A Gateway of class `alb` or `nlb`, plus its LoadBalancerConfiguration when `lbConfig` is given. */
export function gateway(cls: 'alb' | 'nlb', listeners: Obj[], opts: GatewayOptions = {}): Obj[] {
  const name = opts.name ?? 'gw';
  const namespace = opts.namespace ?? NS;
  const gw: Obj = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace, uid: GW_UID },
    spec: {
      gatewayClassName: cls,
      listeners,
      ...opts.spec,
      ...(opts.lbConfig ? { infrastructure: { parametersRef: { group: 'gateway.k8s.aws', kind: 'LoadBalancerConfiguration', name: `${name}-config` } } } : {}),
    },
  };
  if (!opts.lbConfig) return [gw];
  const cfg = { apiVersion: 'gateway.k8s.aws/v1beta1', kind: 'LoadBalancerConfiguration', metadata: { name: `${name}-config`, namespace }, spec: opts.lbConfig };
  return [gw, cfg];
}

export function listener(name: string, port: number, protocol: string, extra: Obj = {}): Obj {
  return { name, port, protocol, ...extra };
}

export interface RouteOptions {
  readonly namespace?: string;
  readonly parentRefs?: Obj[];
  readonly hostnames?: string[];
  readonly rules?: Obj[];
  readonly creationTimestamp?: string;
}

export function route(kind: 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'UDPRoute' | 'TLSRoute', name: string, opts: RouteOptions = {}): Obj {
  const apiVersion = kind === 'HTTPRoute' || kind === 'GRPCRoute' ? 'gateway.networking.k8s.io/v1' : 'gateway.networking.k8s.io/v1alpha2';
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: opts.namespace ?? NS, ...(opts.creationTimestamp ? { creationTimestamp: opts.creationTimestamp } : {}) },
    spec: {
      parentRefs: opts.parentRefs ?? [{ name: 'gw', namespace: NS }],
      ...(opts.hostnames ? { hostnames: opts.hostnames } : {}),
      rules: opts.rules ?? [{ backendRefs: [{ name: 'svc', port: 80 }] }],
    },
  };
}

export function service(name = 'svc', namespace = NS, port = 80): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type: 'NodePort', ports: [{ port, targetPort: 8080, nodePort: 30080 }] } };
}

export function certificate(arn: string, ...domains: string[]) {
  return { arn, domains, status: 'ISSUED' };
}

/** A ListenerSet attached to Gateway `gw` (which must allow it through `allowedListeners`). */
export function listenerSet(name: string, listeners: Obj[], opts: { namespace?: string; creationTimestamp?: string; gateway?: string } = {}): Obj {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ListenerSet',
    metadata: { name, namespace: opts.namespace ?? NS, ...(opts.creationTimestamp ? { creationTimestamp: opts.creationTimestamp } : {}) },
    spec: { parentRef: { name: opts.gateway ?? 'gw', namespace: NS }, listeners },
  };
}
