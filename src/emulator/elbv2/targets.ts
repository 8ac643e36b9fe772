/**
 * RegisterTargets, DeregisterTargets and DescribeTargetHealth (aws-api-facts.md §2.3, §0.13).
 * Health is simulated: a target of a target group no listener uses is `unused`/Target.NotInUse;
 * otherwise `initial` until the configured DescribeTargetHealth call, then `healthy` when its
 * security groups admit the load balancer on the health-check port (target-health.ts), else
 * `unhealthy`.
 */
import { isIP } from 'node:net';
import { AwsError, validationError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireTargetGroup } from './arns.js';
import type { HandlerContext } from './context.js';
import type { RegisteredTarget, TargetGroupRecord } from './records.js';
import { targetGroupLoadBalancers } from './references.js';
import { reachability } from './target-health.js';
import { cidrContains } from '../ec2/cidr.js';

const MAX_TARGETS = 1000;
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

interface RequestedTarget {
  readonly id: string;
  readonly port?: number;
  readonly availabilityZone?: string;
}

function readTargets(input: QueryInput, required: boolean): RequestedTarget[] | undefined {
  const members = input.members('Targets');
  if (members === undefined) {
    if (required) throw validationError("1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null");
    return undefined;
  }
  return members.map((m) => {
    const port = m.int('Port', { min: 1, max: 65535 });
    const az = m.str('AvailabilityZone');
    return { id: m.requiredStr('Id'), ...(port !== undefined ? { port } : {}), ...(az !== undefined ? { availabilityZone: az } : {}) };
  });
}

function checkTarget(state: EmulatorState, tg: TargetGroupRecord, t: RequestedTarget): void {
  switch (tg.targetType) {
    case 'instance': {
      if (t.availabilityZone !== undefined) throw validationError(`An Availability Zone cannot be given for instance target '${t.id}'`);
      const instance = state.ec2.instances[t.id];
      if (!instance || instance.vpcId !== tg.vpcId) throw new AwsError('InvalidTarget', `The following targets are not valid instances in VPC '${tg.vpcId}': '${t.id}'`);
      if (instance.state !== 'running') throw new AwsError('InvalidTarget', `The following targets are not in a running state and cannot be registered: '${t.id}'`);
      return;
    }
    case 'ip': {
      const family = isIP(t.id);
      if (family === 0) throw new AwsError('InvalidTarget', `The IP address '${t.id}' is not a valid IP address`);
      if (family === 4) {
        const vpc = tg.vpcId ? state.ec2.vpcs[tg.vpcId] : undefined;
        const inVpc = vpc !== undefined && cidrContains(vpc.cidrBlock, t.id);
        if (!inVpc && !PRIVATE_RANGES.some((r) => cidrContains(r, t.id))) {
          throw new AwsError('InvalidTarget', `The IP address '${t.id}' is not valid: targets must be in the VPC CIDR, RFC 1918 ranges or 100.64.0.0/10`);
        }
      }
      return;
    }
    case 'lambda':
      if (!/^arn:aws[\w-]*:lambda:/.test(t.id)) throw new AwsError('InvalidTarget', `The target '${t.id}' is not a Lambda function ARN`);
      return;
    case 'alb': {
      const lb = state.elbv2.loadBalancers[t.id];
      if (!lb || lb.type !== 'application') throw new AwsError('InvalidTarget', `The target '${t.id}' is not an existing Application Load Balancer ARN`);
      return;
    }
    default:
      return;
  }
}

export function registerTargets(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const tg = requireTargetGroup(state, input.requiredStr('TargetGroupArn'));
  const requested = readTargets(input, true)!;
  for (const t of requested) checkTarget(state, tg, t);
  const limit = tg.targetType === 'lambda' ? 1 : MAX_TARGETS;
  for (const t of requested) {
    const port = t.port ?? tg.port ?? 0;
    if (tg.targets.some((r) => r.id === t.id && r.port === port && r.drainingDescribesLeft === undefined)) continue;
    tg.targets = tg.targets.filter((r) => !(r.id === t.id && r.port === port));
    if (tg.targets.length >= limit) throw new AwsError('TooManyTargets', `Target group '${tg.arn}' already has the maximum of ${limit} targets`);
    tg.targets.push({ id: t.id, port, ...(t.availabilityZone !== undefined ? { availabilityZone: t.availabilityZone } : {}), describesSeen: 0 });
  }
  ctx.store.changed();
  return {};
}

