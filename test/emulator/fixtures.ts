/** Small builders for ELBv2 resources the contract tests need as a starting point. */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  type Action,
  type CreateTargetGroupCommandInput,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { certificateArn, SEED_CERTIFICATES, SEED_VPC_ID } from '../../src/emulator/index.js';
import { PUBLIC_SUBNETS } from './helpers.js';

export const CERT_WILDCARD = certificateArn(SEED_CERTIFICATES[0]!.id);
export const CERT_ECHO = certificateArn(SEED_CERTIFICATES[1]!.id);
export const CERT_API = certificateArn(SEED_CERTIFICATES[2]!.id);
export const CERT_ECDSA = certificateArn(SEED_CERTIFICATES[4]!.id);
export const CERT_PENDING = certificateArn(SEED_CERTIFICATES[5]!.id);

export async function alb(elbv2: ElasticLoadBalancingV2Client, name: string): Promise<string> {
  const out = await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Subnets: PUBLIC_SUBNETS }));
  return out.LoadBalancers![0]!.LoadBalancerArn!;
}

export async function nlb(elbv2: ElasticLoadBalancingV2Client, name: string): Promise<string> {
  const out = await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Subnets: PUBLIC_SUBNETS, Type: 'network' }));
  return out.LoadBalancers![0]!.LoadBalancerArn!;
}

export async function targetGroup(elbv2: ElasticLoadBalancingV2Client, name: string, extra: Partial<CreateTargetGroupCommandInput> = {}): Promise<string> {
  const out = await elbv2.send(new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, TargetType: 'ip', ...extra }));
  return out.TargetGroups![0]!.TargetGroupArn!;
}

export function forward(tgArn: string): Action[] {
  return [{ Type: 'forward', TargetGroupArn: tgArn }];
}

export async function httpListener(elbv2: ElasticLoadBalancingV2Client, lbArn: string, tgArn: string, port = 80): Promise<string> {
  const out = await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: port, DefaultActions: forward(tgArn) }));
  return out.Listeners![0]!.ListenerArn!;
}
