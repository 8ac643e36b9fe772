/**
 * Target group health checks: defaults by protocol and target type, and validation of
 * ranges and combinations (aws-api-facts.md §3.5). Used by CreateTargetGroup (from defaults)
 * and ModifyTargetGroup (from the current settings).
 */
import {
  grpcCodesError,
  HEALTH_CHECK_RANGES as R,
  healthCheckPathError,
  healthCheckPortError,
  healthCheckProtocolError,
  healthCheckTimeoutError,
  httpCodesError,
} from '../../aws-rules/health-checks.js';
import { AwsError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { isNetworkProtocol } from './attribute-defaults.js';
import type { HealthCheckRecord } from './records.js';

const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'] as const;

export interface TargetGroupKind {
  readonly protocol?: string;
  readonly targetType: string;
  readonly protocolVersion?: string;
}

export function defaultHealthCheck(tg: TargetGroupKind): HealthCheckRecord {
  if (tg.targetType === 'lambda') {
    return { enabled: false, intervalSeconds: 35, timeoutSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 5, path: '/', matcher: { HttpCode: '200' } };
  }
  if (tg.protocol === 'GENEVE') {
    return { protocol: 'TCP', port: '80', enabled: true, intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 5, unhealthyThreshold: 2 };
  }
  if (isNetworkProtocol(tg.protocol)) {
    return { protocol: 'TCP', port: 'traffic-port', enabled: true, intervalSeconds: 30, timeoutSeconds: 10, healthyThreshold: 5, unhealthyThreshold: 2 };
  }
  const grpc = tg.protocolVersion === 'GRPC';
  return {
    protocol: tg.protocol ?? 'HTTP',
    port: 'traffic-port',
    enabled: true,
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    path: grpc ? '/AWS.ALB/healthcheck' : '/',
    matcher: grpc ? { GrpcCode: '12' } : { HttpCode: '200' },
  };
}

/** Throws AWS's ValidationError when a shared rule (src/aws-rules/health-checks.ts) rejects the value. */
function check(message: string | undefined): void {
  if (message) throw validationError(message);
}

/** Applies the request's HealthCheck* members and Matcher on top of `base`, then validates the result. */
export function readHealthCheck(input: QueryInput, tg: TargetGroupKind, base: HealthCheckRecord): HealthCheckRecord {
  const hc: HealthCheckRecord = { ...base, ...(base.matcher ? { matcher: { ...base.matcher } } : {}) };
  const protocol = input.enumValue('HealthCheckProtocol', HEALTH_CHECK_PROTOCOLS);
  if (protocol !== undefined) {
    if (protocol !== 'HTTP' && protocol !== 'HTTPS' && protocol !== 'TCP') throw validationError(`Health check protocol '${protocol}' is not supported; use HTTP, HTTPS or TCP`);
    check(healthCheckProtocolError(protocol, tg.protocol));
    hc.protocol = protocol;
  }
  const port = input.str('HealthCheckPort');
  if (port !== undefined) {
    check(healthCheckPortError(port));
    hc.port = port;
  }
  const enabled = input.bool('HealthCheckEnabled');
  if (enabled !== undefined) {
    if (!enabled && tg.targetType !== 'lambda') throw new AwsError('InvalidConfigurationRequest', `Health checks cannot be disabled for target groups with target type '${tg.targetType}'`);
    hc.enabled = enabled;
  }
  const int = (member: keyof typeof R): number | undefined => input.int(member, { min: R[member][0], max: R[member][1] });
  hc.intervalSeconds = int('HealthCheckIntervalSeconds') ?? hc.intervalSeconds;
  hc.timeoutSeconds = int('HealthCheckTimeoutSeconds') ?? hc.timeoutSeconds;
  hc.healthyThreshold = int('HealthyThresholdCount') ?? hc.healthyThreshold;
  hc.unhealthyThreshold = int('UnhealthyThresholdCount') ?? hc.unhealthyThreshold;
  const httpCheck = hc.protocol === 'HTTP' || hc.protocol === 'HTTPS' || tg.targetType === 'lambda';
  if (protocol !== undefined && httpCheck && isNetworkProtocol(tg.protocol)) {
    // NLB HTTP(S) health checks get a path and the NLB matcher (§3.5).
    hc.path = hc.path ?? '/';
    hc.matcher = hc.matcher ?? { HttpCode: '200-399' };
    if (protocol === 'HTTP' && input.str('HealthCheckTimeoutSeconds') === undefined && base.timeoutSeconds === 10) hc.timeoutSeconds = 6;
  }
  if (protocol === 'TCP') {
    delete hc.path;
    delete hc.matcher;
  }
  const path = input.str('HealthCheckPath');
  if (path !== undefined) {
    if (!httpCheck) throw validationError('A health check path can only be given for HTTP or HTTPS health checks');
    check(healthCheckPathError(path));
    hc.path = path;
  }
  const matcher = input.child('Matcher');
  if (matcher) {
    if (!httpCheck) throw validationError('A health check matcher can only be given for HTTP or HTTPS health checks');
    const httpCode = matcher.str('HttpCode');
    const grpcCode = matcher.str('GrpcCode');
    if (tg.protocolVersion === 'GRPC') {
      if (grpcCode === undefined || httpCode !== undefined) throw validationError('A GRPC target group needs Matcher.GrpcCode (0-99) and no HttpCode');
      check(grpcCodesError(grpcCode));
      hc.matcher = { GrpcCode: grpcCode };
    } else {
      if (httpCode === undefined || grpcCode !== undefined) throw validationError('Matcher.HttpCode must be given (and GrpcCode only for GRPC target groups)');
      // NLB matchers take 200–599 (§3.5); everything else the ALB's 200–499.
      if (isNetworkProtocol(tg.protocol)) check(httpCodesError(httpCode, 200, 599));
      else check(httpCodesError(httpCode, 200, 499));
      hc.matcher = { HttpCode: httpCode };
    }
  }
  check(healthCheckTimeoutError(hc.timeoutSeconds, hc.intervalSeconds, tg.protocol));
  return hc;
}
