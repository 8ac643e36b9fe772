/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS).
 *
 * This file: target group health checks (aws-api-facts.md §3.5). Each check returns AWS's
 * message, or undefined when AWS takes the value.
 */

/** Inclusive bounds of the numeric health check members, by request member name. */
export const HEALTH_CHECK_RANGES = {
  HealthCheckIntervalSeconds: [5, 300],
  HealthCheckTimeoutSeconds: [2, 120],
  HealthyThresholdCount: [2, 10],
  UnhealthyThresholdCount: [2, 10],
} as const satisfies Record<string, readonly [number, number]>;

/** ALB target groups are the HTTP and HTTPS ones; their rules are stricter than NLB's. */
export function isAlbProtocol(protocol: string | undefined): boolean {
  return protocol === 'HTTP' || protocol === 'HTTPS';
}

/** An ALB target group cannot be health-checked over plain TCP. */
export function healthCheckProtocolError(protocol: string, tgProtocol: string | undefined): string | undefined {
  return protocol === 'TCP' && isAlbProtocol(tgProtocol) ? `Health check protocol 'TCP' is not supported for target groups with the ${tgProtocol} protocol; use HTTP or HTTPS` : undefined;
}

export function healthCheckPortError(port: string): string | undefined {
  return port === 'traffic-port' || (/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535) ? undefined : `Health check port '${port}' must be 'traffic-port' or a number between 1 and 65535`;
}

export function healthCheckPathError(path: string): string | undefined {
  return path.length < 1 || path.length > 1024 || !path.startsWith('/') ? `Health check path '${path}' must start with '/' and be at most 1024 characters` : undefined;
}

/** A list (200,202) or a range (200-299) of codes within `low`–`high` (ALB 200–499, NLB 200–599). */
export function httpCodesError(codes: string, low: number, high: number): string | undefined {
  const ok = /^\d{3}(-\d{3})?$|^\d{3}(,\d{3})*$/.test(codes) && codes.split(/[,-]/).every((p) => Number(p) >= low && Number(p) <= high);
  return ok ? undefined : `Health check matcher HTTP code '${codes}' must be a list (200,202) or range (200-299) of codes between ${low} and ${high}`;
}

export function grpcCodesError(codes: string): string | undefined {
  return /^\d{1,2}([,-]\d{1,2})*$/.test(codes) ? undefined : `Health check matcher gRPC code '${codes}' must be codes between 0 and 99`;
}

/** ALB target groups need the timeout below the interval; NLB ones allow it equal. */
export function healthCheckTimeoutError(timeout: number, interval: number, tgProtocol: string | undefined): string | undefined {
  const strict = isAlbProtocol(tgProtocol);
  return (strict ? timeout >= interval : timeout > interval) ? `Health check timeout '${timeout}' must be smaller than ${strict ? '' : 'or equal to '}the interval '${interval}'` : undefined;
}
