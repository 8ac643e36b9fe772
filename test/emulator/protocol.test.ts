/**
 * The wire envelopes as bytes (what the SDK would silently mis-parse if wrong) and the
 * `/_emulator/...` control path, driven with plain fetch.
 */
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(h.emulator.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  return { status: res.status, type: res.headers.get('content-type'), requestId: res.headers.get('x-amzn-requestid'), errorType: res.headers.get('x-amzn-errortype'), text: await res.text() };
}

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.emulator.endpoint}/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('awsQuery (ELBv2)', () => {
  it('wraps results in <OpResult> with ResponseMetadata and the request id header', async () => {
    const res = await post('Action=DescribeLoadBalancers&Version=2015-12-01&Names=');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toMatch(/^<DescribeLoadBalancersResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2015-12-01\/"><DescribeLoadBalancersResult><LoadBalancers\/><\/DescribeLoadBalancersResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeLoadBalancersResponse>$/);
    expect(res.text).toContain(`<RequestId>${res.requestId}</RequestId>`);
  });

  it('answers an unknown action or the Classic ELB version with InvalidAction', async () => {
    for (const body of ['Action=DescribeWidgets&Version=2015-12-01', 'Action=DescribeLoadBalancers&Version=2012-06-01']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^<ErrorResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2015-12-01\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action \w+ is not valid for this web service\.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
    }
  });

  it('accepts GET with the parameters in the query string', async () => {
    const res = await fetch(`${h.emulator.endpoint}/?Action=DescribeAccountLimits&Version=2015-12-01`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Name>application-load-balancers</Name><Max>50</Max>');
  });
});

describe('ec2Query (EC2)', () => {
  it('puts members under <OpResponse> after <requestId>, with <item> lists', async () => {
    const res = await post('Action=DescribeVpcs&Version=2016-11-15');
    expect(res.type).toBe('text/xml;charset=UTF-8');
    expect(res.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<DescribeVpcsResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><vpcSet><item><vpcId>/);
    expect(res.text).not.toContain('ResponseMetadata');
  });

  it('answers errors in <Response><Errors> with RequestID', async () => {
    const res = await post('Action=RunInstances&Version=2016-11-15');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action RunInstances is not valid for this web service\.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
  });
});

describe('awsJson1_1 (ACM)', () => {
  it('answers unknown operations and bad bodies with JSON errors and x-amzn-errortype', async () => {
    const unknown = await post('{}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CertificateManager.RequestWidget' });
    expect(unknown).toMatchObject({ status: 400, type: 'application/x-amz-json-1.1', errorType: 'UnknownOperationException' });
    expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'UnknownOperationException' });
    const bad = await post('{nope', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CertificateManager.ListCertificates' });
    expect(bad.errorType).toBe('SerializationException');
  });
});

describe('controls', () => {
  it('fails the Nth call of a named action, then recovers', async () => {
    h.emulator.controls.addFailure({ action: 'DescribeVpcs', nth: 2, error: { kind: 'error', code: 'Unavailable', message: 'try later', status: 503 } });
    await h.ec2.send(new DescribeVpcsCommand({}));
    expect(await failure(h.ec2.send(new DescribeVpcsCommand({})))).toMatchObject({ name: 'Unavailable', status: 503, fault: 'server' });
    await h.ec2.send(new DescribeVpcsCommand({}));
    h.emulator.controls.clearFailures();
  });

  it('injects internal errors as InternalFailure / 500', async () => {
    h.emulator.controls.addFailure({ action: 'elbv2:DescribeTargetGroups', error: { kind: 'internal' } });
    expect(await failure(h.elbv2.send(new DescribeTargetGroupsCommand({})))).toMatchObject({ name: 'InternalFailure', status: 500, fault: 'server' });
    h.emulator.controls.clearFailures();
  });

  it('fails a seeded random share of calls with the real throttling answer, replayably', async () => {
    const outcomes = async (seed: number) => {
      h.emulator.controls.addFailure({ action: 'elbv2:DescribeLoadBalancers', chance: 0.2, seed, error: { kind: 'throttling' } });
      const out: string[] = [];
      for (let i = 0; i < 200; i++) {
        out.push(await h.elbv2.send(new DescribeLoadBalancersCommand({})).then(() => 'ok', (e: Error) => e.name));
      }
      h.emulator.controls.clearFailures();
      return out;
    };
    const first = await outcomes(7);
    const throttled = first.filter((o) => o === 'Throttling').length;
    expect(throttled).toBeGreaterThan(20);
    expect(throttled).toBeLessThan(60);
    expect(first.filter((o) => o !== 'Throttling' && o !== 'ok')).toEqual([]);
    expect(await outcomes(7)).toEqual(first);
  });

  it('counts calls per action and delays them by the injected latency', async () => {
    h.emulator.controls.resetCounters();
    h.emulator.controls.setLatency({ perAction: { DescribeLoadBalancers: 30 } });
    const started = performance.now();
    await h.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    h.emulator.controls.setLatency({ perAction: {} });
    await h.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(h.emulator.controls.callCount('DescribeLoadBalancers')).toBe(2);
    expect(h.emulator.controls.counters()).toEqual({ 'elbv2:DescribeLoadBalancers': 2 });
  });

  it('are readable and settable over /_emulator', async () => {
    expect((await control('PUT', '/latency', { defaultMs: 0 })).body).toEqual({ defaultMs: 0, perAction: {} });
    const rule = await control('POST', '/failures', { action: 'DescribeLoadBalancers', error: { kind: 'error', code: 'Throttling', message: 'Rate exceeded' } });
    expect(rule.status).toBe(201);
    expect((await failure(h.elbv2.send(new DescribeLoadBalancersCommand({})))).name).toBe('Throttling');
    const rules = (await control('GET', '')).body['failures'] as { id: string }[];
    expect(rules).toHaveLength(1);
    expect((await control('DELETE', `/failures/${rules[0]!.id}`)).status).toBe(200);
    await control('PUT', '/throttling', { enabled: true, overrides: { 'elbv2:describe': { capacity: 1, refillPerSecond: 0, initialTokens: 0 } } });
    expect((await failure(h.elbv2.send(new DescribeLoadBalancersCommand({})))).name).toBe('Throttling');
    expect(((await control('GET', '/counters')).body['throttled'] as Record<string, number>)['elbv2:DescribeLoadBalancers']).toBe(1);
    await control('POST', '/reset');
    await h.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect((await control('GET', '/nope')).status).toBe(404);
  });

  it('exposes and resets the state over /_emulator/state', async () => {
    const state = (await control('GET', '/state')).body as { ec2: { vpcs: Record<string, unknown> } };
    expect(Object.keys(state.ec2.vpcs)).toHaveLength(1);
    await control('POST', '/state/reset', {});
    expect((await h.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    await control('POST', '/state/reset', { seed: true });
    expect((await h.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });
});
