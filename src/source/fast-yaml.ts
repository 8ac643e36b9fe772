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
// Null and the booleans are a few words: one map look-up instead of two regular expressions.
const WORDS = new Map<string, null | boolean>([
  ...['', '~', 'null', 'Null', 'NULL'].map((w) => [w, null] as const),
  ...['true', 'True', 'TRUE'].map((w) => [w, true] as const),
  ...['false', 'False', 'FALSE'].map((w) => [w, false] as const),
]);
const isNull = (data: string): boolean => WORDS.get(data) === null;
const isBool = (data: string): boolean => typeof WORDS.get(data) === 'boolean';
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** What a plain scalar is in the core schema: a value, or NOT_CORE for a string. */
const NOT_CORE = Symbol('string');
const MERGE = Symbol('<<');

/**
 * What a plain scalar's first character lets it be: most are words such as
 * `gateway.networking.k8s.io/v1` or `name`, which no core form but a string starts with.
 */
const STRING = 0;
const WORD = 1; // null or a boolean
const NUMBER = 2;
const ANGLE = 3; // `<<`, a merge key
const STARTS = new Uint8Array(128);
for (const ch of '~nNtTfF') STARTS[ch.charCodeAt(0)] = WORD;
for (const ch of '0123456789-+.') STARTS[ch.charCodeAt(0)] = NUMBER;
STARTS['<'.charCodeAt(0)] = ANGLE;
/** The longest of WORDS (`false`): a longer word is a string without a look-up. */
const LONGEST_WORD = 5;

/**
 * The core schema's reading of a plain scalar, in the `yaml` package's order (null, bool, int,
 * float). A plain `<<` key is a merge, which the checked reader reads.
 */
function coreValue(data: string): unknown {
  if (data.length === 0) return null;
  // A character past ASCII reads as undefined: a string.
  switch (STARTS[data.charCodeAt(0)]) {
    case WORD: {
      if (data.length > LONGEST_WORD) return NOT_CORE;
      const word = WORDS.get(data);
      return word === undefined ? NOT_CORE : word;
    }
    case NUMBER:
      return coreNumber(data);
    case ANGLE:
      return data === '<<' ? MERGE : NOT_CORE;
    default:
      return NOT_CORE;
  }
}

function coreNumber(data: string): unknown {
  if (INT_DEC.test(data)) return parseInt(data, 10);
  if (INT_OCT.test(data)) return parseInt(data.substring(2), 8);
  if (INT_HEX.test(data)) return parseInt(data.substring(2), 16);
  if (FLOAT_NAN_INF.test(data)) return data.slice(-3).toLowerCase() === 'nan' ? NaN : data[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(data) || FLOAT.test(data)) return parseFloat(data);
  return NOT_CORE;
}

/**
 * One implicit type for all of the core schema's: js-yaml tries every implicit type on every
 * plain scalar, and one call that looks at the first character is cheaper than five. Its tag is
 * not one of the core ones, so the listener below knows a value resolved here from an explicit tag.
 */
const CORE_TAG = 'tag:gwlb,core-scalar';
// js-yaml constructs a scalar right after resolving it: the value read to resolve it is kept
// for the construct, so a number's regular expressions run once, not twice. coreValue depends
// on the text alone, so the kept value is right for any equal text.
let resolvedData: string | undefined;
let resolvedValue: unknown;
const coreScalar = new Type(CORE_TAG, {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    const value = coreValue(data);
    if (value === NOT_CORE) return false;
    resolvedData = data;
    resolvedValue = value;
    return true;
  },
  construct: (data: string) => {
    const value = data === resolvedData ? resolvedValue : coreValue(data);
    return value === MERGE ? refuse() : value;
  },
});

// The explicit core tags (`!!int 5`) resolve as the `yaml` package resolves them.
const explicitCore = [
  new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && isNull(data), construct: () => null }),
  new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && isBool(data), construct: (data: string) => coreValue(data) }),
  new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && (INT_DEC.test(data) || INT_OCT.test(data) || INT_HEX.test(data)), construct: (data: string) => coreValue(data) }),
  new Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && (FLOAT_NAN_INF.test(data) || FLOAT_EXP.test(data) || FLOAT.test(data)), construct: (data: string) => coreValue(data) }),
];

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [coreScalar], explicit: explicitCore });

/** Tags a node may carry at its close: none, a plain scalar's, or one the core schema resolves. */
const PLAIN_TAGS = new Set<string | null>([null, '?', CORE_TAG, 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

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
  // Where the current document's root starts: numbers, not an object per document.
  let startLineStart = 0;
  let startLine = 1;
  let startColumn = 1;
  let nodes = 0;
  // An anchor needs a `&` and a tag a `!`: without either in the text, no node has one to refuse.
  const mayHaveProperties = text.includes('&') || text.includes('!');
  const listener = (event: 'open' | 'close', s: ListenerState): void => {
    if (event === 'open') {
      if (s.depth > MAX_DEPTH - 10 || ++nodes > NODE_BUDGET) refuse();
      // A root opens after the document's markers and comments: at its first character.
      if (s.depth === 1) {
        startLineStart = s.lineStart;
        startLine = s.line + 1;
        startColumn = s.position - s.lineStart + 1;
        nodes = 0;
      }
      return;
    }
    if (mayHaveProperties && (s.anchor !== null || !PLAIN_TAGS.has(s.tag))) refuse();
    if (s.depth === 1) spans.push({ lineStart: startLineStart, line: startLine, column: startColumn, end: s.position });
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
