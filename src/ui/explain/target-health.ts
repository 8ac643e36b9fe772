/**
 * What to change for each reason code DescribeTargetHealth reports (TargetHealth.Reason, as the
 * ELBv2 API reference lists them); AWS's own Description is shown beside it.
 */
const FIXES: Readonly<Record<string, string>> = {
  'Elb.RegistrationInProgress': 'wait: the target is being registered',
  'Elb.InitialHealthChecking': 'wait: the first health checks are running',
  'Elb.InternalError': 'AWS had an internal error checking this target; it retries by itself',
  'Target.ResponseCodeMismatch': "the health check got an HTTP code outside its matcher: fix the health check path or matcher (TargetGroupConfiguration healthCheckConfig) or the application's answer",
  'Target.Timeout': "the health check timed out: check that the node or pod security groups let the load balancer reach the health check port, and that the application listens on it",
  'Target.FailedHealthChecks': 'the target fails its health checks: check the application and the health check port and path',
  'Target.NotRegistered': 'the target is not registered in the target group: check the Service endpoints and the TargetGroupBinding',
  'Target.NotInUse': "no listener rule forwards to this target group, or the target's Availability Zone is not enabled on the load balancer",
  'Target.DeregistrationInProgress': 'wait: the target is being deregistered (the pod or node went away)',
  'Target.InvalidState': 'the instance is stopped or terminated: start it, or let its node group replace it',
  'Target.IpUnusable': 'the IP address is in use by a load balancer and cannot be a target',
  'Target.HealthCheckDisabled': 'health checks are disabled for this target group: enable them in the TargetGroupConfiguration',
};

export function targetHealthFix(reason: string | undefined): string {
  return (reason !== undefined ? FIXES[reason] : undefined) ?? 'see the reason AWS gives; the application on the target is not answering as the health check expects';
}
