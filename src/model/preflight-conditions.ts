/**
 * Pre-flight for listener rule conditions (CreateRule), as src/emulator/elbv2/conditions.ts and
 * condition-regex.ts validate them: wildcards per rule, value lengths, host-header values, header
 * names, method names, and regex values ALB's matcher does not support.
 */
import type { At } from './context.js';
import { PREFLIGHT_CODES as C, type Finding } from './preflight.js';
import type { RuleCondition } from './stack.js';

const MAX_WILDCARDS = 5;
const MAX_VALUE_LENGTH = 128;

/** PCRE features ALB regex matching does not support (emulator condition-regex.ts; "Condition types for listener rules"). */
const UNSUPPORTED_REGEX: readonly { readonly name: string; readonly pattern: RegExp; readonly on: 'escapes' | 'structure' }[] = [
  { name: 'lookahead', pattern: /\(\?[=!]/, on: 'structure' },
  { name: 'lookbehind', pattern: /\(\?<[=!]/, on: 'structure' },
  { name: 'backreference', pattern: /\\[1-9]|\\k<|\\g\{?-?\d/, on: 'escapes' },
  { name: 'atomic group', pattern: /\(\?>/, on: 'structure' },
  { name: 'possessive quantifier', pattern: /[*+?]\+|\{\d+(?:,\d*)?\}\+/, on: 'structure' },
  { name: 'subroutine or recursion', pattern: /\(\?(?:R|\d|[+-]\d|&|P>)/, on: 'structure' },
  { name: 'Unicode character class', pattern: /\\[pP]/, on: 'escapes' },
];

function regexError(v: string, field: string): string | undefined {
  if (v.length === 0) return `A '${field}' regular expression must not be empty`;
  if (v.length > MAX_VALUE_LENGTH) return `The '${field}' regular expression '${v.slice(0, 20)}…' is longer than ${MAX_VALUE_LENGTH} characters`;
  if (/[\x00-\x1f\x7f]/.test(v)) return `The '${field}' regular expression must not contain control characters`;
  const views = { escapes: v.replace(/\\\\/g, ''), structure: v.replace(/\\./g, 'E').replace(/\[[^\]]*\]/g, 'C') };
  const unsupported = UNSUPPORTED_REGEX.find((u) => u.pattern.test(views[u.on]));
  return unsupported ? `The '${field}' regular expression '${v}' uses an unsupported feature: ${unsupported.name}` : undefined;
}

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

export function checkConditions(conditions: readonly RuleCondition[], at: At, push: (f: Finding) => void): void {
  const reject = (awsMessage: string, fix: string): void => push({ code: C.condition, call: 'CreateRule', awsCode: 'ValidationError', awsMessage, fix, at });
  const wildcards = conditions.reduce((n, c) => n + globValues(c).join('').replace(/[^*?]/g, '').length, 0);
  if (wildcards > MAX_WILDCARDS) {
    reject(`A rule can only have '${MAX_WILDCARDS}' wildcards`, `This rule's hostnames, paths, headers and query values use ${wildcards} '*' or '?'; split the rule or use fewer wildcards.`);
  }
  for (const c of conditions) {
    for (const v of regexValues(c)) {
      const message = regexError(v, c.field);
      if (message) reject(message, 'Use a regular expression of at most 128 characters without lookarounds, backreferences, atomic groups, possessive quantifiers or \\p classes.');
    }
    for (const v of globValues(c)) {
      if (v.length > MAX_VALUE_LENGTH) {
        reject(`The '${c.field}' condition value '${v.slice(0, 20)}…' is longer than ${MAX_VALUE_LENGTH} characters`, `Shorten the ${c.field} value to at most ${MAX_VALUE_LENGTH} characters.`);
      }
    }
    if (c.field === 'host-header') {
      for (const v of c.hostHeaderConfig.values ?? []) {
        if (!/^[A-Za-z0-9*?.-]+\.[A-Za-z*?]+$/.test(v)) {
          reject(`Host header value '${v}' must contain a '.' and may only have letters after the final '.'`, 'Use a fully qualified hostname (e.g. app.example.com) on the route or listener.');
        }
      }
    }
    if (c.field === 'http-header') {
      const name = c.httpHeaderConfig.httpHeaderName;
      if (name.length > 40 || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
        reject(`HTTP header name '${name}' must be a valid header name of at most 40 characters`, 'Use a header name of at most 40 characters.');
      }
    }
    if (c.field === 'http-request-method') {
      for (const v of c.httpRequestMethodConfig.values) {
        if (!/^[A-Z_-]{1,40}$/.test(v)) reject(`HTTP request method '${v}' must be at most 40 characters of A-Z, '_' or '-'`, 'Use an upper-case method name.');
      }
    }
  }
}
