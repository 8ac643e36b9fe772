/**
 * `RegexValues` of host-header, path-pattern and http-header conditions (SDK model:
 * HostHeaderConditionConfig / PathPatternConditionConfig / HttpHeaderConditionConfig, and the
 * top-level RuleCondition.RegexValues). AWS documents: each string at most 128 characters; a
 * condition uses either value matching or regex matching, not both; regex values count toward
 * the rule's 5 match evaluations; and these regex features are not supported: lookaheads,
 * lookbehinds, backreferences, atomic groups, possessive quantifiers, subroutines, recursion
 * and Unicode character classes such as `\p{L}` ("Condition types for listener rules").
 * Those rules are in src/aws-rules/conditions.ts, shared with the model's pre-flight; this file
 * reads the values from the request and compiles them.
 */
import { regexValueError } from '../../aws-rules/conditions.js';
import { validationError } from '../errors.js';

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
  const message = regexValueError(v, field);
  if (message) throw validationError(message);
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
