/**
 * The only place gwlb builds AWS SDK clients. Three targets, as DESIGN.md's CLI contract says:
 * - live AWS through the SDK's default credential chain (`--region`, `--profile`);
 * - `--endpoint-url URL`: a running `gwlb emulator` (or another ELBv2/EC2/ACM endpoint);
 * - `--sandbox`: the emulator started in-process, its state kept in `.gwlb/sandbox/state.json`
 *   and seeded (VPC, tagged subnets, nodes, ACM certificates) on first use, then tagged for
 *   each cluster name on its first use (emulator/sandbox.ts).
 * Retries are the SDK's standard retryer with LBC's `--aws-max-retries` default of 10 attempts
 * (pkg/aws/aws_config.go), so throttling and 5xx never surface unless they persist; but an
 * endpoint or region that cannot be reached is reported within seconds, not retried (retry.ts).
 * Every client counts its calls (logical calls and HTTP attempts) for plan/apply reports and
 * `npm run bench`, and paces them to AWS's rate limits (pace.ts) — except the sandbox's
 * in-process emulator, which has no rate limits to respect.
 */
import { join } from 'node:path';
import { ACMClient } from '@aws-sdk/client-acm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { REGION as EMULATOR_REGION, prepareSandbox, startEmulator, type RunningEmulator } from '../emulator/index.js';
import { CallCounter } from './calls.js';
import { pace, sharedPacer, type Pacer } from './pace.js';
import type { AddonClients } from './addon-clients.js';
import { AwsSetupError } from './errors.js';
import { CONNECTION_TIMEOUT_MS, GwlbRetryStrategy, Reachability } from './retry.js';

// Defined in errors.ts, which does not load the SDK, so commands can catch it without loading it.
export { AwsSetupError };

export type AwsTarget =
  | { readonly kind: 'live'; readonly region?: string; readonly profile?: string }
  | { readonly kind: 'endpoint'; readonly url: string; readonly region?: string }
  | { readonly kind: 'sandbox'; readonly stateDir?: string; readonly region?: string; readonly readOnly?: boolean };

export interface AwsConnection {
  readonly target: AwsTarget;
  readonly region: string;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ec2: EC2Client;
  readonly acm: ACMClient;
  readonly calls: CallCounter;
  /** The WAFv2 and Shield clients, loaded and built on first use (addon-clients.ts). */
  addons(): Promise<AddonClients>;
  /** Where the sandbox emulator keeps its state (sandbox only). */
  readonly sandboxState?: string;
  /** Sandbox only: tags its VPC and subnets for this cluster name on first use (emulator/sandbox.ts). */
  readonly useSandboxCluster?: (cluster: string) => unknown;
  /** Destroys the clients and stops an in-process sandbox (writing its state file). */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Attempts per call including the first (SDK standard retry mode); default 10 as LBC. */
  readonly maxAttempts?: number;
  /** Working directory that holds `.gwlb/sandbox/` (default: process.cwd()). */
  readonly cwd?: string;
}

/** The sandbox's state file, relative to the working directory. */
export const SANDBOX_STATE = join('.gwlb', 'sandbox', 'state.json');
export const DEFAULT_MAX_ATTEMPTS = 10;

/** Static credentials for emulators: requests are signed but the signature is not checked. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'gwlb-sandbox', secretAccessKey: 'gwlb-sandbox' };

export function resolveRegion(target: AwsTarget): string {
  if (target.kind !== 'live') return target.region ?? EMULATOR_REGION;
  const region = target.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
  if (!region) {
    throw new AwsSetupError('no AWS region: pass --region REGION, set region in gwlb.yaml, or set AWS_REGION (or use --sandbox to try gwlb without an AWS account)');
  }
  return region;
}

export async function connectAws(target: AwsTarget, options: ConnectOptions = {}): Promise<AwsConnection> {
  const region = resolveRegion(target);
  let emulator: RunningEmulator | undefined;
  let endpoint: string | undefined;
  let sandboxState: string | undefined;
  if (target.kind === 'sandbox') {
    sandboxState = join(target.stateDir ?? options.cwd ?? process.cwd(), SANDBOX_STATE);
    emulator = await startEmulator({ statePath: sandboxState, seed: true, readOnly: target.readOnly ?? false });
    endpoint = emulator.endpoint;
  } else if (target.kind === 'endpoint') {
    try {
      endpoint = new URL(target.url).toString().replace(/\/$/, '');
    } catch {
      throw new AwsSetupError(`--endpoint-url ${target.url} is not a URL; pass e.g. --endpoint-url http://127.0.0.1:4566 (what \`gwlb emulator\` prints)`);
    }
  }
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const reachability = new Reachability();
  // Each client gets its own strategy (its own retry capacity, as the SDK's default would).
  const config = () => ({
    region,
    maxAttempts,
    retryStrategy: new GwlbRetryStrategy(maxAttempts, reachability),
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
    ...(endpoint ? { endpoint, credentials: EMULATOR_CREDENTIALS } : {}),
    ...(target.kind === 'live' && target.profile ? { profile: target.profile } : {}),
  });
  const calls = new CallCounter();
  const elbv2 = new ElasticLoadBalancingV2Client(config());
  const ec2 = new EC2Client(config());
  const acm = new ACMClient(config());
  calls.instrument('elbv2', elbv2);
  calls.instrument('ec2', ec2);
  calls.instrument('acm', acm);
  let pacer: Pacer | undefined;
  if (target.kind !== 'sandbox') {
    pacer = sharedPacer(endpoint ?? `aws ${target.kind === 'live' ? (target.profile ?? '') : ''}`, region);
    pace('elbv2', elbv2, pacer);
    pace('ec2', ec2, pacer);
    pace('acm', acm, pacer);
  }
  let addons: Promise<AddonClients> | undefined;
  return {
    target,
    region,
    elbv2,
    ec2,
    acm,
    calls,
    addons() {
      addons ??= import('./addon-clients.js').then((m) => m.makeAddonClients(config(), calls, pacer));
      return addons;
    },
    ...(sandboxState ? { sandboxState } : {}),
    ...(emulator ? { useSandboxCluster: (cluster: string) => prepareSandbox(emulator.state, cluster) && emulator.store.changed() } : {}),
    async close() {
      elbv2.destroy();
      ec2.destroy();
      acm.destroy();
      if (addons) {
        const made = await addons;
        made.wafv2.destroy();
        made.shield.destroy();
      }
      await emulator?.close();
    },
  };
}
