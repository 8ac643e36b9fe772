/**
 * Target group health checks: defaults by protocol and target type, and validation of
 * ranges and combinations (aws-api-facts.md §3.5). Used by CreateTargetGroup (from defaults)
 * and ModifyTargetGroup (from the current settings).
 */
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

function checkHttpCodes(codes: string, low: number, high: number): void {
  const parts = codes.split(/[,-]/);
  const ok = /^\d{3}(-\d{3})?$|^\d{3}(,\d{3})*$/.test(codes) && parts.every((p) => Number(p) >= low && Number(p) <= high);
  if (!ok) throw validationError(`Health check matcher HTTP code '${codes}' must be a list (200,202) or range (200-299) of codes between ${low} and ${high}`);
}

/** Applies the request's HealthCheck* members and Matcher on top of `base`, then validates the result. */
export function readHealthCheck(input: QueryInput, tg: TargetGroupKind, base: HealthCheckRecord): HealthCheckRecord {
  const hc: HealthCheckRecord = { ...base, ...(base.matcher ? { matcher: { ...base.matcher } } : {}) };
  const protocol = input.enumValue('HealthCheckProtocol', HEALTH_CHECK_PROTOCOLS);
  if (protocol !== undefined) {
    if (protocol !== 'HTTP' && protocol !== 'HTTPS' && protocol !== 'TCP') throw validationError(`Health check protocol '${protocol}' is not supported; use HTTP, HTTPS or TCP`);
    if (protocol === 'TCP' && (tg.protocol === 'HTTP' || tg.protocol === 'HTTPS')) {
      throw validationError(`Health check protocol 'TCP' is not supported for target groups with the ${tg.protocol} protocol; use HTTP or HTTPS`);
    }
    hc.protocol = protocol;
  }
  const port = input.str('HealthCheckPort');
  if (port !== undefined) {
    if (port !== 'traffic-port' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
      throw validationError(`Health check port '${port}' must be 'traffic-port' or a number between 1 and 65535`);
    }
    hc.port = port;
  }
  const enabled = input.bool('HealthCheckEnabled');
  if (enabled !== undefined) {
    if (!enabled && tg.targetType !== 'lambda') throw new AwsError('InvalidConfigurationRequest', `Health checks cannot be disabled for target groups with target type '${tg.targetType}'`);
    hc.enabled = enabled;
  }
  hc.intervalSeconds = input.int('HealthCheckIntervalSeconds', { min: 5, max: 300 }) ?? hc.intervalSeconds;
  hc.timeoutSeconds = input.int('HealthCheckTimeoutSeconds', { min: 2, max: 120 }) ?? hc.timeoutSeconds;
  hc.healthyThreshold = input.int('HealthyThresholdCount', { min: 2, max: 10 }) ?? hc.healthyThreshold;
  hc.unhealthyThreshold = input.int('UnhealthyThresholdCount', { min: 2, max: 10 }) ?? hc.unhealthyThreshold;
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
    if (path.length < 1 || path.length > 1024 || !path.startsWith('/')) throw validationError(`Health check path '${path}' must start with '/' and be at most 1024 characters`);
    hc.path = path;
  }
  const matcher = input.child('Matcher');
  if (matcher) {
    if (!httpCheck) throw validationError('A health check matcher can only be given for HTTP or HTTPS health checks');
    const httpCode = matcher.str('HttpCode');
    const grpcCode = matcher.str('GrpcCode');
    if (tg.protocolVersion === 'GRPC') {
      if (grpcCode === undefined || httpCode !== undefined) throw validationError('A GRPC target group needs Matcher.GrpcCode (0-99) and no HttpCode');
      if (!/^\d{1,2}([,-]\d{1,2})*$/.test(grpcCode)) throw validationError(`Health check matcher gRPC code '${grpcCode}' must be codes between 0 and 99`);
      hc.matcher = { GrpcCode: grpcCode };
    } else {
      if (httpCode === undefined || grpcCode !== undefined) throw validationError('Matcher.HttpCode must be given (and GrpcCode only for GRPC target groups)');
      if (isNetworkProtocol(tg.protocol)) checkHttpCodes(httpCode, 200, 599);
      else checkHttpCodes(httpCode, 200, 499);
      hc.matcher = { HttpCode: httpCode };
    }
  }
  const strict = tg.protocol === 'HTTP' || tg.protocol === 'HTTPS';
  if (strict ? hc.timeoutSeconds >= hc.intervalSeconds : hc.timeoutSeconds > hc.intervalSeconds) {
    throw validationError(`Health check timeout '${hc.timeoutSeconds}' must be smaller than ${strict ? '' : 'or equal to '}the interval '${hc.intervalSeconds}'`);
  }
  return hc;
}
