/**
 * Single fields of a target group spec, each as LBC's builder computes it
 * (pkg/gateway/model/model_build_target_group.go @ v3.5.0). A field that LBC can refuse is a
 * `FieldResult`: the value, or LBC's error text.
 */
import type { LoadBalancerType } from '../resolve/types.js';
import type { KeyValue, TargetGroupProps } from '../source/lbc-crds.js';
import type { KeyValueAttribute, Protocol, ProtocolVersion, TargetType } from './stack.js';

export type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const refused = <T>(error: string): FieldResult<T> => ({ ok: false, error });

/** `inferTargetGroupProtocolFromRoute` (379–397). */
function protocolOfRoute(lb: LoadBalancerType, routeKind: string): Protocol {
  switch (routeKind) {
    case 'UDPRoute':
      return 'UDP';
    case 'HTTPRoute':
    case 'GRPCRoute':
      return 'HTTP';
    case 'TLSRoute':
      return lb === 'network' ? 'TLS' : 'HTTPS';
    default:
      return 'TCP';
  }
}

/** `buildTargetGroupProtocol` / `buildL7TargetGroupProtocol` / `buildL4TargetGroupProtocol` (347–377). */
export function targetGroupProtocol(lb: LoadBalancerType, props: TargetGroupProps | undefined, routeKind: string, listenerProtocol: Protocol): FieldResult<Protocol> {
  if (lb === 'network' && (listenerProtocol === 'TCP_UDP' || listenerProtocol === 'QUIC' || listenerProtocol === 'TCP_QUIC')) return ok(listenerProtocol);
  const p = props?.protocol;
  if (p === undefined) return ok(protocolOfRoute(lb, routeKind));
  if (lb === 'application') return p === 'HTTP' || p === 'HTTPS' ? ok(p) : refused(`backend protocol must be within [HTTP, HTTPS]: ${p}`);
  // QUIC and TCP_QUIC are named in the message but not accepted (LBC's switch has no case for them).
  return p === 'TCP' || p === 'TLS' || p === 'UDP' || p === 'TCP_UDP' ? ok(p) : refused(`backend protocol must be within [TCP, UDP, TCP_UDP, TLS, QUIC, TCP_QUIC]: ${p}`);
}

/** `buildTargetGroupProtocolVersion` (404–433): ALB only; non-HTTPS listeners always HTTP1. */
export function targetGroupProtocolVersion(
  lb: LoadBalancerType,
  props: TargetGroupProps | undefined,
  routeKind: string,
  listenerProtocol: Protocol,
  appProtocol?: string,
): ProtocolVersion | undefined {
  if (lb === 'network') return undefined;
  if (listenerProtocol !== 'HTTPS') return 'HTTP1';
  if (props?.protocolVersion !== undefined) return props.protocolVersion;
  if (routeKind === 'GRPCRoute') return 'GRPC';
  // ServiceBackendConfig.GetProtocolVersion (backend_service.go); Gateway backends have none.
  if (appProtocol === 'kubernetes.io/h2c') return 'HTTP2';
  return 'HTTP1';
}

/**
 * `buildTargetControlPort` (650–670): the protocol is checked before the target type, so a
 * Gateway backend on a TCP target group hears about the protocol, not about ALB targets.
 */
export function targetControlPort(props: TargetGroupProps | undefined, protocol: Protocol, targetType: TargetType): FieldResult<number | undefined> {
  const port = props?.targetControlPort;
  if (port === undefined) return ok(undefined);
  if (protocol !== 'HTTP' && protocol !== 'HTTPS') return refused(`target control port is only supported for HTTP and HTTPS protocols, got: ${protocol}`);
  switch (targetType) {
    case 'instance':
      return refused('target control port is not supported for instance target target group');
    case 'alb':
      return refused('target control port is not supported for ALB target target group');
    case 'ip':
      return ok(port);
  }
}

/**
 * `buildTargetGroupAttributes` + `convertMapToAttributes` (584–605): through a map, so a repeated
 * key keeps its last value. LBC's order is the map's (random); gwlb keeps first-seen order.
 */
export function targetGroupAttributes(attrs: readonly KeyValue[] | undefined): KeyValueAttribute[] {
  const m = new Map<string, string>();
  for (const a of attrs ?? []) m.set(a.key, a.value);
  // A loop, not `.map`: optimised code's `.map` makes holey arrays and the builtin packed ones, and
  // the pre-flight that reads every target group's attributes deoptimised on the second kind.
  const out: KeyValueAttribute[] = [];
  for (const [key, value] of m) out.push({ key, value });
  return out;
}
