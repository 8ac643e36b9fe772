/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS).
 *
 * This file: listener rule conditions (aws-api-facts.md §2.3 "Conditions", §3.6) and their
 * `RegexValues` (SDK model HostHeaderConditionConfig / PathPatternConditionConfig /
 * HttpHeaderConditionConfig). AWS documents: each string at most 128 characters, and these regex
 * features are not supported: lookaheads, lookbehinds, backreferences, atomic groups, possessive
 * quantifiers, subroutines, recursion and Unicode character classes such as `\p{L}` ("Condition
 * types for listener rules"). The exact regex messages are not documented, so ours are [inferred].
 * Each check returns AWS's message, or undefined when AWS takes the value.
 */

export const MAX_WILDCARDS = 5;
export const MAX_CONDITION_VALUE_LENGTH = 128;

/** `count`: the `*` and `?` in the rule's glob values (in a regex they are quantifiers, not wildcards). */
export function wildcardsError(count: number): string | undefined {
  return count > MAX_WILDCARDS ? `A rule can only have '${MAX_WILDCARDS}' wildcards` : undefined;
}

export function conditionValueError(v: string, field: string): string | undefined {
  return v.length > MAX_CONDITION_VALUE_LENGTH ? `The '${field}' condition value '${v.slice(0, 20)}…' is longer than ${MAX_CONDITION_VALUE_LENGTH} characters` : undefined;
}

/** Host values need a `.` and only letters after the last one (§3.6). */
export function hostHeaderError(v: string): string | undefined {
  return /^[A-Za-z0-9*?.-]+\.[A-Za-z*?]+$/.test(v) ? undefined : `Host header value '${v}' must contain a '.' and may only have letters after the final '.'`;
}

/** An RFC 9110 token of at most 40 characters. */
export function headerNameError(name: string): string | undefined {
  return name.length > 40 || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) ? `HTTP header name '${name}' must be a valid header name of at most 40 characters` : undefined;
}

export function requestMethodError(v: string): string | undefined {
  return /^[A-Z_-]{1,40}$/.test(v) ? undefined : `HTTP request method '${v}' must be at most 40 characters of A-Z, '_' or '-'`;
}

/**
 * Each unsupported regex feature with a syntactic marker, checked before compiling. Escape-based
 * markers look at the text without escaped backslashes (`\\1` is a literal backslash and 1);
 * group and quantifier markers look at the text with every escape and character class
 * blanked, so `\++` or `[?+]` are not taken for possessive quantifiers.
 */
const UNSUPPORTED_REGEX: readonly { readonly name: string; readonly pattern: RegExp; readonly on: 'escapes' | 'structure' }[] = [
  { name: 'lookahead', pattern: /\(\?[=!]/, on: 'structure' },
  { name: 'lookbehind', pattern: /\(\?<[=!]/, on: 'structure' },
  { name: 'backreference', pattern: /\\[1-9]|\\k<|\\g\{?-?\d/, on: 'escapes' },
  { name: 'atomic group', pattern: /\(\?>/, on: 'structure' },
  { name: 'possessive quantifier', pattern: /[*+?]\+|\{\d+(?:,\d*)?\}\+/, on: 'structure' },
  { name: 'subroutine or recursion', pattern: /\(\?(?:R|\d|[+-]\d|&|P>)/, on: 'structure' },
  { name: 'Unicode character class', pattern: /\\[pP]/, on: 'escapes' },
];

/**
 * AWS's message for a regex value that breaks a documented rule, or undefined. Whether the
 * rest compiles is left to the caller: the emulator compiles it, the pre-flight does not.
 */
export function regexValueError(v: string, field: string): string | undefined {
  if (v.length === 0) return `A '${field}' regular expression must not be empty`;
  if (v.length > MAX_CONDITION_VALUE_LENGTH) return `The '${field}' regular expression '${v.slice(0, 20)}…' is longer than ${MAX_CONDITION_VALUE_LENGTH} characters`;
  // Rules apply to visible ASCII only (control characters 0x00–0x1f and 0x7f are excluded).
  if (/[\x00-\x1f\x7f]/.test(v)) return `The '${field}' regular expression must not contain control characters`;
  const views = { escapes: v.replace(/\\\\/g, ''), structure: v.replace(/\\./g, 'E').replace(/\[[^\]]*\]/g, 'C') };
  const unsupported = UNSUPPORTED_REGEX.find((u) => u.pattern.test(views[u.on]));
  return unsupported ? `The '${field}' regular expression '${v}' uses an unsupported feature: ${unsupported.name}` : undefined;
}

export const ONE_TRANSFORM_PER_TYPE_MESSAGE = 'A rule can have at most one transform of each type';
