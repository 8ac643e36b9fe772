/** Source positions for parsed YAML/JSON documents: an object's location and its fields'. */
import type { DocumentOptions, LineCounter, Node as YamlNode, ParseOptions, SchemaOptions } from 'yaml';
import type { SourceLocation } from '../diagnostics.js';
import type { DocumentSpan } from './fast-yaml.js';
import type { Origin } from './kube.js';
import { yamlLib } from './yaml-lib.js';

type Path = readonly (string | number)[];

export function locationAt(file: string, lineCounter: LineCounter, offset: number): SourceLocation {
  const pos = lineCounter.linePos(offset);
  return { file, line: pos.line, column: pos.col };
}

/** The child node of a map or sequence node, or undefined. */
function childNode(node: YamlNode, key: string | number): YamlNode | undefined {
  const { isMap, isNode, isPair, isScalar, isSeq } = yamlLib();
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (String(k) === String(key)) {
        // A key with a null value has no value node: point at the key itself.
        if (isNode(item.value)) return item.value;
        return isNode(item.key) ? item.key : undefined;
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return isNode(item) ? item : undefined;
  }
  return undefined;
}

/** The location of the node at `path` below `root`, or of the nearest ancestor found, or `best`. */
function walk(root: YamlNode | undefined, path: Path, at: (offset: number) => SourceLocation, best: SourceLocation): SourceLocation {
  let node = root;
  for (const key of path) {
    if (!node) break;
    node = childNode(node, key);
    if (node?.range) best = at(node.range[0]);
  }
  return best;
}

/**
 * An Origin for the object whose root node is `root`. `locate` walks the YAML node tree, so
 * positions cost nothing until a diagnostic asks for one.
 */
export function originOf(file: string, lineCounter: LineCounter, root: YamlNode | undefined, fallback: SourceLocation): Origin {
  const at = (offset: number) => locationAt(file, lineCounter, offset);
  const location = root?.range ? at(root.range[0]) : fallback;
  return { location, locate: (path) => walk(root, path, at, location) };
}

/**
 * A location found only when its line or column is read. A diagnostic that is never shown (an
 * info without -v, e.g. the model's note on Gateways without metadata.uid) then costs no second
 * read of its document, nor the start-up of the `yaml` package (yaml-lib.ts).
 */
function lazyLocation(file: string, find: () => SourceLocation): SourceLocation {
  let found: SourceLocation | undefined;
  return {
    file,
    get line() {
      return (found ??= find()).line;
    },
    get column() {
      return (found ??= find()).column;
    },
  };
}

type ReadOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * A document the fast reader read (fast-yaml.ts), as the Origin of its root value. The document
 * is read again with `yaml`, for its node tree, only when a position inside it is read: a
 * diagnostic shown. One object per document, and its items' Origins (`item`) share its tree:
 * every object read keeps its Origin to the end of the command.
 */
class DeferredDocument implements Origin {
  readonly location: SourceLocation;
  private tree: { readonly root: YamlNode | undefined; readonly at: (offset: number) => SourceLocation } | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly span: DocumentSpan,
    private readonly options: ReadOptions,
  ) {
    this.location = { file, line: span.line, column: span.column };
  }

  locate(path: Path): SourceLocation {
    return this.locateBelow([], path);
  }

  /** The Origin of item `i` of a List document. */
  item(i: number): Origin {
    const prefix = ['items', i];
    return { location: this.locateBelow(prefix, []), locate: (path) => this.locateBelow(prefix, path) };
  }

  private locateBelow(prefix: Path, path: Path): SourceLocation {
    // The path is copied: a schema's path array changes after the call (schema/check.ts).
    const full = [...prefix, ...path];
    return lazyLocation(this.file, () => {
      const t = this.load();
      return walk(t.root, full, t.at, this.location);
    });
  }

  private load(): NonNullable<DeferredDocument['tree']> {
    if (this.tree) return this.tree;
    // Read from the start of the root's line, so its indentation is kept; offsets count from there.
    const { LineCounter, parseDocument } = yamlLib();
    const lineCounter = new LineCounter();
    const { file, span } = this;
    const doc = parseDocument(this.text.slice(span.lineStart, span.end), { ...this.options, lineCounter });
    const at = (offset: number): SourceLocation => {
      const pos = lineCounter.linePos(offset);
      return { file, line: span.line + pos.line - 1, column: pos.col };
    };
    this.tree = { root: (doc.contents as YamlNode | null) ?? undefined, at };
    return this.tree;
  }
}

/** The Origin of a document the fast reader read, with `item(i)` for the items of a List. */
export function deferredOrigin(file: string, text: string, span: DocumentSpan, options: ReadOptions): Origin & { item(i: number): Origin } {
  return new DeferredDocument(file, text, span, options);
}

/** An Origin for objects that did not come from text (tests, the cluster). */
export function syntheticOrigin(file: string, line = 1, column = 1): Origin {
  const location = { file, line, column };
  return { location, locate: () => location };
}

/**
 * An Origin for an object read from a cluster: `Gateway default/web`, with line 0 (no text
 * position), which diagnostics print without `:line:column`.
 */
export function clusterOrigin(kind: string, namespace: string, name: string): Origin {
  const location = { file: `${kind} ${namespace ? `${namespace}/` : ''}${name}`, line: 0, column: 0 };
  return { location, locate: () => location };
}
