import { AddTagsCommand, DescribeRulesCommand, DescribeTagsCommand, RemoveTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { alb, httpListener, targetGroup } from './fixtures.js';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();

describe('tags', () => {
  it('adds, replaces, describes and removes tags on every resource kind', async () => {
    const lb = await alb(h.elbv2, 'tags-lb');
    const tg = await targetGroup(h.elbv2, 'tags-tg', { Tags: [{ Key: 'owner', Value: 'cli' }] });
    const listener = await httpListener(h.elbv2, lb, tg);
    const rule = (await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules![0]!.RuleArn!;
    for (const arn of [lb, tg, listener, rule]) await h.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'env', Value: 'dev' }] }));
    await h.elbv2.send(new AddTagsCommand({ ResourceArns: [tg], Tags: [{ Key: 'env', Value: 'prod' }] }));
    const out = await h.elbv2.send(new DescribeTagsCommand({ ResourceArns: [lb, tg, listener, rule] }));
    expect(out.TagDescriptions).toEqual([
      { ResourceArn: lb, Tags: [{ Key: 'env', Value: 'dev' }] },
      { ResourceArn: tg, Tags: [{ Key: 'owner', Value: 'cli' }, { Key: 'env', Value: 'prod' }] },
      { ResourceArn: listener, Tags: [{ Key: 'env', Value: 'dev' }] },
      { ResourceArn: rule, Tags: [{ Key: 'env', Value: 'dev' }] },
    ]);
    await h.elbv2.send(new RemoveTagsCommand({ ResourceArns: [tg], TagKeys: ['env', 'absent'] }));
    expect((await h.elbv2.send(new DescribeTagsCommand({ ResourceArns: [tg] }))).TagDescriptions![0]!.Tags).toEqual([{ Key: 'owner', Value: 'cli' }]);
  });

  it('returns the real errors', async () => {
    const lb = await alb(h.elbv2, 'tags-err-lb');
    const tg = await targetGroup(h.elbv2, 'tags-err-tg');
    expect(await failure(h.elbv2.send(new AddTagsCommand({ ResourceArns: [lb, tg], Tags: [{ Key: 'a', Value: 'b' }] })))).toMatchObject({ name: 'ValidationError', message: 'Only one resource can be tagged at a time' });
    expect((await failure(h.elbv2.send(new AddTagsCommand({ ResourceArns: [lb], Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] })))).name).toBe('DuplicateTagKeysException');
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await h.elbv2.send(new AddTagsCommand({ ResourceArns: [lb], Tags: fifty }));
    expect((await failure(h.elbv2.send(new AddTagsCommand({ ResourceArns: [lb], Tags: [{ Key: 'one-more', Value: 'v' }] })))).name).toBe('TooManyTagsException');
    expect((await failure(h.elbv2.send(new AddTagsCommand({ ResourceArns: [tg], Tags: [{ Key: 'aws:reserved', Value: 'v' }] })))).name).toBe('ValidationError');
    const missing = (arn: string) => arn.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await failure(h.elbv2.send(new DescribeTagsCommand({ ResourceArns: [missing(lb)] })))).name).toBe('LoadBalancerNotFoundException');
    expect((await failure(h.elbv2.send(new DescribeTagsCommand({ ResourceArns: [tg, missing(tg)] })))).name).toBe('TargetGroupNotFoundException');
    const listenerArn = lb.replace(':loadbalancer/', ':listener/') + '/0123456789abcdef';
    expect((await failure(h.elbv2.send(new AddTagsCommand({ ResourceArns: [listenerArn], Tags: [{ Key: 'a', Value: 'b' }] })))).name).toBe('ListenerNotFoundException');
    const ruleArn = lb.replace(':loadbalancer/', ':listener-rule/') + '/0123456789abcdef/0123456789abcdef';
    expect((await failure(h.elbv2.send(new RemoveTagsCommand({ ResourceArns: [ruleArn], TagKeys: ['a'] })))).name).toBe('RuleNotFoundException');
    expect((await failure(h.elbv2.send(new DescribeTagsCommand({ ResourceArns: ['junk'] })))).message).toBe("'junk' must be in ARN format");
    const many = await failure(h.elbv2.send(new DescribeTagsCommand({ ResourceArns: Array.from({ length: 21 }, () => tg) })));
    expect(many.name).toBe('ValidationError');
  });
});
