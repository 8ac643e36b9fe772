/**
 * Fixtures for the ports of LBC's routeutils rule tests (route_rule_*_test.go): a Gateway `ns/gw`
 * with one listener (HTTPS:443 by default, so GRPCRoutes and pre-routing actions apply; its
 * certificate comes from a LoadBalancerConfiguration), routes written as plain objects, one
 * backend Service per route rule, and readers that turn the built ListenerRules back into
 * something a Go case can be compared with: which route rule each priority belongs to, its host,
 * its path, its conditions, actions and transforms.
 */
import { targetGroupResourceId } from '../../src/model/names.js';
import { ALB_CLASS, lbcCase } from './harness.js';
import type { LbcCaseOptions, LbcCaseResult } from './harness.js';

export interface RouteDef {
  readonly kind?: 'HTTPRoute' | 'GRPCRoute';
  readonly name: string;
  /** Default `ns` (the Gateway's namespace; the listener admits routes from every namespace). */
  readonly namespace?: string;
  /** RFC 3339; absent means every such route ties on creation time, as Go's zero time does. */
  readonly created?: string;
  readonly hostnames?: readonly string[];
  /**
   * Route rules as written in a manifest (matches, filters…). Each gets a backendRef to its own
   * Service `<name>-r<index>` unless it has `backendRefs`; absent `rules` means one rule
   * without matches.
   */
  readonly rules?: readonly Record<string, unknown>[];
}

export interface ListenerDef {
  readonly protocol?: 'HTTP' | 'HTTPS';
  readonly hostname?: string;
}

export interface RuleCaseOptions extends LbcCaseOptions {
  readonly listener?: ListenerDef;
  /** More objects (ListenerRuleConfigurations, Secrets…), as plain objects. */
  readonly extra?: readonly object[];
}

export interface BuiltRule {
  readonly priority: number;
  /** `<route name>#<rule index>` of the route rule whose backend the rule forwards to, else `?`. */
  readonly origin: string;
  /** The host-header value, or `*` for none (a catch-all). */
  readonly host: string;
  /** Path-pattern values joined with `|`, regex values as `~value`; `-` for none. */
  readonly path: string;
  readonly conditions: readonly Record<string, unknown>[];
  readonly actions: readonly Record<string, unknown>[];
  readonly transforms?: readonly Record<string, unknown>[];
}

export interface RuleCase {
  readonly result: LbcCaseResult;
  /** The listener's rules in priority order. */
  readonly rules: readonly BuiltRule[];
  /** `origin host path` per rule, in priority order. */
  readonly lines: readonly string[];
}

const PORT = { HTTP: 80, HTTPS: 443 } as const;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/test';

function backendName(route: RouteDef, ruleIndex: number): string {
  return `${route.name}-r${ruleIndex}`;
}

function routeObject(route: RouteDef): object {
  const namespace = route.namespace ?? 'ns';
  const rules = (route.rules ?? [{}]).map((rule, i) => ({ ...rule, backendRefs: rule['backendRefs'] ?? [{ name: backendName(route, i), port: 80 }] }));
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: route.kind ?? 'HTTPRoute',
    metadata: { name: route.name, namespace, ...(route.created ? { creationTimestamp: route.created } : {}) },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'ns' }],
      ...(route.hostnames ? { hostnames: route.hostnames } : {}),
      rules,
    },
  };
}

function servicesOf(route: RouteDef): object[] {
  return (route.rules ?? [{}]).map((_, i) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: backendName(route, i), namespace: route.namespace ?? 'ns' },
    spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
  }));
}

