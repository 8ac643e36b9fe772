/**
 * `RegexValues` of host-header, path-pattern and http-header conditions (SDK model:
 * HostHeaderConditionConfig / PathPatternConditionConfig / HttpHeaderConditionConfig, and the
 * top-level RuleCondition.RegexValues). AWS documents: each string at most 128 characters; a
 * condition uses either value matching or regex matching, not both; regex values count toward
 * the rule's 5 match evaluations; and these regex features are not supported: lookaheads,
 * lookbehinds, backreferences, atomic groups, possessive quantifiers, subroutines, recursion
 * and Unicode character classes such as `\p{L}` ("Condition types for listener rules").
 * The exact error messages for these are not documented, so ours are [inferred].
 */
import { validationError } from '../errors.js';

const MAX_LENGTH = 128;

/**
 * Each unsupported feature with a syntactic marker, checked before compiling. Escape-based
 * markers look at the text without escaped backslashes (`\\1` is a literal backslash and 1);
 * group and quantifier markers look at the text with every escape and character class
 * blanked, so `\++` or `[?+]` are not taken for possessive quantifiers.
 */
const UNSUPPORTED: readonly { readonly name: string; readonly pattern: RegExp; readonly on: 'escapes' | 'structure' }[] = [
  { name: 'lookahead', pattern: /\(\?[=!]/, on: 'structure' },
  { name: 'lookbehind', pattern: /\(\?<[=!]/, on: 'structure' },
  { name: 'backreference', pattern: /\\[1-9]|\\k<|\\g\{?-?\d/, on: 'escapes' },
  { name: 'atomic group', pattern: /\(\?>/, on: 'structure' },
  { name: 'possessive quantifier', pattern: /[*+?]\+|\{\d+(?:,\d*)?\}\+/, on: 'structure' },
  { name: 'subroutine or recursion', pattern: /\(\?(?:R|\d|[+-]\d|&|P>)/, on: 'structure' },
  { name: 'Unicode character class', pattern: /\\[pP]/, on: 'escapes' },
];

/**
 * Validates the regex values of one condition and returns them. `legacy` is the top-level
 * RuleCondition.RegexValues, `config` the one inside the field's config; like `Values`, when
 * both are given they must agree.
 */
export function readRegexValues(legacy: string[] | undefined, config: string[] | undefined, field: string): string[] | undefined {
  const given = nonEmpty(config) ?? nonEmpty(legacy);
  if (given === undefined) return undefined;
  if (nonEmpty(config) && nonEmpty(legacy) && config!.join('\n') !== legacy!.join('\n')) {
    throw validationError(`The 'RegexValues' field and the '${field}' config must not both be given with different regular expressions`);
  }
  for (const v of given) checkRegex(v, field);
  return given;
}

/** A condition matches either by values or by regular expressions (AWS docs). */
export function checkOneMatchKind(values: string[] | undefined, regexValues: string[] | undefined, field: string): void {
  if (nonEmpty(values) && nonEmpty(regexValues)) {
    throw validationError(`A '${field}' condition can use either Values or RegexValues, not both`);
  }
  if (!nonEmpty(values) && !nonEmpty(regexValues)) throw validationError(`A '${field}' condition needs at least one value`);
}

function checkRegex(v: string, field: string): void {
  if (v.length === 0) throw validationError(`A '${field}' regular expression must not be empty`);
  if (v.length > MAX_LENGTH) throw validationError(`The '${field}' regular expression '${v.slice(0, 20)}…' is longer than ${MAX_LENGTH} characters`);
  // Rules apply to visible ASCII only (control characters 0x00–0x1f and 0x7f are excluded).
  if (/[\x00-\x1f\x7f]/.test(v)) throw validationError(`The '${field}' regular expression must not contain control characters`);
  const views = { escapes: v.replace(/\\\\/g, ''), structure: v.replace(/\\./g, 'E').replace(/\[[^\]]*\]/g, 'C') };
  const unsupported = UNSUPPORTED.find((u) => u.pattern.test(views[u.on]));
  if (unsupported) throw validationError(`The '${field}' regular expression '${v}' uses an unsupported feature: ${unsupported.name}`);
  try {
    // JavaScript lacks PCRE's leading inline flags such as `(?i)`; strip them before compiling.
    new RegExp(v.replace(/^\(\?[imsx]+\)/, ''));
  } catch {
    throw validationError(`The '${field}' regular expression '${v}' is not a valid regular expression`);
  }
}

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values !== undefined && values.length > 0 ? values : undefined;
}
