/**
 * Pre-flight for listener rule conditions (CreateRule), by the rules in src/aws-rules/conditions.ts
 * that the emulator (src/emulator/elbv2/conditions.ts, condition-regex.ts) enforces: wildcards per rule, value lengths, host-header values, header
 * names, method names, and regex values ALB's matcher does not support.
 */
import { conditionValueError, headerNameError, hostHeaderError, MAX_CONDITION_VALUE_LENGTH, regexValueError, requestMethodError, wildcardsError } from '../aws-rules/conditions.js';
import type { At } from './context.js';
import { PREFLIGHT_CODES as C, type Finding } from './preflight.js';
import type { RuleCondition } from './stack.js';

function regexValues(c: RuleCondition): readonly string[] {
  switch (c.field) {
    case 'host-header':
      return c.hostHeaderConfig.regexValues ?? [];
    case 'path-pattern':
      return c.pathPatternConfig.regexValues ?? [];
    case 'http-header':
      return c.httpHeaderConfig.regexValues ?? [];
    case 'query-string':
    case 'http-request-method':
    case 'source-ip':
      return [];
  }
}

function globValues(c: RuleCondition): readonly string[] {
  switch (c.field) {
    case 'host-header':
      return c.hostHeaderConfig.values ?? [];
    case 'path-pattern':
      return c.pathPatternConfig.values ?? [];
    case 'http-header':
      return c.httpHeaderConfig.values ?? [];
    case 'query-string':
      return c.queryStringConfig.values.flatMap((v) => [v.key ?? '', v.value]);
    case 'http-request-method':
    case 'source-ip':
      return [];
  }
}

function occurrences(v: string, ch: string): number {
  let n = 0;
  for (let i = v.indexOf(ch); i >= 0; i = v.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The `*` and `?` in a glob value, found with indexOf: the pre-flight runs for every rule, and a
 * charCodeAt loop over the values (most are concatenated strings) was its costliest line.
 */
function wildcardCount(v: string): number {
  return occurrences(v, '*') + occurrences(v, '?');
}

function reject(push: (f: Finding) => void, at: At, awsMessage: string, fix: string): void {
  push({ code: C.condition, call: 'CreateRule', awsCode: 'ValidationError', awsMessage, fix, at });
}

/** `rule.at()`: where a finding points, asked only for one. */
export function checkConditions(conditions: readonly RuleCondition[], rule: { at(): At }, push: (f: Finding) => void): void {
  let wildcards = 0;
  for (const c of conditions) for (const v of globValues(c)) wildcards += wildcardCount(v);
  const tooMany = wildcardsError(wildcards);
  if (tooMany) {
    reject(push, rule.at(), tooMany, `This rule's hostnames, paths, headers and query values use ${wildcards} '*' or '?'; split the rule or use fewer wildcards.`);
  }
  for (const c of conditions) {
    for (const v of regexValues(c)) {
      const message = regexValueError(v, c.field);
      if (message) reject(push, rule.at(), message, 'Use a regular expression of at most 128 characters without lookarounds, backreferences, atomic groups, possessive quantifiers or \\p classes.');
    }
    for (const v of globValues(c)) {
      const message = conditionValueError(v, c.field);
      if (message) reject(push, rule.at(), message, `Shorten the ${c.field} value to at most ${MAX_CONDITION_VALUE_LENGTH} characters.`);
    }
    if (c.field === 'host-header') {
      for (const v of c.hostHeaderConfig.values ?? []) {
        const message = hostHeaderError(v);
        if (message) reject(push, rule.at(), message, 'Use a fully qualified hostname (e.g. app.example.com) on the route or listener.');
      }
    }
    if (c.field === 'http-header') {
      const message = headerNameError(c.httpHeaderConfig.httpHeaderName);
      if (message) reject(push, rule.at(), message, 'Use a header name of at most 40 characters.');
    }
    if (c.field === 'http-request-method') {
      for (const v of c.httpRequestMethodConfig.values) {
        const message = requestMethodError(v);
        if (message) reject(push, rule.at(), message, 'Use an upper-case method name.');
      }
    }
  }
}
