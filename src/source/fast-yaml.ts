/**
 * The fast reader: js-yaml, about ten times faster than the `yaml` package's document model on
 * large inputs, for the plain YAML that manifests almost always are. It gives values and, per
 * document, where its root starts and ends; field positions are found later, only for fields a
 * diagnostic names, by reading that one document again with `yaml` (origin.ts `deferredOrigin`).
 *
 * Whatever the checked reader (parse.ts `parseChecked`) treats specially is refused here, so the
 * whole text is read there instead and every message and limit stays as it was: anchors and
 * aliases (expansion limits, GWLB005/006), `<<` merges, tags other than the core ones,
 * directives, explicit `?` keys and collections used as keys, deep nesting, a byte-order mark,
 * duplicate keys and syntax errors (js-yaml throws; `yaml` says where and why).
 */
import { FAILSAFE_SCHEMA, loadAll, Type } from 'js-yaml';
import { MAX_DEPTH } from './yaml-limits.js';

/** Where one document's root node is in the text. */
export interface DocumentSpan {
  /** Offset of the start of the root node's line (the document is read again from here). */
  readonly lineStart: number;
  /** Offset just past the root node. */
  readonly end: number;
  /** 1-based line and column of the root node. */
  readonly line: number;
  readonly column: number;
}

export interface FastDocument {
  readonly value: unknown;
  readonly span: DocumentSpan;
}

/** Thrown from inside js-yaml to leave the text to the checked reader. */
class Refused extends Error {}
const REFUSED = new Refused('left to the checked reader');
const refuse = (): never => {
  throw REFUSED;
};

// The YAML 1.2 core schema exactly as the `yaml` package resolves it (yaml/dist/schema/core):
// js-yaml's own core schema also reads `0b101`, `1_000` and `+.5e3`-style forms as numbers.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * Every plain scalar is tried against each type: a look at its first character first keeps
 * words such as `gateway.networking.k8s.io/v1` away from the regular expressions.
 */
const firstIs = (data: unknown, chars: string): data is string => typeof data === 'string' && (data.length === 0 || chars.includes(data[0]!));
const NUMBER_START = '0123456789-+.';

const coreNull = new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (data: unknown) => firstIs(data, '~nN') && NULL.test(data), construct: () => null });
const coreBool = new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (data: unknown) => firstIs(data, 'tTfF') && BOOL.test(data), construct: (data: string) => data[0] === 't' || data[0] === 'T' });

const coreInt = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => firstIs(data, NUMBER_START) && (INT_DEC.test(data) || INT_OCT.test(data) || INT_HEX.test(data)),
  construct: (data: string) => (INT_DEC.test(data) ? parseInt(data, 10) : parseInt(data.substring(2), INT_OCT.test(data) ? 8 : 16)),
});

const coreFloat = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => firstIs(data, NUMBER_START) && (FLOAT_NAN_INF.test(data) || FLOAT_EXP.test(data) || FLOAT.test(data)),
  construct: (data: string) => {
    if (!FLOAT_NAN_INF.test(data)) return parseFloat(data);
    if (data.slice(-3).toLowerCase() === 'nan') return NaN;
    return data[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
});

/** A plain `<<` key: merges are left to the checked reader, which checks what they merge. */
const mergeKey = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<', construct: refuse });

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [coreNull, coreBool, coreInt, coreFloat, mergeKey] });

/** Tags a node may carry at its close: none, a plain scalar's, or one the core schema resolves. */
const PLAIN_TAGS = new Set<string | null>([null, '?', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * Text the fast reader leaves alone without trying: a byte-order mark (js-yaml drops it, which
 * would shift every offset), a directive, an explicit `?` key, a flow collection used as a key.
 * Over-matching (e.g. inside a quoted string) only costs speed.
 */
const unusual = (text: string): boolean =>
  text.charCodeAt(0) === 0xfeff ||
  (text.includes('%') && /^%/m.test(text)) ||
  (text.includes('?') && /(?:^|[\s[{,])\?(?:\s|$)/.test(text)) ||
  ((text.includes(']') || text.includes('}')) && /[\]}][ \t]*:(?:\s|$)/.test(text));

/**
 * Nodes per document well below the checked reader's expansion limit (yaml-limits.ts), so a
 * document near it is measured there. Without aliases a document's nodes are all written out.
 */
const NODE_BUDGET = 250_000;

/** The js-yaml parser state the listener reads (js-yaml's own typings leave some of it out). */
interface ListenerState {
  readonly position: number;
  readonly line: number;
  readonly lineStart: number;
  readonly depth: number;
  readonly kind: string | null;
  readonly tag: string | null;
  readonly anchor: string | null;
}

/** The documents of `text`, or undefined when the text is left to the checked reader. */
export function readFast(text: string): FastDocument[] | undefined {
  // One pass each for the rare characters first: a single expression with all four is slower.
  if (unusual(text)) return undefined;
  const spans: DocumentSpan[] = [];
  let start = { lineStart: 0, line: 1, column: 1 };
  let nodes = 0;
  const listener = (event: 'open' | 'close', s: ListenerState): void => {
    if (event === 'open') {
      if (s.depth > MAX_DEPTH - 10 || ++nodes > NODE_BUDGET) refuse();
      // A root opens after the document's markers and comments: at its first character.
      if (s.depth === 1) {
        start = { lineStart: s.lineStart, line: s.line + 1, column: s.position - s.lineStart + 1 };
        nodes = 0;
      }
      return;
    }
    if (s.anchor !== null || !PLAIN_TAGS.has(s.tag)) refuse();
    if (s.depth === 1) spans.push({ ...start, end: s.position });
  };
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: SCHEMA, listener: listener as never });
  } catch {
    // Refused, or a js-yaml error: the checked reader says precisely what is wrong, and where.
    return undefined;
  }
  // js-yaml reads every document before returning any: one root per document pairs them up.
  if (values.length !== spans.length) return undefined;
  return values.map((value, i) => ({ value, span: spans[i]! }));
}