/** A target registered with a port override is only removed when that port is given again (§2.3). */
export function deregisterTargets(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const tg = requireTargetGroup(state, input.requiredStr('TargetGroupArn'));
  const draining = tg.attributes['deregistration_delay.timeout_seconds'] === '0' ? 0 : ctx.controls.lifecycle().drainingDescribes;
  for (const t of readTargets(input, true)!) {
    const port = t.port ?? tg.port ?? 0;
    const found = tg.targets.find((r) => r.id === t.id && r.port === port);
    if (!found) continue;
    if (draining <= 0 || targetGroupLoadBalancers(state, tg.arn).length === 0) tg.targets = tg.targets.filter((r) => r !== found);
    else found.drainingDescribesLeft = draining;
  }
  ctx.store.changed();
  return {};
}

function healthOf(state: EmulatorState, tg: TargetGroupRecord, t: RegisteredTarget, ctx: HandlerContext) {
  if (t.drainingDescribesLeft !== undefined) {
    return { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' };
  }
  if (tg.targetType === 'instance' && state.ec2.instances[t.id]?.state !== 'running') {
    return { State: 'unused', Reason: 'Target.InvalidState', Description: `Target is in the ${state.ec2.instances[t.id]?.state ?? 'terminated'} state` };
  }
  if (targetGroupLoadBalancers(state, tg.arn).length === 0) {
    return { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' };
  }
  if (!tg.healthCheck.enabled) return { State: 'unavailable', Reason: 'Target.HealthCheckDisabled', Description: 'Health checks are disabled for the target group' };
  t.describesSeen += 1;
  ctx.store.changed();
  if (t.describesSeen < ctx.controls.lifecycle().describesUntilHealthy) return { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' };
  if (reachability(state, tg, t) === 'admitted') return { State: 'healthy' };
  // No answer to the health checks: a security group drops them, or nothing holds the IP.
  // Target.Timeout applies only to ALBs (and GWLBs); an NLB reports failed health checks.
  const network = targetGroupLoadBalancers(state, tg.arn).some((arn) => state.elbv2.loadBalancers[arn]?.type === 'network');
  return network
    ? { State: 'unhealthy', Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' }
    : { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' };
}

export function describeTargetHealth(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const tg = requireTargetGroup(state, input.requiredStr('TargetGroupArn'));
  const requested = readTargets(input, false);
  const rows: { target: RegisteredTarget | RequestedTarget; registered?: RegisteredTarget }[] = requested
    ? requested.map((r) => {
        const port = r.port ?? tg.port ?? 0;
        const found = tg.targets.find((t) => t.id === r.id && t.port === port);
        return found ? { target: found, registered: found } : { target: { ...r, port } };
      })
    : tg.targets.map((t) => ({ target: t, registered: t }));
  const descriptions = rows.map(({ target, registered }) => {
    const health = registered
      ? healthOf(state, tg, registered, ctx)
      : { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' };
    const port = target.port;
    return {
      Target: { Id: target.id, Port: port, AvailabilityZone: target.availabilityZone },
      HealthCheckPort: tg.healthCheck.port === 'traffic-port' || tg.healthCheck.port === undefined ? (port !== undefined ? String(port) : undefined) : tg.healthCheck.port,
      TargetHealth: health,
    };
  });
  // Draining targets disappear once they have been shown for the configured number of calls.
  for (const t of tg.targets) if (t.drainingDescribesLeft !== undefined) t.drainingDescribesLeft -= 1;
  const before = tg.targets.length;
  tg.targets = tg.targets.filter((t) => t.drainingDescribesLeft === undefined || t.drainingDescribesLeft > 0);
  if (tg.targets.length !== before) ctx.store.changed();
  return { TargetHealthDescriptions: descriptions };
}
