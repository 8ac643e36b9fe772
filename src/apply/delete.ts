/**
 * Deletes, with LBC's retries for the states AWS needs a moment to leave
 * (lbc-model-deploy.md §10.8): a target group still in use by a listener being deleted
 * (`ResourceInUse`, retried every 2 s up to 20 s), a security group still attached to a load
 * balancer's ENIs (`DependencyViolation`, 2 s up to 10 s), and a load balancer with deletion
 * protection, which LBC switches off before deleting (load_balancer_manager.go). Deleting what is
 * already gone counts as done: a listener or rule goes with its load balancer.
 */
import { DeleteSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import { errorMessage, hasCode, isNotFound } from '../aws/errors.js';
import type { PlanResourceType } from '../plan/types.js';
import { removeAddon } from './addons.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function retrying(fn: () => Promise<unknown>, retryable: (err: unknown) => boolean, intervalMs: number, attempts: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await fn();
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (i >= attempts || !retryable(err)) throw err;
      await sleep(intervalMs);
    }
  }
}

export async function deleteResource(conn: AwsConnection, type: PlanResourceType, arn: string, retryIntervalMs = 2000): Promise<void> {
  const { elbv2, ec2 } = conn;
  switch (type) {
    case 'AWS::ElasticLoadBalancingV2::ListenerRule':
      return retrying(() => elbv2.send(new DeleteRuleCommand({ RuleArn: arn })), () => false, 0, 1);
    case 'AWS::ElasticLoadBalancingV2::Listener':
      return retrying(() => elbv2.send(new DeleteListenerCommand({ ListenerArn: arn })), () => false, 0, 1);
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      try {
        await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
      } catch (err) {
        if (isNotFound(err)) return;
        if (!hasCode(err, 'OperationNotPermitted') || !/deletion protection/i.test(errorMessage(err))) throw err;
        await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] }));
        await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
      }
      return;
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return retrying(() => elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })), (e) => hasCode(e, 'ResourceInUse'), retryIntervalMs, 11);
    case 'AWS::EC2::SecurityGroup':
      return retrying(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: arn })), (e) => hasCode(e, 'DependencyViolation'), retryIntervalMs, 6);
    case 'AWS::WAFv2::WebACLAssociation':
    case 'AWS::Shield::Protection':
      return removeAddon(conn, type, arn);
    default:
      throw new Error(`gwlb cannot delete ${type} resources yet; remove ${arn} by hand`);
  }
}
