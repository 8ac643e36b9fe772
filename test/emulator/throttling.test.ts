/**
 * Throttling with the real errors and AWS's token-bucket rates. The emulator's clock is driven by
 * the test, so bucket refills are deterministic: no test depends on how fast the machine is.
 */
import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { CERT_WILDCARD } from './fixtures.js';
import { clientsFor, failure, type Clients } from './helpers.js';

let clock = 0;
/** When set, every clock read moves time on by this much (a slow network between attempts). */
let tick = 0;
let emulator: RunningEmulator;
let once: Clients;
let retrying: Clients;

beforeAll(async () => {
  emulator = await startEmulator({ seed: true, now: () => (clock += tick) });
  once = clientsFor(emulator.endpoint, { maxAttempts: 1 });
  retrying = clientsFor(emulator.endpoint);
});

afterAll(async () => {
  for (const c of [once, retrying]) [c.elbv2, c.ec2, c.acm].forEach((client) => client.destroy());
  await emulator.close();
});

beforeEach(() => {
  tick = 0;
  emulator.controls.reset();
});

describe('default AWS rates', () => {
  it('lets 40 ELBv2 Describe calls through and throttles the 41st with Throttling / 400', async () => {
    emulator.controls.setThrottling({ enabled: true });
    for (let i = 0; i < 40; i++) await once.elbv2.send(new DescribeLoadBalancersCommand({}));
    const err = await failure(once.elbv2.send(new DescribeLoadBalancersCommand({})));
    expect(err).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', status: 400, fault: 'client' });
    clock += 100; // 10 tokens per second: one more call 100 ms later
    await once.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(emulator.controls.throttledCount('DescribeLoadBalancers')).toBe(1);
  });
});

describe('maxAttempts: 1 surfaces the real throttling error', () => {
  const empty = { capacity: 1, refillPerSecond: 0, initialTokens: 0 };

  it('ELBv2: Throttling', async () => {
    emulator.controls.setThrottling({ enabled: true, overrides: { 'elbv2:describe': empty } });
    expect(await failure(once.elbv2.send(new DescribeLoadBalancersCommand({})))).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', status: 400 });
  });

  it('EC2: RequestLimitExceeded with HTTP 503', async () => {
    emulator.controls.setThrottling({ enabled: true, overrides: { 'ec2:unfiltered-non-mutating': empty } });
    expect(await failure(once.ec2.send(new DescribeVpcsCommand({})))).toMatchObject({ name: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: 503 });
  });

  it('ACM: ThrottlingException', async () => {
    emulator.controls.setThrottling({ enabled: true, overrides: { 'acm:DescribeCertificate': empty } });
    expect((await failure(once.acm.send(new DescribeCertificateCommand({ CertificateArn: CERT_WILDCARD })))).name).toBe('ThrottlingException');
  });
});

describe("the SDK's standard retry survives throttling", () => {
  // An empty bucket that refills one token per second; a second passes between attempts.
  const slow = { capacity: 1, refillPerSecond: 1, initialTokens: 0 };

  it('ELBv2 succeeds on a retry after Throttling', async () => {
    emulator.controls.setThrottling({ enabled: true, overrides: { 'elbv2:describe': slow } });
    tick = 1000;
    const out = await retrying.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(out.$metadata.attempts).toBeGreaterThan(1);
    expect(emulator.controls.throttledCount('elbv2:DescribeLoadBalancers')).toBeGreaterThanOrEqual(1);
    expect(emulator.controls.callCount('elbv2:DescribeLoadBalancers')).toBe(out.$metadata.attempts);
  });

  it('EC2 succeeds on a retry after RequestLimitExceeded', async () => {
    emulator.controls.setThrottling({ enabled: true, overrides: { 'ec2:unfiltered-non-mutating': slow } });
    tick = 1000;
    const out = await retrying.ec2.send(new DescribeVpcsCommand({}));
    expect(out.Vpcs).toHaveLength(1);
    expect(out.$metadata.attempts).toBeGreaterThan(1);
    expect(emulator.controls.throttledCount('ec2:DescribeVpcs')).toBeGreaterThanOrEqual(1);
  });
});
