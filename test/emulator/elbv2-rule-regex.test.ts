/**
 * Regex matching in rule conditions (`RegexValues` of host-header, path-pattern and
 * http-header): create, modify and describe through the real SDK, and AWS's validation —
 * value XOR regex per condition, 128 characters, the 5-evaluation quota, unsupported features.
 */
import { CreateRuleCommand, DescribeRulesCommand, ModifyRuleCommand, type RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { alb, forward, httpListener, targetGroup } from './fixtures.js';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();
let listener = '';
let tg = '';

beforeAll(async () => {
  tg = await targetGroup(h.elbv2, 'regex-tg');
  listener = await httpListener(h.elbv2, await alb(h.elbv2, 'regex-lb'), tg);
});

const header = (config: { Values?: string[]; RegexValues?: string[] }): RuleCondition => ({ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', ...config } });
const create = (priority: number, conditions: RuleCondition[]) => h.elbv2.send(new CreateRuleCommand({ ListenerArn: listener, Priority: priority, Conditions: conditions, Actions: forward(tg) }));
const message = async (priority: number, conditions: RuleCondition[]) => {
  const err = await failure(create(priority, conditions));
  expect(err.name).toBe('ValidationError');
  return err.message;
};

describe('RegexValues in CreateRule and DescribeRules', () => {
  it('accepts regex matching for http-header, host-header and path-pattern and echoes it in the config', async () => {
    const conditions: RuleCondition[] = [
      header({ RegexValues: ['^(true|yes)$'] }),
      { Field: 'host-header', HostHeaderConfig: { RegexValues: ['^api-[a-z]+\\.example\\.com$'] } },
      { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/v[0-9]+/.*'] } },
    ];
    const created = (await create(1, conditions)).Rules![0]!;
    expect(created.Conditions).toEqual(conditions);
    const described = (await h.elbv2.send(new DescribeRulesCommand({ RuleArns: [created.RuleArn!] }))).Rules![0]!;
    expect(described.Conditions).toEqual(conditions);
  });

  it('takes the top-level RuleCondition.RegexValues as the config form', async () => {
    const r = (await create(2, [{ Field: 'path-pattern', RegexValues: ['^/top$'] }])).Rules![0]!;
    expect(r.Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/top$'] } }]);
    expect(await message(3, [{ Field: 'path-pattern', RegexValues: ['^/a$'], PathPatternConfig: { RegexValues: ['^/b$'] } }])).toMatch(/RegexValues/);
    expect(await message(4, [{ Field: 'source-ip', RegexValues: ['.*'], SourceIpConfig: { Values: ['10.0.0.0/8'] } }])).toBe("The 'RegexValues' field is not compatible with 'source-ip'");
  });

  it('does not count regex quantifiers as wildcards', async () => {
    const regexes = ['a*', 'b*', 'c*?', 'd+?'];
    const r = (await create(5, [header({ RegexValues: regexes }), { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/x*/y*/z*$'] } }])).Rules![0]!;
    expect(r.Conditions![0]!.HttpHeaderConfig!.RegexValues).toEqual(regexes);
  });
});

describe('RegexValues validation', () => {
  it('rejects values and regex values in one condition, and a condition with neither', async () => {
    expect(await message(10, [header({ Values: ['yes'], RegexValues: ['^yes$'] })])).toBe("A 'http-header' condition can use either Values or RegexValues, not both");
    expect(await message(11, [{ Field: 'host-header', HostHeaderConfig: { Values: ['a.example.com'], RegexValues: ['^a$'] } }])).toBe("A 'host-header' condition can use either Values or RegexValues, not both");
    expect(await message(12, [{ Field: 'path-pattern', Values: ['/a'], PathPatternConfig: { RegexValues: ['^/a$'] } }])).toMatch(/either Values or RegexValues/);
    expect(await message(13, [header({})])).toBe("A 'http-header' condition needs at least one value");
  });

  it('counts regex values toward the 5 condition values of a rule', async () => {
    const six = [header({ RegexValues: ['^1$', '^2$', '^3$'] }), { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/a$', '^/b$', '^/c$'] } }];
    expect(await message(20, six)).toBe("A rule can only have '5' condition values");
  });

  it('limits each regex to 128 characters and rejects invalid ones', async () => {
    await create(30, [header({ RegexValues: ['x'.repeat(128)] })]);
    expect(await message(31, [header({ RegexValues: ['x'.repeat(129)] })])).toMatch(/longer than 128 characters/);
    expect(await message(32, [header({ RegexValues: ['([a-z]'] })])).toBe("The 'http-header' regular expression '([a-z]' is not a valid regular expression");
  });

  it('rejects the regex features ALB does not support', async () => {
    const cases: [string, string][] = [
      ['^foo(?=bar)', 'lookahead'],
      ['(?<!x)y', 'lookbehind'],
      ['(a)\\1', 'backreference'],
      ['(?>ab)', 'atomic group'],
      ['a++', 'possessive quantifier'],
      ['a{2,3}+', 'possessive quantifier'],
      ['(a(?R)?b)', 'subroutine or recursion'],
      ['\\p{L}+', 'Unicode character class'],
    ];
    let priority = 40;
    for (const [regex, feature] of cases) expect(await message(priority++, [header({ RegexValues: [regex] })])).toBe(`The 'http-header' regular expression '${regex}' uses an unsupported feature: ${feature}`);
    // Escaped look-alikes are plain regexes.
    await create(priority++, [header({ RegexValues: ['\\(\\?=x\\)', '\\\\1', '[?+]', '\\++'] })]);
  });
});

describe('RegexValues in ModifyRule', () => {
  it('switches a rule between value and regex matching', async () => {
    const arn = (await create(60, [header({ Values: ['yes'] })])).Rules![0]!.RuleArn!;
    const toRegex = await h.elbv2.send(new ModifyRuleCommand({ RuleArn: arn, Conditions: [header({ RegexValues: ['^y(es)?$'] })] }));
    expect(toRegex.Rules![0]!.Conditions).toEqual([header({ RegexValues: ['^y(es)?$'] })]);
    const bad = await failure(h.elbv2.send(new ModifyRuleCommand({ RuleArn: arn, Conditions: [header({ RegexValues: ['(?=x)'] })] })));
    expect(bad.name).toBe('ValidationError');
    const back = await h.elbv2.send(new ModifyRuleCommand({ RuleArn: arn, Conditions: [header({ Values: ['no'] })] }));
    expect(back.Rules![0]!.Conditions).toEqual([header({ Values: ['no'] })]);
  });
});
