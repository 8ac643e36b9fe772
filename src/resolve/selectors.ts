/**
 * Kubernetes label selectors as LBC uses them for namespaces (routeutils/namespace_selector.go):
 * `metav1.LabelSelectorAsSelector` first, whose error fails the whole Gateway, then matching.
 * The API server accepts any operator, key and value in these selectors (the Gateway API CRDs
 * type them as plain strings), so the checks below are the only ones a selector meets.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../source/kube.js';

export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels[req.key];
    switch (req.operator) {
      case 'In':
        if (!has || !(req.values ?? []).includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && (req.values ?? []).includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // Unreachable once selectorError() passed; an unknown operator selects nothing.
        return false;
    }
  }
  return true;
}

/**
 * LBC's Gateway message for a selector `LabelSelectorAsSelector` rejects, or undefined when it
 * parses: `Unable to parse selector <selector>: <error>` (namespace_selector.go 36–38, the
 * selector printed by its generated `String()`).
 */
export function selectorError(selector: LabelSelector): string | undefined {
  const error = labelSelectorAsSelectorError(selector);
  return error === undefined ? undefined : `Unable to parse selector ${goSelectorString(selector)}: ${error}`;
}

// --- k8s.io/apimachinery v0.36.2 (LBC v3.5.0's go.mod) ----------------------------------------

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** validate/content/errors.go RegexError. */
function regexError(msg: string, re: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join('or ')}regex used for validation is '${re}')`;
}

/** Go's `len`: bytes, not UTF-16 units. */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** validate/content/kube.go IsLabelKey. */
function labelKeyErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (byteLength(prefix) > 253) errs.push('prefix part must be no more than 253 bytes');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) errs.push(`prefix part ${regexError(SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com')}`);
    }
  } else {
    return [`a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** validate/content/kube.go IsLabelValue. */
function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 bytes');
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** Go `%q` for the strings these messages quote (strconv.Quote). */
function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named[ch]) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** encoding/json for a `[]string` (nil → null; HTML characters escaped). */
function goJsonStrings(values: readonly string[] | undefined): string {
  if (values === undefined || values.length === 0) return 'null';
  return JSON.stringify(values).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** field.Invalid(path, value, detail).Error(). */
function invalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** labels.NewRequirement's aggregated error (selector.go), or undefined. */
function requirementError(key: string, op: 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values: readonly string[]): string | undefined {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length > 0) errs.push(invalid('key', goQuote(key), keyErrs.join('; ')));
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(invalid('values', goJsonStrings(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case 'Equals':
      if (values.length !== 1) errs.push(invalid('values', goJsonStrings(values), 'exact-match compatibility requires one single value'));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) errs.push(invalid('values', goJsonStrings(values), 'values set must be empty for exists and does not exist'));
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
  });
  // utilerrors aggregate: one error as is, several deduplicated inside brackets.
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * metav1.LabelSelectorAsSelector's error (helpers.go), or undefined. Go walks `matchLabels` in
 * random map order; gwlb takes the keys sorted, so with several bad labels the one named may
 * differ from a given LBC run.
 */
function labelSelectorAsSelectorError(selector: LabelSelector): string | undefined {
  const labels = selector.matchLabels ?? {};
  for (const key of Object.keys(labels).sort()) {
    const error = requirementError(key, 'Equals', [labels[key]!]);
    if (error) return error;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const op = expr.operator;
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') return `${goQuote(op)} is not a valid label selector operator`;
    const error = requirementError(expr.key, op, expr.values ?? []);
    if (error) return error;
  }
  return undefined;
}

/** `fmt.Sprintf("%v", []string)`. */
function goStrings(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(' ')}]`;
}

function goRequirementString(r: LabelSelectorRequirement): string {
  return `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:${goStrings(r.values)},}`;
}

/** The generated `(*LabelSelector).String()` (generated.pb.go), which `%s` prints. */
export function goSelectorString(selector: LabelSelector): string {
  const labels = selector.matchLabels ?? {};
  const matchLabels = Object.keys(labels)
    .sort()
    .map((k) => `${k}: ${labels[k]},`)
    .join('');
  const expressions = (selector.matchExpressions ?? []).map((r) => `${goRequirementString(r)},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${matchLabels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}
