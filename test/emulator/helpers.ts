/**
 * Contract-test harness: a real emulator on a free port and the three real @aws-sdk clients
 * pointed at it with nothing but `endpoint`, region and dummy static credentials.
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

export const REGION = 'us-west-2';
export const CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };

export interface Clients {
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ec2: EC2Client;
  readonly acm: ACMClient;
}

export function clientsFor(endpoint: string, extra: { maxAttempts?: number } = {}): Clients {
  const config = { endpoint, region: REGION, credentials: CREDENTIALS, ...extra };
  return { elbv2: new ElasticLoadBalancingV2Client(config), ec2: new EC2Client(config), acm: new ACMClient(config) };
}

export interface Harness extends Clients {
  readonly emulator: RunningEmulator;
}

/**
 * Starts a seeded emulator for the file; LBs are active at once unless a test says otherwise.
 * The returned object is filled in by beforeAll, so read its members inside tests only.
 */
export function useEmulator(options: { seed?: boolean; maxAttempts?: number } = {}): Harness {
  const harness = {} as { -readonly [K in keyof Harness]: Harness[K] };
  beforeAll(async () => {
    harness.emulator = await startEmulator({ seed: options.seed ?? true });
    harness.emulator.controls.setLifecycle({ describesUntilActive: 0 });
    Object.assign(harness, clientsFor(harness.emulator.endpoint, { maxAttempts: options.maxAttempts ?? 1 }));
  });
  afterAll(async () => {
    harness.elbv2?.destroy();
    harness.ec2?.destroy();
    harness.acm?.destroy();
    await harness.emulator?.close();
  });
  return harness;
}

/** Awaits a rejected SDK call and returns its error for assertions on name, message and status. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined; fault: string | undefined }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, fault: e.$fault };
  }
  expect.fail('expected the call to fail');
}

/** Seeded subnet ids (see src/emulator/seed.ts): public 1x, private 2x, one per AZ a/b/c. */
export const PUBLIC_SUBNETS = ['subnet-0a5e0000000000010', 'subnet-0a5e0000000000011', 'subnet-0a5e0000000000012'];
export const PRIVATE_SUBNETS = ['subnet-0a5e0000000000020', 'subnet-0a5e0000000000021', 'subnet-0a5e0000000000022'];
export const DEFAULT_SG = 'sg-0a5e0000000000001';
export const NODE_SG = 'sg-0a5e0000000000002';
export const NODE_INSTANCES = ['i-0a5e0000000000001', 'i-0a5e0000000000002', 'i-0a5e0000000000003'];
