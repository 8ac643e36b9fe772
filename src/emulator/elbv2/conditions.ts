/**
 * Rule conditions and transforms (aws-api-facts.md §2.3 "Conditions", §3.6). Conditions are
 * stored in their output shape: AWS echoes the legacy `Values` and the matching `*Config` for
 * host-header and path-pattern, so both are kept. Regex matching (`RegexValues`) is read by
 * condition-regex.ts and echoed inside the config only [inferred].
 */
import { conditionValueError, headerNameError, hostHeaderError, ONE_TRANSFORM_PER_TYPE_MESSAGE, requestMethodError, wildcardsError } from '../../aws-rules/conditions.js';
import { canonicalIpv4Cidr, canonicalIpv6Cidr } from '../ec2/cidr.js';
import { AwsError, constraintError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { checkOneMatchKind, readRegexValues } from './condition-regex.js';
import type { ConditionField, ConditionRecord, TransformRecord } from './records.js';

const FIELDS: readonly ConditionField[] = ['path-pattern', 'host-header', 'http-header', 'http-request-method', 'query-string', 'source-ip'];
/** Fields a rule may have at most once; http-header and query-string may repeat (§2.3). */
const SINGLE_USE = new Set<ConditionField>(['host-header', 'path-pattern', 'http-request-method', 'source-ip']);
const MAX_CONDITION_VALUES = 5;
/** Fields that accept regex matching (SDK model RuleCondition.RegexValues). */
const REGEX_FIELDS = new Set<ConditionField>(['host-header', 'path-pattern', 'http-header']);
const CONFIG_KEY: Record<ConditionField, string> = {
  'host-header': 'HostHeaderConfig',
  'path-pattern': 'PathPatternConfig',
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};

export function readConditions(input: QueryInput, key: string): ConditionRecord[] {
  const members = input.members(key);
  if (members === undefined) throw constraintError(null, input.pathOf(key), 'Member must not be null');
  const conditions = members.map(readCondition);
  const seen = new Set<ConditionField>();
  for (const c of conditions) {
    if (SINGLE_USE.has(c.Field) && seen.has(c.Field)) throw validationError(`A rule can only have one '${c.Field}' condition`);
    seen.add(c.Field);
  }
  const values = conditions.reduce((n, c) => n + valuesOf(c).length, 0);
  if (values > MAX_CONDITION_VALUES) throw validationError(`A rule can only have '${MAX_CONDITION_VALUES}' condition values`);
  // Only glob values have wildcards; `*` and `?` in a regex are quantifiers.
  const wildcards = conditions.filter((c) => c.Field !== 'source-ip' && c.Field !== 'http-request-method').reduce((n, c) => n + globValuesOf(c).join('').replace(/[^*?]/g, '').length, 0);
  const tooMany = wildcardsError(wildcards);
  if (tooMany) throw validationError(tooMany);
  return conditions;
}

/**
 * The match evaluations a condition contributes to the 5-per-rule quota: each value, each
 * regex, and each query-string pair once.
 */
function valuesOf(c: ConditionRecord): string[] {
  if (c.QueryStringConfig) return c.QueryStringConfig.Values.map((v) => `${v.Key ?? ''}${v.Value}`);
  const config = c.HostHeaderConfig ?? c.PathPatternConfig ?? c.HttpHeaderConfig;
  if (config) return [...(config.Values ?? []), ...(config.RegexValues ?? [])];
  return c.HttpRequestMethodConfig?.Values ?? c.SourceIpConfig?.Values ?? [];
}

function globValuesOf(c: ConditionRecord): string[] {
  const config = c.HostHeaderConfig ?? c.PathPatternConfig ?? c.HttpHeaderConfig;
  return config ? (config.Values ?? []) : valuesOf(c);
}

function readCondition(m: QueryInput): ConditionRecord {
  const field = m.str('Field');
  if (field === undefined) throw constraintError(null, m.pathOf('Field'), 'Member must not be null');
  if (!(FIELDS as readonly string[]).includes(field)) throw validationError(`Condition field '${field}' must be one of '[${FIELDS.join(',')}]'`);
  const f = field as ConditionField;
  const legacy = m.memberStrings('Values');
  if (legacy !== undefined && legacy.length > 0) {
    if (f !== 'host-header' && f !== 'path-pattern') throw validationError(`The 'Values' field is not compatible with '${f}'`);
    if (legacy.length > 1) throw validationError(`The '${f}' field contains too many values; the limit is '1'`);
  }
  const legacyRegex = m.memberStrings('RegexValues');
  if (legacyRegex !== undefined && legacyRegex.length > 0 && !REGEX_FIELDS.has(f)) throw validationError(`The 'RegexValues' field is not compatible with '${f}'`);
  for (const [k, fieldName] of Object.entries(CONFIG_KEY)) {
    if (k !== f && m.has(fieldName)) throw validationError(`The '${fieldName}' field is not compatible with '${f}'`);
  }
  const config = m.child(CONFIG_KEY[f]);
  const regexValues = REGEX_FIELDS.has(f) ? readRegexValues(legacyRegex, config?.memberStrings('RegexValues'), f) : undefined;
  switch (f) {
    case 'host-header':
    case 'path-pattern': {
      if (regexValues) {
        checkOneMatchKind([...(legacy ?? []), ...(config?.memberStrings('Values') ?? [])], regexValues, f);
        return f === 'host-header' ? { Field: f, HostHeaderConfig: { RegexValues: regexValues } } : { Field: f, PathPatternConfig: { RegexValues: regexValues } };
      }
      const values = pickValues(legacy, config?.memberStrings('Values'), f);
      for (const v of values) checkValue(v, f);
      if (f === 'host-header') for (const v of values) checkHost(v);
      return f === 'host-header' ? { Field: f, Values: values, HostHeaderConfig: { Values: values } } : { Field: f, Values: values, PathPatternConfig: { Values: values } };
    }
    case 'http-header': {
      if (!config) throw validationError("An 'http-header' condition needs an HttpHeaderConfig");
      const name = config.requiredStr('HttpHeaderName');
      const badName = headerNameError(name);
      if (badName) throw validationError(badName);
      const plain = config.memberStrings('Values');
      checkOneMatchKind(plain, regexValues, f);
      if (regexValues) return { Field: f, HttpHeaderConfig: { HttpHeaderName: name, RegexValues: regexValues } };
      for (const v of plain!) checkValue(v, f);
      return { Field: f, HttpHeaderConfig: { HttpHeaderName: name, Values: plain! } };
    }
    case 'http-request-method': {
      const values = requireValues(config?.memberStrings('Values'), f);
      for (const v of values) {
        const message = requestMethodError(v);
        if (message) throw validationError(message);
      }
      return { Field: f, HttpRequestMethodConfig: { Values: values } };
    }
    case 'query-string': {
      const pairs = (config?.members('Values') ?? []).map((p) => {
        const key = p.str('Key');
        const value = p.requiredStr('Value');
        for (const v of [key ?? '', value]) checkValue(v, f);
        return key !== undefined ? { Key: key, Value: value } : { Value: value };
      });
      if (pairs.length === 0) throw validationError("A 'query-string' condition needs at least one key/value pair");
      return { Field: f, QueryStringConfig: { Values: pairs } };
    }
    case 'source-ip': {
      const values = requireValues(config?.memberStrings('Values'), f).map((v) => {
        const canonical = canonicalIpv4Cidr(v) ?? canonicalIpv6Cidr(v);
        if (canonical === undefined) throw validationError(`Source IP '${v}' must be a valid CIDR block`);
        return v;
      });
      return { Field: f, SourceIpConfig: { Values: values } };
    }
  }
}

function pickValues(legacy: string[] | undefined, config: string[] | undefined, f: string): string[] {
  if (legacy && legacy.length > 0 && config && config.length > 0) {
    if (legacy.join() !== config.join()) throw validationError(`The 'Values' field and the '${f}' config must not both be given with different values`);
  }
  return requireValues(config && config.length > 0 ? config : legacy, f);
}

function requireValues(values: string[] | undefined, f: string): string[] {
  if (!values || values.length === 0) throw validationError(`A '${f}' condition needs at least one value`);
  return values;
}

function checkValue(v: string, f: string): void {
  const message = conditionValueError(v, f);
  if (message) throw validationError(message);
}

function checkHost(v: string): void {
  const message = hostHeaderError(v);
  if (message) throw validationError(message);
}

const TRANSFORM_TYPES = ['host-header-rewrite', 'url-rewrite'];

/** Host-header and URL rewrites: at most one of each, each with exactly one rewrite. */
export function readTransforms(input: QueryInput, key: string): TransformRecord[] | undefined {
  const members = input.members(key);
  if (members === undefined) return undefined;
  const out = members.map((m): TransformRecord => {
    const type = m.requiredStr('Type');
    if (!TRANSFORM_TYPES.includes(type)) throw constraintError(type, m.pathOf('Type'), `Member must satisfy enum value set: [${TRANSFORM_TYPES.join(', ')}]`);
    const configKey = type === 'host-header-rewrite' ? 'HostHeaderRewriteConfig' : 'UrlRewriteConfig';
    const rewrites = (m.child(configKey)?.members('Rewrites') ?? []).map((r) => ({ Regex: r.requiredStr('Regex'), Replace: r.requiredStr('Replace') }));
    if (rewrites.length !== 1) throw validationError(`A '${type}' transform needs exactly one rewrite`);
    return type === 'host-header-rewrite' ? { Type: type, HostHeaderRewriteConfig: { Rewrites: rewrites } } : { Type: type, UrlRewriteConfig: { Rewrites: rewrites } };
  });
  if (new Set(out.map((t) => t.Type)).size !== out.length) throw new AwsError('ValidationError', ONE_TRANSFORM_PER_TYPE_MESSAGE);
  return out;
}
