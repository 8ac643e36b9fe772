/**
 * Pre-flight: what LBC builds without complaint but AWS then rejects at deploy. LBC's model build
 * succeeds, the deploy call fails, and LBC leaves the Gateway at `Accepted=False/Invalid` with
 * "Check Gateway Events for more information." and a `FailedDeployModel` event carrying the AWS
 * error (controllers/gateway/gateway_controller.go `deployModel`, `handleReconcileError`). gwlb
 * says it before any AWS call, located at the field to change. The rules are the ones the AWS
 * emulator enforces (src/emulator/elbv2/*), restricted to what the model alone decides; the
 * checks live in preflight-*.ts, one file per resource kind.
 */
import { formatPath } from '../diagnostics.js';
import { refOf } from '../source/kube.js';
import type { At, BuildContext } from './context.js';
import { checkLoadBalancer, checkListener, checkTags } from './preflight-attributes.js';
import { checkQuotas, checkListenerActions } from './preflight-quotas.js';
import { checkRule } from './preflight-rules.js';
import { checkTargetGroup } from './preflight-target-groups.js';
import { RT } from './stack.js';

/** Stable codes (36x), one per family of AWS validation. */
export const PREFLIGHT_CODES = {
  redirect: 'GWLB360',
  fixedResponse: 'GWLB361',
  condition: 'GWLB362',
  transform: 'GWLB363',
  name: 'GWLB364',
  healthCheck: 'GWLB365',
  attribute: 'GWLB366',
  tag: 'GWLB367',
  forward: 'GWLB368',
  quota: 'GWLB369',
} as const;
export type PreflightCode = (typeof PREFLIGHT_CODES)[keyof typeof PREFLIGHT_CODES];

/** The ELBv2 call LBC's deployer makes for the resource (pkg/deploy/elbv2/*_manager.go). */
export type AwsCall = 'AuthorizeSecurityGroupIngress' | 'CreateLoadBalancer' | 'ModifyLoadBalancerAttributes' | 'CreateListener' | 'ModifyListenerAttributes' | 'CreateRule' | 'CreateTargetGroup' | 'ModifyTargetGroupAttributes';

export interface Finding {
  readonly code: PreflightCode;
  readonly call: AwsCall;
  /** The AWS error code and message, as the emulator returns them. */
  readonly awsCode: string;
  readonly awsMessage: string;
  /** What to change, in the user's terms. */
  readonly fix: string;
  readonly at: At;
}

/** What LBC's Gateway shows after the failed deploy: the Warning event it records. */
export interface DeployFailure {
  readonly reason: 'FailedDeployModel';
  readonly message: string;
}

export function deployFailureOf(f: Finding): DeployFailure {
  // LBC's event text is `Failed deploy model due to <SDK error>`; the SDK error ends in `api error <Code>: <message>`.
  const service = f.call === 'AuthorizeSecurityGroupIngress' ? 'EC2' : 'Elastic Load Balancing v2';
  return { reason: 'FailedDeployModel', message: `Failed deploy model due to operation error ${service}: ${f.call}, api error ${f.awsCode}: ${f.awsMessage}` };
}

/** Every finding for the built resources, reported as located errors; returns the event LBC would record (the first failure). */
export function checkPreflight(ctx: BuildContext): DeployFailure | undefined {
  const findings: Finding[] = [];
  const push = (f: Finding): void => {
    findings.push(f);
  };
  for (const r of ctx.resources) {
    switch (r.type) {
      case RT.loadBalancer:
        checkLoadBalancer(ctx, r.spec, push);
        checkTags(ctx, 'CreateLoadBalancer', r.spec.tags, push);
        break;
      case RT.listener:
        checkListener(ctx, r.spec, push);
        checkListenerActions(ctx, r.spec, push);
        checkTags(ctx, 'CreateListener', r.spec.tags, push);
        break;
      case RT.listenerRule:
        checkRule(ctx, r.id, r.spec, push);
        checkTags(ctx, 'CreateRule', r.spec.tags, push);
        break;
      case RT.targetGroup:
        checkTargetGroup(ctx, r.spec, push);
        break;
      case RT.securityGroup:
      case RT.targetGroupBinding:
      case RT.webAclAssociation:
      case RT.shieldProtection:
      case RT.frontendNlbTargetGroup:
        break;
    }
  }
  checkQuotas(ctx, push);
  const seen = new Set<string>();
  for (const f of findings) {
    const key = `${f.code} ${f.awsMessage} ${formatPath(f.at.path)}`;
    if (seen.has(key)) continue; // one TGC value shared by several target groups: say it once
    seen.add(key);
    ctx.diagnostics.push({
      severity: 'error',
      code: f.code,
      message: `Gateway ${ctx.stackId}: AWS rejects ${f.call} (${f.awsCode}: ${f.awsMessage}); LBC builds this but its deploy fails. ${f.fix}`,
      location: f.at.object.origin.locate(f.at.path),
      object: refOf(f.at.object),
      ...(f.at.path.length > 0 ? { path: formatPath(f.at.path) } : {}),
    });
  }
  return findings[0] ? deployFailureOf(findings[0]) : undefined;
}
