/**
 * Target group health checks (model_build_target_group.go constants and
 * buildTargetGroupHealthCheckConfig): explicit defaults 15/5/3/3, `/`, `200-399`, gRPC `12` and
 * `/AWS.ALB/healthcheck`; NLB instance targets of an `externalTrafficPolicy: Local` Service use
 * HTTP `/healthz` 10/6/2/2 on the healthCheckNodePort. Each TGC field overrides independently.
 */
import type { LoadBalancerType } from '../resolve/types.js';
import type { HealthCheckConfiguration, TargetGroupProps } from '../source/lbc-crds.js';
import type { Service } from '../source/core-kinds.js';
import type { FieldResult } from './tg-fields.js';
import type { HealthCheckConfig, Protocol, ProtocolVersion, TargetType } from './stack.js';

export interface HealthCheckInputs {
  readonly lbType: LoadBalancerType;
  readonly config?: HealthCheckConfiguration;
  readonly tgProtocol: Protocol;
  readonly protocolVersion?: ProtocolVersion;
  readonly targetType: TargetType;
  /** NLB + instance + Service externalTrafficPolicy Local. */
  readonly localTrafficPolicy: boolean;
  /** Already resolved: `traffic-port` or a number. */
  readonly port: string | number;
}

export function buildHealthCheck(i: HealthCheckInputs): HealthCheckConfig {
  const c = i.config;
  const local = i.localTrafficPolicy;
  let protocol: Protocol;
  if (c?.healthCheckProtocol === undefined) {
    if (i.lbType === 'network') protocol = local ? 'HTTP' : i.targetType === 'alb' ? 'HTTP' : 'TCP';
    else protocol = i.tgProtocol;
  } else protocol = c.healthCheckProtocol;

  let path: string | undefined;
  let matcher: HealthCheckConfig['matcher'];
  if (protocol !== 'TCP') {
    const grpc = i.protocolVersion === 'GRPC';
    if (c?.healthCheckPath !== undefined) path = c.healthCheckPath;
    else if (grpc) path = '/AWS.ALB/healthcheck';
    else if (i.lbType === 'network' && local) path = '/healthz';
    else path = '/';
    matcher = grpc ? { grpcCode: c?.matcher?.grpcCode ?? '12' } : { httpCode: c?.matcher?.httpCode ?? '200-399' };
  }
  return {
    port: i.port,
    protocol,
    ...(path !== undefined ? { path } : {}),
    ...(matcher ? { matcher } : {}),
    intervalSeconds: c?.healthCheckInterval ?? (local ? 10 : 15),
    timeoutSeconds: c?.healthCheckTimeout ?? (local ? 6 : 5),
    healthyThresholdCount: c?.healthyThresholdCount ?? (local ? 2 : 3),
    unhealthyThresholdCount: c?.unhealthyThresholdCount ?? (local ? 2 : 3),
  };
}

/** The usual answer, one frozen object: the port is asked for on every use of a target group. */
const TRAFFIC_PORT: FieldResult<string | number> = Object.freeze({ ok: true, value: 'traffic-port' });

/**
 * `ServiceBackendConfig.GetHealthCheckPort` (backend_service.go 45–75): `traffic-port`, a number
 * (`intstr.Parse`: what strconv.Atoi reads, sign included), or a Service port name resolved to its
 * nodePort (instance) or numeric targetPort (ip).
 */
export function healthCheckPort(
  props: TargetGroupProps | undefined,
  targetType: TargetType,
  local: boolean,
  svc: Service,
): FieldResult<string | number> {
  const configured = props?.healthCheckConfig?.healthCheckPort;
  if (configured === undefined && local) return { ok: true, value: svc.spec.healthCheckNodePort ?? 0 };
  if (configured === undefined || configured === 'traffic-port') return TRAFFIC_PORT;
  if (/^[+-]?\d+$/.test(configured)) return { ok: true, value: Number(configured) };
  const p = svc.spec.ports.find((x) => x.name === configured);
  // k8s.LookupServicePort (pkg/k8s/service_utils.go 25).
  if (!p) return { ok: false, error: `unable to find port ${configured} on service ${svc.metadata.namespace}/${svc.metadata.name}` };
  if (targetType === 'instance') return { ok: true, value: p.nodePort ?? 0 };
  if (typeof p.targetPort === 'number') return { ok: true, value: p.targetPort };
  return { ok: false, error: "cannot use named healthCheckPort for IP TargetType when service's targetPort is a named port" };
}
