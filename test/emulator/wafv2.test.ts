/**
 * The emulator's WAFv2 through the real @aws-sdk/client-wafv2: what LBC's association manager
 * relies on (web_acl_association_manager.go) — associate, re-associate to change the web ACL,
 * read back, disassociate idempotently — and WAFv2's errors for unknown or malformed ARNs.
 */
import {
  AssociateWebACLCommand,
  DisassociateWebACLCommand,
  GetWebACLCommand,
  GetWebACLForResourceCommand,
  ListResourcesForWebACLCommand,
  ListWebACLsCommand,
  WAFV2Client,
  WAFInvalidParameterException,
} from '@aws-sdk/client-wafv2';
import { DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_WEB_ACLS, webAclArn } from '../../src/emulator/index.js';
import { alb, nlb } from './fixtures.js';
import { CREDENTIALS, failure, REGION, useEmulator } from './helpers.js';

const h = useEmulator();
let waf: WAFV2Client;
beforeAll(() => {
  waf = new WAFV2Client({ endpoint: h.emulator.endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(() => waf?.destroy());

const [ALLOW, BLOCK] = SEED_WEB_ACLS.map((a) => webAclArn(a.name, a.id)) as [string, string];

describe('WAFv2 web ACL associations', () => {
  it('associates, changes by re-associating, reads back and disassociates', async () => {
    const lb = await alb(h.elbv2, 'waf-assoc');
    expect((await waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb }))).WebACL).toBeUndefined();
    await waf.send(new AssociateWebACLCommand({ WebACLArn: ALLOW, ResourceArn: lb }));
    const got = (await waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb }))).WebACL!;
    expect(got).toMatchObject({ ARN: ALLOW, Name: 'gwlb-allow-all', DefaultAction: { Allow: {} } });
    await waf.send(new AssociateWebACLCommand({ WebACLArn: BLOCK, ResourceArn: lb }));
    expect((await waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb }))).WebACL?.ARN).toBe(BLOCK);
    expect((await waf.send(new ListResourcesForWebACLCommand({ WebACLArn: BLOCK }))).ResourceArns).toEqual([lb]);
    expect((await waf.send(new ListResourcesForWebACLCommand({ WebACLArn: ALLOW }))).ResourceArns).toEqual([]);
    await waf.send(new DisassociateWebACLCommand({ ResourceArn: lb }));
    await waf.send(new DisassociateWebACLCommand({ ResourceArn: lb }));
    expect((await waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb }))).WebACL).toBeUndefined();
  });

  it('forgets the association of a deleted load balancer, as AWS does', async () => {
    const lb = await alb(h.elbv2, 'waf-deleted');
    await waf.send(new AssociateWebACLCommand({ WebACLArn: ALLOW, ResourceArn: lb }));
    await h.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb }));
    expect((await waf.send(new ListResourcesForWebACLCommand({ WebACLArn: ALLOW }))).ResourceArns).not.toContain(lb);
    expect((await failure(waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb })))).name).toBe('WAFNonexistentItemException');
  });

  it('answers WAFNonexistentItemException for an unknown web ACL and WAFInvalidParameterException for a malformed ARN or an NLB', async () => {
    const lb = await alb(h.elbv2, 'waf-errors');
    const unknown = webAclArn('nope', '0a5e0000-0000-4000-8000-00000000ffff');
    const missing = await failure(waf.send(new AssociateWebACLCommand({ WebACLArn: unknown, ResourceArn: lb })));
    expect(missing).toMatchObject({ name: 'WAFNonexistentItemException', status: 400 });
    expect(missing.message).toContain('doesn’t exist');
    try {
      await waf.send(new AssociateWebACLCommand({ WebACLArn: 'my-web-acl-name-not-an-arn', ResourceArn: lb }));
      expect.fail('expected WAFInvalidParameterException');
    } catch (err) {
      expect(err).toBeInstanceOf(WAFInvalidParameterException);
      expect((err as WAFInvalidParameterException).Field).toBe('WEB_ACL_ARN');
    }
    const net = await nlb(h.elbv2, 'waf-nlb');
    expect((await failure(waf.send(new AssociateWebACLCommand({ WebACLArn: ALLOW, ResourceArn: net })))).name).toBe('WAFInvalidParameterException');
  });
});

describe('WAFv2 web ACLs', () => {
  it('lists the seeded REGIONAL web ACLs in pages and gets one by ARN or by name and id', async () => {
    const first = await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 2 }));
    expect(first.WebACLs!.map((a) => a.Name)).toEqual(['gwlb-allow-all', 'gwlb-block-all']);
    const second = await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 2, NextMarker: first.NextMarker! }));
    expect(second.WebACLs!.map((a) => a.Name)).toEqual(['gwlb-common-rules']);
    expect(second.NextMarker).toBeUndefined();
    const byArn = await waf.send(new GetWebACLCommand({ ARN: BLOCK }));
    expect(byArn.WebACL).toMatchObject({ Name: 'gwlb-block-all', DefaultAction: { Block: {} } });
    const byName = await waf.send(new GetWebACLCommand({ Name: 'gwlb-block-all', Id: SEED_WEB_ACLS[1]!.id, Scope: 'REGIONAL' }));
    expect(byName.WebACL?.ARN).toBe(BLOCK);
    expect((await failure(waf.send(new ListWebACLsCommand({ Scope: 'CLOUDFRONT' })))).name).toBe('WAFInvalidParameterException');
  });

  it('answers UnknownOperationException for a WAFv2 call it does not emulate', async () => {
    const res = await fetch(h.emulator.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AWSWAF_20190729.CreateWebACL', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
