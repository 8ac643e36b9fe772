import { describe, expect, it } from 'vitest';
import { bucketFor, defaultRates } from '../aws-rules/request-rates.js';
import { MARGIN, pace, Pacer } from './pace.js';

/** A pacer on a clock the test moves; `send` reserves a token and returns the wait in ms. */
function clocked() {
  let t = 1_000_000;
  const pacer = new Pacer(defaultRates(), () => t);
  return {
    advance: (ms: number) => (t += ms),
    send: (service: 'elbv2' | 'ec2' | 'acm' | 'wafv2' | 'shield', action: string, unfiltered = false) => pacer.reserve(bucketFor(service, action, unfiltered)),
  };
}

describe('Pacer', () => {
  it('lets a burst through at once, then spaces calls at the refill rate (ELBv2 mutating: 40 burst, 10/s)', () => {
    const c = clocked();
    const waits = Array.from({ length: 45 }, () => c.send('elbv2', 'CreateRule'));
    expect(waits.slice(0, 40 - MARGIN)).toEqual(new Array(40 - MARGIN).fill(0));
    expect(waits.slice(40 - MARGIN)).toEqual([100, 200, 300, 400, 500, 600]);
  });

  it('WAFv2 buckets of one: the first call goes at once, then AssociateWebACL and DisassociateWebACL share one call per 2 s, the lookups one per s', () => {
    const c = clocked();
    expect([c.send('wafv2', 'AssociateWebACL'), c.send('wafv2', 'DisassociateWebACL'), c.send('wafv2', 'AssociateWebACL')]).toEqual([0, 2000, 4000]);
    expect([c.send('wafv2', 'GetWebACLForResource'), c.send('wafv2', 'ListResourcesForWebACL')]).toEqual([0, 1000]);
    expect(c.send('wafv2', 'ListWebACLs')).toBe(0);
  });

  it('buckets are per ELBv2 action: another action has its own burst', () => {
    const c = clocked();
    for (let i = 0; i < 60; i++) c.send('elbv2', 'CreateRule');
    expect(c.send('elbv2', 'CreateTargetGroup')).toBe(0);
  });

  it('Register/DeregisterTargets refill at 4/s after a burst of 20', () => {
    const c = clocked();
    const waits = Array.from({ length: 21 }, () => c.send('elbv2', 'RegisterTargets'));
    expect(waits.at(-2)).toBe(250);
    expect(waits.at(-1)).toBe(500);
  });

  it('EC2 mutating calls share one bucket (200 burst, 5/s)', () => {
    const c = clocked();
    for (let i = 0; i < 200 - MARGIN; i++) expect(c.send('ec2', i % 2 ? 'CreateSecurityGroup' : 'AuthorizeSecurityGroupIngress')).toBe(0);
    expect(c.send('ec2', 'CreateTags')).toBe(200);
  });

  it('refills with time, up to the burst and no further', () => {
    const c = clocked();
    for (let i = 0; i < 40 - MARGIN; i++) c.send('elbv2', 'DescribeRules');
    expect(c.send('elbv2', 'DescribeRules')).toBe(100);
    c.advance(60_000);
    const waits = Array.from({ length: 40 }, () => c.send('elbv2', 'DescribeRules'));
    expect(waits.filter((w) => w === 0)).toHaveLength(40 - MARGIN);
    expect(waits.at(-1)).toBe(100);
  });

  it('a wait already promised counts: calls reserved while others wait queue behind them', () => {
    const c = clocked();
    for (let i = 0; i < 40 - MARGIN; i++) c.send('elbv2', 'DeleteRule');
    expect(c.send('elbv2', 'DeleteRule')).toBe(100);
    c.advance(50);
    expect(c.send('elbv2', 'DeleteRule')).toBe(150);
  });
});

describe('pace (the SDK middleware)', () => {
  it('sits in a real client between retry and signing, so each attempt waits before it is signed', async () => {
    const { ElasticLoadBalancingV2Client } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    const client = new ElasticLoadBalancingV2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    pace('elbv2', client, new Pacer(defaultRates(), () => 0));
    const names = client.middlewareStack.identify().map((m) => m.split(' ')[0]);
    const at = (n: string) => names.findIndex((x) => x === n);
    expect(at('gwlbPacer')).toBeGreaterThan(at('retryMiddleware'));
    expect(at('gwlbPacer')).toBeLessThan(at('httpSigningMiddleware'));
    client.destroy();
  });

  it('reserves a token per attempt and sleeps for the wait before sending', async () => {
    let t = 0;
    const pacer = new Pacer({ 'elbv2:mutating': { capacity: 1 + MARGIN, refillPerSecond: 2 } }, () => t);
    let middleware: ((next: (a: unknown) => Promise<unknown>, ctx: { commandName: string }) => (a: { input: unknown }) => Promise<unknown>) | undefined;
    const client = { middlewareStack: { addRelativeTo: (m: typeof middleware, o: { toMiddleware: string }) => ((middleware = m), expect(o.toMiddleware).toBe('httpSigningMiddleware')) } };
    const slept: number[] = [];
    pace('elbv2', client, pacer, async (ms) => {
      slept.push(ms);
      t += ms;
    });
    const sent: unknown[] = [];
    const handler = middleware!(async (a) => sent.push(a), { commandName: 'CreateListenerCommand' });
    await handler({ input: {} });
    await handler({ input: {} });
    await handler({ input: {} });
    expect(sent).toHaveLength(3);
    expect(slept).toEqual([500, 500]);
  });
});
