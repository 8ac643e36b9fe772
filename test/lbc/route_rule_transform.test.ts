/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/route_rule_transform_test.go. LBC's cases call the
 * transform builders with a route rule or a path modifier and a match; here each is a route rule
 * with that URLRewrite filter and match, and the case asserts the `transforms` of the built
 * ListenerRule. LBC's `rewriteCases` then apply the rewrite regex to sample paths; that is done
 * here with the built regex too (JavaScript's `replace` expands `$2` like Go's
 * `ReplaceAllString`, an unmatched group becoming "").
 */
import { describe, expect, it } from 'vitest';
import type { RouteDef } from './route-rule-fixtures.js';
import { ruleCase } from './route-rule-fixtures.js';

const T = 'route_rule_transform_test.go';
type Transform = Record<string, unknown>;

/** The transforms of the single rule built for `rule` (undefined: the spec has none). */
function transformsOf(rule: Record<string, unknown>, kind: RouteDef['kind'] = 'HTTPRoute'): readonly Transform[] | undefined {
  const c = ruleCase([{ kind, name: 'r', rules: [rule] }]);
  expect(c.result.errors).toEqual([]);
  expect(c.rules).toHaveLength(1);
  return c.rules[0]!.transforms;
}
const urlRewrite = (regex: string, replace: string): Transform => ({ type: 'url-rewrite', urlRewriteConfig: { rewrites: [{ regex, replace }] } });
const hostRewrite = (replace: string): Transform => ({ type: 'host-header-rewrite', hostHeaderRewriteConfig: { rewrites: [{ regex: '.*', replace }] } });
const exactFoo = { path: { type: 'Exact', value: '/foo' } };

describe(`${T} Test_BuildRoutingRuleTransforms`, () => {
  it(`${T} Test_BuildRoutingRuleTransforms/unsupported route`, () => {
    // A GRPCRoute rule gets no transforms (its filters cannot rewrite; it has none here).
    expect(transformsOf({}, 'GRPCRoute')).toBeUndefined();
  });
  it(`${T} Test_BuildRoutingRuleTransforms/no transforms`, () => {
    expect(transformsOf({ matches: [exactFoo] })).toBeUndefined();
  });
  it(`${T} Test_BuildRoutingRuleTransforms/path rewrite`, () => {
    const rule = { matches: [exactFoo], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/bar' } } }] };
    expect(transformsOf(rule)).toEqual([urlRewrite('^([^?]*)', '/bar')]);
  });
  it(`${T} Test_BuildRoutingRuleTransforms/header rewrite`, () => {
    const rule = { matches: [exactFoo], filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'foo.com' } }] };
    expect(transformsOf(rule)).toEqual([hostRewrite('foo.com')]);
  });
  it(`${T} Test_BuildRoutingRuleTransforms/header and url rewrite`, () => {
    const rule = { matches: [exactFoo], filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'foo.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/bar' } } }] };
    expect(transformsOf(rule)).toEqual([urlRewrite('^([^?]*)', '/bar'), hostRewrite('foo.com')]);
  });
});

describe(`${T} Test_generateURLRewritePathTransform`, () => {
  const fooPrefix = { path: { type: 'PathPrefix', value: '/foo' } };
  const cases: { name: string; match: object; modifier: object; regex: string; replace: string; rewrites: [string, string][] }[] = [
    {
      name: 'full path rewrite',
      // LBC's match has an empty path; a manifest's is defaulted to PathPrefix "/", which a full-path rewrite ignores.
      match: {},
      modifier: { type: 'ReplaceFullPath', replaceFullPath: '/cat' },
      regex: '^([^?]*)',
      replace: '/cat',
      rewrites: [
        ['/foo', '/cat'],
        ['/foo/bar/baz/bat/', '/cat'],
        ['/', '/cat'],
        ['/foo?q1=q2', '/cat?q1=q2'],
        ['/foo?q1=q2&q3=q4', '/cat?q1=q2&q3=q4'],
      ],
    },
    {
      name: 'prefix path rewrite',
      match: fooPrefix,
      modifier: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/cat' },
      regex: '(^/foo(/)?)',
      replace: '/cat$2',
      rewrites: [
        ['/foo', '/cat'],
        ['/foo/bar/baz/bat/', '/cat/bar/baz/bat/'],
        ['/foo?q1=q2', '/cat?q1=q2'],
        ['/foo?q1=q2&q3=q4', '/cat?q1=q2&q3=q4'],
        ['/foo/bar', '/cat/bar'],
      ],
    },
    {
      name: "prefix path rewrite with explicit '/' on suffix",
      match: fooPrefix,
      modifier: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/cat/' },
      regex: '(^/foo(/)?)',
      replace: '/cat/',
      rewrites: [
        ['/foo', '/cat/'],
        ['/foo/bar/baz/bat/', '/cat/bar/baz/bat/'],
        ['/foo?q1=q2', '/cat/?q1=q2'],
        ['/foo?q1=q2&q3=q4', '/cat/?q1=q2&q3=q4'],
        ['/foo/bar', '/cat/bar'],
      ],
    },
    {
      name: 'prefix path rewrite - empty replace',
      match: fooPrefix,
      modifier: { type: 'ReplacePrefixMatch', replacePrefixMatch: '' },
      regex: '(^/foo(/)?)',
      replace: '/',
      rewrites: [
        ['/foo', '/'],
        ['/foo/bar/baz/bat/', '/bar/baz/bat/'],
        ['/foo?q1=q2', '/?q1=q2'],
        ['/foo?q1=q2&q3=q4', '/?q1=q2&q3=q4'],
        ['/foo/bar', '/bar'],
        ['/foo/bar/', '/bar/'],
      ],
    },
    {
      name: "prefix path rewrite - '/' replace",
      match: fooPrefix,
      modifier: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
      regex: '(^/foo(/)?)',
      replace: '/',
      rewrites: [
        ['/foo', '/'],
        ['/foo/bar/baz/bat/', '/bar/baz/bat/'],
        ['/foo?q1=q2', '/?q1=q2'],
        ['/foo?q1=q2&q3=q4', '/?q1=q2&q3=q4'],
        ['/foo/bar', '/bar'],
        ['/foo/bar/', '/bar/'],
      ],
    },
  ];
  it.each(cases)(`${T} Test_generateURLRewritePathTransform/$name`, ({ match, modifier, regex, replace, rewrites }) => {
    const got = transformsOf({ matches: [match], filters: [{ type: 'URLRewrite', urlRewrite: { path: modifier } }] });
    expect(got).toEqual([urlRewrite(regex, replace)]);
    const rewrite = (got![0]!['urlRewriteConfig'] as { rewrites: { regex: string; replace: string }[] }).rewrites[0]!;
    const re = new RegExp(rewrite.regex, 'g');
    expect(rewrites.map(([input]) => [input, input.replace(re, rewrite.replace)])).toEqual(rewrites);
  });
});

describe(`${T} Test_generateHostHeaderRewriteTransform`, () => {
  it(`${T} Test_generateHostHeaderRewriteTransform/with header rewrite`, () => {
    expect(transformsOf({ filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'foo.com' } }] })).toEqual([hostRewrite('foo.com')]);
  });
});
