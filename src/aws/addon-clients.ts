/**
 * The WAFv2 and Shield clients, built on first use: only a plan with an existing ALB or an
 * apply that changes an addon needs them, so the other runs never load their SDK packages
 * (cli/aws-runtime.ts explains why loading matters). Same configuration, call counting and
 * pacing as the ELBv2/EC2/ACM clients (clients.ts).
 */
import { ShieldClient, type ShieldClientConfig } from '@aws-sdk/client-shield';
import { WAFV2Client, type WAFV2ClientConfig } from '@aws-sdk/client-wafv2';
import type { CallCounter } from './calls.js';
import { pace, type Pacer } from './pace.js';

export interface AddonClients {
  readonly wafv2: WAFV2Client;
  readonly shield: ShieldClient;
}

export function makeAddonClients(config: WAFV2ClientConfig & ShieldClientConfig, calls: CallCounter, pacer: Pacer | undefined): AddonClients {
  const wafv2 = new WAFV2Client(config);
  // In the cluster's region, as LBC builds it (pkg/aws/provider/default_aws_clients_provider.go).
  const shield = new ShieldClient(config);
  calls.instrument('wafv2', wafv2);
  calls.instrument('shield', shield);
  if (pacer) {
    pace('wafv2', wafv2, pacer);
    pace('shield', shield, pacer);
  }
  return { wafv2, shield };
}
