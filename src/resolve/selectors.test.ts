import { describe, expect, it } from 'vitest';
import { goSelectorString, matchesSelector, selectorError } from './selectors.js';

// apimachinery v0.36.2: metav1.LabelSelectorAsSelector, labels.NewRequirement, content.IsLabelKey/IsLabelValue.
describe('selectorError (LabelSelectorAsSelector)', () => {
  const err = (s: Parameters<typeof selectorError>[0]) => selectorError(s)?.replace(/^Unable to parse selector .*?}: /, '');
  it('accepts empty and well-formed selectors', () => {
    expect(selectorError({})).toBeUndefined();
    expect(selectorError({ matchLabels: { 'example.com/team': 'a-1', empty: '' }, matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['b'] }] })).toBeUndefined();
  });
  it('a key with two slashes', () => {
    expect(err({ matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] })).toBe(
      "key: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
  });
  it('an empty key: both the empty and the regex message', () => {
    expect(err({ matchExpressions: [{ key: '', operator: 'Exists' }] })).toMatch(/^key: Invalid value: "": name part must be non-empty; name part must consist of/);
  });
  it('a value over 63 bytes that is otherwise well formed', () => {
    const long = 'v'.repeat(64);
    expect(err({ matchLabels: { k: long } })).toBe(`values[0][k]: Invalid value: "${long}": must be no more than 63 bytes`);
  });
  it('matchLabels come before matchExpressions, in sorted key order', () => {
    expect(err({ matchLabels: { b: 'x y', a: '-' }, matchExpressions: [{ key: 'k', operator: 'Bad' }] })).toMatch(/^values\[0\]\[a\]: Invalid value: "-"/);
  });
  it('quotes an operator as Go %q does', () => {
    expect(selectorError({ matchExpressions: [{ key: 'k', operator: 'in"\n' }] })?.endsWith(': "in\\"\\n" is not a valid label selector operator')).toBe(true);
  });
});

describe('goSelectorString ((*LabelSelector).String())', () => {
  it('prints sorted labels and every requirement', () => {
    expect(goSelectorString({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['x', 'y'] }, { key: 'e', operator: 'Exists' }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:k,Operator:In,Values:[x y],},LabelSelectorRequirement{Key:e,Operator:Exists,Values:[],},},}',
    );
  });
});

describe('matchesSelector', () => {
  it('matches labels and expressions', () => {
    const sel = { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }, { key: 'env', operator: 'Exists' }] };
    expect(matchesSelector(sel, { team: 'a', env: 'p' })).toBe(true);
    expect(matchesSelector(sel, { team: 'a', env: 'p', tier: 'x' })).toBe(false);
    expect(matchesSelector(sel, { team: 'a' })).toBe(false);
  });
});
