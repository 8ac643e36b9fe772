/**
 * The emulator's Shield Advanced through the real @aws-sdk/client-shield: what LBC's protection
 * manager relies on (protection_manager.go) — the subscription state, create, describe by
 * resource ARN, delete by id — and Shield's errors.
 */
import {
  CreateProtectionCommand,
  DeleteProtectionCommand,
  DescribeProtectionCommand,
  GetSubscriptionStateCommand,
  ListProtectionsCommand,
  ShieldClient,
} from '@aws-sdk/client-shield';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alb } from './fixtures.js';
import { CREDENTIALS, failure, REGION, useEmulator } from './helpers.js';

const h = useEmulator();
let shield: ShieldClient;
beforeAll(() => {
  shield = new ShieldClient({ endpoint: h.emulator.endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(() => shield?.destroy());

const NAME = 'managed by aws-load-balancer-controller';

describe('Shield protections', () => {
  it('creates, describes by resource ARN, lists by type and deletes by id', async () => {
    expect((await shield.send(new GetSubscriptionStateCommand({}))).SubscriptionState).toBe('ACTIVE');
    const lb = await alb(h.elbv2, 'shield-one');
    expect((await failure(shield.send(new DescribeProtectionCommand({ ResourceArn: lb })))).name).toBe('ResourceNotFoundException');
    const { ProtectionId } = await shield.send(new CreateProtectionCommand({ Name: NAME, ResourceArn: lb }));
    expect(ProtectionId).toMatch(/^[0-9a-f-]{36}$/);
    const p = (await shield.send(new DescribeProtectionCommand({ ResourceArn: lb }))).Protection!;
    expect(p).toMatchObject({ Id: ProtectionId, Name: NAME, ResourceArn: lb });
    const listed = await shield.send(new ListProtectionsCommand({ InclusionFilters: { ResourceTypes: ['APPLICATION_LOAD_BALANCER'] } }));
    expect(listed.Protections!.map((x) => x.ResourceArn)).toContain(lb);
    const second = await failure(shield.send(new CreateProtectionCommand({ Name: NAME, ResourceArn: lb })));
    expect(second.name).toBe('ResourceAlreadyExistsException');
    await shield.send(new DeleteProtectionCommand({ ProtectionId: ProtectionId! }));
    expect((await failure(shield.send(new DeleteProtectionCommand({ ProtectionId: ProtectionId! })))).name).toBe('ResourceNotFoundException');
    expect((await failure(shield.send(new DescribeProtectionCommand({ ProtectionId: ProtectionId! })))).name).toBe('ResourceNotFoundException');
  });

  it('refuses a protection without a subscription, for a load balancer that does not exist, or with a bad name', async () => {
    const lb = await alb(h.elbv2, 'shield-errors');
    expect((await failure(shield.send(new CreateProtectionCommand({ Name: NAME, ResourceArn: `${lb}0` })))).name).toBe('InvalidResourceException');
    expect((await failure(shield.send(new CreateProtectionCommand({ Name: 'no/slashes', ResourceArn: lb })))).name).toBe('ValidationException');
    expect((await failure(shield.send(new DescribeProtectionCommand({})))).name).toBe('InvalidParameterException');
    h.emulator.state.shield.subscription = 'INACTIVE';
    try {
      expect((await shield.send(new GetSubscriptionStateCommand({}))).SubscriptionState).toBe('INACTIVE');
      expect((await failure(shield.send(new CreateProtectionCommand({ Name: NAME, ResourceArn: lb })))).name).toBe('ResourceNotFoundException');
    } finally {
      h.emulator.state.shield.subscription = 'ACTIVE';
    }
  });

  it('is throttled like the other services when throttling is on', async () => {
    h.emulator.controls.setThrottling({ enabled: true, overrides: { 'shield:action': { capacity: 1, refillPerSecond: 0.001 } } });
    try {
      await shield.send(new GetSubscriptionStateCommand({}));
      const err = await failure(shield.send(new GetSubscriptionStateCommand({})));
      expect(err).toMatchObject({ name: 'ThrottlingException', status: 400 });
    } finally {
      h.emulator.controls.setThrottling({ enabled: false, overrides: {} });
    }
  });
});
