/**
 * Gateway API v1.6 object shapes, as gwlb holds them after decoding, validation and the CRD
 * defaults the API server would apply (see schema/). Optional fields stay optional where the
 * CRDs have no default; fields the CRDs default are required here.
 */
import type { Condition, KubeObject, LabelSelector } from './kube.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | (string & {});
export type RouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'UDPRoute' | 'TLSRoute';
export const ROUTE_KINDS: readonly RouteKind[] = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute'];

// ---------------------------------------------------------------------------------------------
// GatewayClass

export interface ParametersReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface GatewayClassSpec {
  readonly controllerName: string;
  readonly parametersRef?: ParametersReference;
  readonly description?: string;
}
export type GatewayClass = KubeObject<'GatewayClass', GatewayClassSpec, { conditions?: Condition[] }>;

// ---------------------------------------------------------------------------------------------
// Gateway and ListenerSet

export interface RouteGroupKind {
  readonly group: string;
  readonly kind: string;
}

export type FromNamespaces = 'All' | 'Same' | 'Selector' | 'None';

export interface AllowedRoutes {
  readonly namespaces: { readonly from: FromNamespaces; readonly selector?: LabelSelector };
  readonly kinds?: readonly RouteGroupKind[];
}

export interface SecretObjectReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface GatewayTLSConfig {
  readonly mode: 'Terminate' | 'Passthrough';
  readonly certificateRefs?: readonly SecretObjectReference[];
  readonly options?: Readonly<Record<string, string>>;
}

export interface Listener {
  readonly name: string;
  readonly hostname?: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  readonly tls?: GatewayTLSConfig;
  /** Defaulted to `{namespaces: {from: Same}}` (LBC would nil-dereference without it). */
  readonly allowedRoutes: AllowedRoutes;
}

export interface LocalParametersReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

export interface GatewaySpec {
  readonly gatewayClassName: string;
  readonly listeners: readonly Listener[];
  readonly addresses?: readonly { readonly type?: string; readonly value: string }[];
  readonly infrastructure?: {
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly parametersRef?: LocalParametersReference;
  };
  /** Defaulted to `{namespaces: {from: None}}`. */
  readonly allowedListeners: { readonly namespaces: { readonly from: FromNamespaces; readonly selector?: LabelSelector } };
}

export interface GatewayStatusInput {
  readonly conditions?: readonly Condition[];
  readonly addresses?: readonly { type?: string; value: string }[];
}
export type Gateway = KubeObject<'Gateway', GatewaySpec, GatewayStatusInput>;

export interface ParentGatewayReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface ListenerSetSpec {
  readonly parentRef: ParentGatewayReference;
  readonly listeners: readonly Listener[];
}
/** `ListenerSet` (gateway.networking.k8s.io v1 in Gateway API 1.6; XListenerSet in experimental builds is accepted too). */
export type ListenerSet = KubeObject<'ListenerSet', ListenerSetSpec>;

// ---------------------------------------------------------------------------------------------
// Routes: shared pieces

export interface ParentReference {
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
}

export interface BackendRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
  /** Defaulted to 1. */
  readonly weight: number;
  readonly filters?: readonly HTTPRouteFilter[];
}

export interface LocalObjectReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------
// HTTPRoute

export type PathMatchType = 'Exact' | 'PathPrefix' | 'RegularExpression';
export type HeaderMatchType = 'Exact' | 'RegularExpression';

export interface HTTPPathMatch {
  readonly type: PathMatchType;
  readonly value: string;
}

export interface HTTPHeaderMatch {
  readonly type: HeaderMatchType;
  readonly name: string;
  readonly value: string;
}

export interface HTTPQueryParamMatch {
  readonly type: HeaderMatchType;
  readonly name: string;
  readonly value: string;
}

export interface HTTPRouteMatch {
  /** Defaulted to PathPrefix `/`. */
  readonly path: HTTPPathMatch;
  readonly headers?: readonly HTTPHeaderMatch[];
  readonly queryParams?: readonly HTTPQueryParamMatch[];
  readonly method?: string;
}

export interface HTTPPathModifier {
  readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  readonly replaceFullPath?: string;
  readonly replacePrefixMatch?: string;
}

export interface HTTPRequestRedirectFilter {
  readonly scheme?: string;
  readonly hostname?: string;
  readonly path?: HTTPPathModifier;
  readonly port?: number;
  /** Defaulted to 302. */
  readonly statusCode: number;
}

export interface HTTPURLRewriteFilter {
  readonly hostname?: string;
  readonly path?: HTTPPathModifier;
}

export interface HTTPHeaderFilter {
  readonly set?: readonly { name: string; value: string }[];
  readonly add?: readonly { name: string; value: string }[];
  readonly remove?: readonly string[];
}

