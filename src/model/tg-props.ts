/**
 * TargetGroupConfiguration props for one (backend, route) (pkg/gateway/tg_config_constructor.go,
 * routeutils/backend_service.go): within a TGC, the best routeConfiguration merged over
 * defaultConfiguration; then the Service TGC's props merged over the Gateway default TGC's.
 */
import type { KeyValue, TargetGroupConfiguration, TargetGroupProps } from '../source/lbc-crds.js';

const KIND_NS_RANK = 2;
const KIND_RANK = 1;

function mergeAttributes(high: readonly KeyValue[] | undefined, low: readonly KeyValue[] | undefined): KeyValue[] | undefined {
  if (!high && !low) return undefined;
  const m = new Map<string, string>();
  for (const a of low ?? []) m.set(a.key, a.value);
  for (const a of high ?? []) m.set(a.key, a.value);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
}

/** `merge(high, low)`: take-one for scalars/blocks (healthCheckConfig whole), union for tags/attributes. */
export function mergeProps(high: TargetGroupProps | undefined, low: TargetGroupProps | undefined): TargetGroupProps | undefined {
  if (!high) return low;
  if (!low) return high;
  const tags = high.tags || low.tags ? { ...(low.tags ?? {}), ...(high.tags ?? {}) } : undefined;
  const attrs = mergeAttributes(high.targetGroupAttributes, low.targetGroupAttributes);
  return {
    targetGroupName: high.targetGroupName ?? low.targetGroupName,
    ipAddressType: high.ipAddressType ?? low.ipAddressType,
    healthCheckConfig: high.healthCheckConfig ?? low.healthCheckConfig,
    nodeSelector: high.nodeSelector ?? low.nodeSelector,
    targetType: high.targetType ?? low.targetType,
    protocol: high.protocol ?? low.protocol,
    protocolVersion: high.protocolVersion ?? low.protocolVersion,
    targetControlPort: high.targetControlPort ?? low.targetControlPort,
    enableMultiCluster: high.enableMultiCluster ?? low.enableMultiCluster,
    ...(tags ? { tags } : {}),
    ...(attrs ? { targetGroupAttributes: attrs } : {}),
  };
}

/** `ConstructTargetGroupConfigForRoute` / `mergeWithLongestMatch`. */
export function propsForRoute(tgc: TargetGroupConfiguration | undefined, routeName: string, routeNamespace: string, routeKind: string): TargetGroupProps | undefined {
  if (!tgc) return undefined;
  const initial = tgc.spec.defaultConfiguration ?? {};
  let matched: TargetGroupProps | undefined;
  let longest = 0;
  for (const rc of tgc.spec.routeConfigurations ?? []) {
    const id = rc.routeIdentifier;
    const kindEquals = (id.kind ?? '') === routeKind;
    const nsEquals = (id.namespace ?? '') === routeNamespace;
    const nameEquals = (id.name ?? '') === routeName;
    if (kindEquals && nsEquals && nameEquals) {
      matched = rc.targetGroupProps;
      break;
    }
    if ((id.name ?? '') !== '') continue;
    if (kindEquals && nsEquals && KIND_NS_RANK > longest) {
      matched = rc.targetGroupProps;
      longest = KIND_NS_RANK;
    } else if (kindEquals && (id.namespace ?? '') === '' && KIND_RANK > longest) {
      matched = rc.targetGroupProps;
      longest = KIND_RANK;
    }
  }
  return mergeProps(matched, initial);
}

export function servicePropsForRoute(
  serviceTgc: TargetGroupConfiguration | undefined,
  defaultTgc: TargetGroupConfiguration | undefined,
  routeName: string,
  routeNamespace: string,
  routeKind: string,
): TargetGroupProps | undefined {
  const gatewayProps = propsForRoute(defaultTgc, routeName, routeNamespace, routeKind);
  const serviceProps = propsForRoute(serviceTgc, routeName, routeNamespace, routeKind);
  return mergeProps(serviceProps, gatewayProps);
}