/** The Gateway, its LoadBalancerConfiguration, the routes and their Services, as YAML text. */
export function manifests(routes: readonly RouteDef[], options: Pick<RuleCaseOptions, 'listener' | 'extra'> = {}): string {
  const protocol = options.listener?.protocol ?? 'HTTPS';
  const gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'ns', uid: '11111111-2222-3333-4444-555555555555' },
    spec: {
      gatewayClassName: 'alb',
      infrastructure: { parametersRef: { group: 'gateway.k8s.aws', kind: 'LoadBalancerConfiguration', name: 'lbc' } },
      listeners: [
        {
          name: 'l',
          port: PORT[protocol],
          protocol,
          ...(options.listener?.hostname ? { hostname: options.listener.hostname } : {}),
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
  };
  const config = {
    apiVersion: 'gateway.k8s.aws/v1beta1',
    kind: 'LoadBalancerConfiguration',
    metadata: { name: 'lbc', namespace: 'ns' },
    spec: protocol === 'HTTPS' ? { listenerConfigurations: [{ protocolPort: 'HTTPS:443', defaultCertificate: CERT }] } : {},
  };
  const objects = [gateway, config, ...routes.map(routeObject), ...routes.flatMap(servicesOf), ...(options.extra ?? [])];
  return [ALB_CLASS, ...objects.map((o) => JSON.stringify(o))].join('\n---\n');
}

function describePath(conditions: readonly Record<string, unknown>[]): string {
  const c = conditions.find((x) => x['field'] === 'path-pattern')?.['pathPatternConfig'] as { values?: string[]; regexValues?: string[] } | undefined;
  if (!c) return '-';
  return [...(c.values ?? []), ...(c.regexValues ?? []).map((v) => `~${v}`)].join('|');
}

function describeHost(conditions: readonly Record<string, unknown>[]): string {
  const c = conditions.find((x) => x['field'] === 'host-header')?.['hostHeaderConfig'] as { values: string[] } | undefined;
  return c ? c.values.join('|') : '*';
}

/** Runs the routes through gwlb and reads back the listener's rules in priority order. */
export function ruleCase(routes: readonly RouteDef[], options: RuleCaseOptions = {}): RuleCase {
  const result = lbcCase(manifests(routes, options), options);
  const protocol = options.listener?.protocol ?? 'HTTPS';
  const origins = new Map<string, string>();
  for (const route of routes) {
    const ns = route.namespace ?? 'ns';
    (route.rules ?? [{}]).forEach((_, i) => {
      origins.set(targetGroupResourceId('ns', 'gw', ns, route.name, route.kind ?? 'HTTPRoute', ns, backendName(route, i), '8080'), `${route.name}#${i}`);
    });
  }
  const stack = result.stacks.find((s) => s.id === 'ns/gw');
  const byId = stack ? (result.stackJson('ns/gw').resources['AWS::ElasticLoadBalancingV2::ListenerRule'] ?? {}) : {};
  const rules = Object.entries(byId)
    .filter(([id]) => id.startsWith(`${PORT[protocol]}:`))
    .map(([, r]) => r.spec)
    .sort((a, b) => (a['priority'] as number) - (b['priority'] as number))
    .map((spec): BuiltRule => {
      const conditions = spec['conditions'] as Record<string, unknown>[];
      const actions = spec['actions'] as Record<string, unknown>[];
      const text = JSON.stringify(actions);
      const origin = [...origins].find(([id]) => text.includes(`TargetGroup/${id}/`))?.[1] ?? '?';
      const transforms = spec['transforms'] as Record<string, unknown>[] | undefined;
      return {
        priority: spec['priority'] as number,
        origin,
        host: describeHost(conditions),
        path: describePath(conditions),
        conditions,
        actions,
        ...(transforms ? { transforms } : {}),
      };
    });
  return { result, rules, lines: rules.map((r) => `${r.origin} ${r.host} ${r.path}`) };
}

/** `origin` per rule in priority order: the compact view for precedence cases. */
export function order(routes: readonly RouteDef[], options: RuleCaseOptions = {}): string[] {
  return ruleCase(routes, options).rules.map((r) => r.origin);
}

/** A ListenerRuleConfiguration in namespace `ns`, and the ExtensionRef filter that uses it. */
export function lrc(name: string, spec: object, namespace = 'ns'): object {
  return { apiVersion: 'gateway.k8s.aws/v1beta1', kind: 'ListenerRuleConfiguration', metadata: { name, namespace }, spec };
}

export function lrcFilter(name: string): object {
  return { type: 'ExtensionRef', extensionRef: { group: 'gateway.k8s.aws', kind: 'ListenerRuleConfiguration', name } };
}

/** A Secret with the given data (plain text; base64-encoded here as the API server stores it). */
export function secret(name: string, data: Readonly<Record<string, string>>, namespace = 'ns'): object {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data: encoded };
}

/** A deterministic permutation generator (mulberry32), for order-independence cases. */
export function shuffler(seed: number): <T>(items: readonly T[]) => T[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}