export type HTTPRouteFilterType =
  | 'RequestHeaderModifier'
  | 'ResponseHeaderModifier'
  | 'RequestMirror'
  | 'RequestRedirect'
  | 'URLRewrite'
  | 'CORS'
  | 'ExternalAuth'
  | 'ExtensionRef';

export interface HTTPRouteFilter {
  readonly type: HTTPRouteFilterType;
  readonly requestHeaderModifier?: HTTPHeaderFilter;
  readonly responseHeaderModifier?: HTTPHeaderFilter;
  readonly requestMirror?: unknown;
  readonly requestRedirect?: HTTPRequestRedirectFilter;
  readonly urlRewrite?: HTTPURLRewriteFilter;
  readonly cors?: unknown;
  readonly externalAuth?: unknown;
  readonly extensionRef?: LocalObjectReference;
}

export interface HTTPRouteRule {
  readonly name?: string;
  /** Defaulted to `[{path: {type: PathPrefix, value: "/"}}]`. */
  readonly matches: readonly HTTPRouteMatch[];
  readonly filters?: readonly HTTPRouteFilter[];
  readonly backendRefs?: readonly BackendRef[];
  readonly timeouts?: unknown;
}

export interface HTTPRouteSpec {
  readonly parentRefs: readonly ParentReference[];
  readonly hostnames: readonly string[];
  /** Defaulted to one catch-all rule. */
  readonly rules: readonly HTTPRouteRule[];
}

// ---------------------------------------------------------------------------------------------
// GRPCRoute

export interface GRPCMethodMatch {
  readonly type: 'Exact' | 'RegularExpression';
  readonly service?: string;
  readonly method?: string;
}

export interface GRPCHeaderMatch {
  readonly type: 'Exact' | 'RegularExpression';
  readonly name: string;
  readonly value: string;
}

export interface GRPCRouteMatch {
  readonly method?: GRPCMethodMatch;
  readonly headers?: readonly GRPCHeaderMatch[];
}

export interface GRPCRouteFilter {
  readonly type: 'RequestHeaderModifier' | 'ResponseHeaderModifier' | 'RequestMirror' | 'ExtensionRef' | (string & {});
  readonly extensionRef?: LocalObjectReference;
  readonly [other: string]: unknown;
}

export interface GRPCRouteRule {
  readonly name?: string;
  /** No default: a rule without matches is a catch-all (match index +∞ in LBC's precedence). */
  readonly matches?: readonly GRPCRouteMatch[];
  readonly filters?: readonly GRPCRouteFilter[];
  readonly backendRefs?: readonly BackendRef[];
}

export interface GRPCRouteSpec {
  readonly parentRefs: readonly ParentReference[];
  readonly hostnames: readonly string[];
  readonly rules: readonly GRPCRouteRule[];
}

// ---------------------------------------------------------------------------------------------
// L4 routes

export interface L4RouteRule {
  readonly name?: string;
  readonly backendRefs: readonly BackendRef[];
}

export interface TCPRouteSpec {
  readonly parentRefs: readonly ParentReference[];
  readonly rules: readonly L4RouteRule[];
}

export interface TLSRouteSpec {
  readonly parentRefs: readonly ParentReference[];
  readonly hostnames: readonly string[];
  readonly rules: readonly L4RouteRule[];
}

export interface RouteStatusInput {
  readonly parents?: readonly unknown[];
}

export type HTTPRoute = KubeObject<'HTTPRoute', HTTPRouteSpec, RouteStatusInput>;
export type GRPCRoute = KubeObject<'GRPCRoute', GRPCRouteSpec, RouteStatusInput>;
export type TCPRoute = KubeObject<'TCPRoute', TCPRouteSpec, RouteStatusInput>;
export type UDPRoute = KubeObject<'UDPRoute', TCPRouteSpec, RouteStatusInput>;
export type TLSRoute = KubeObject<'TLSRoute', TLSRouteSpec, RouteStatusInput>;

export type Route = HTTPRoute | GRPCRoute | TCPRoute | UDPRoute | TLSRoute;
export type L7Route = HTTPRoute | GRPCRoute;
export type L4Route = TCPRoute | UDPRoute | TLSRoute;

/** Hostnames of a route; TCP and UDP routes have none. */
export function routeHostnames(route: Route): readonly string[] {
  switch (route.kind) {
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TLSRoute':
      return route.spec.hostnames;
    case 'TCPRoute':
    case 'UDPRoute':
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// ReferenceGrant

export interface ReferenceGrantSpec {
  readonly from: readonly { readonly group: string; readonly kind: string; readonly namespace: string }[];
  readonly to: readonly { readonly group: string; readonly kind: string; readonly name?: string }[];
}
export type ReferenceGrant = KubeObject<'ReferenceGrant', ReferenceGrantSpec>;
