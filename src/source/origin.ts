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

/**
 * An Origin for the value at `prefix` (empty for a document's root, `['items', i]` for an item
 * of a List) in a document the fast reader read (fast-yaml.ts). The document is read again with
 * `yaml`, for its node tree, only when a position inside it is read: a diagnostic shown.
 */
export function deferredOrigin(file: string, text: string, span: DocumentSpan, options: ParseOptions & DocumentOptions & SchemaOptions, prefix: Path = []): Origin {
  const rootLocation: SourceLocation = { file, line: span.line, column: span.column };
  let tree: { root: YamlNode | undefined; at: (offset: number) => SourceLocation } | undefined;
  const load = () => {
    if (tree) return tree;
    // Read from the start of the root's line, so its indentation is kept; offsets count from there.
    const { LineCounter, parseDocument } = yamlLib();
    const lineCounter = new LineCounter();
    const doc = parseDocument(text.slice(span.lineStart, span.end), { ...options, lineCounter });
    const at = (offset: number): SourceLocation => {
      const pos = lineCounter.linePos(offset);
      return { file, line: span.line + pos.line - 1, column: pos.col };
    };
    tree = { root: (doc.contents as YamlNode | null) ?? undefined, at };
    return tree;
  };
  // The path is copied: a schema's path array changes after the call (schema/check.ts).
  const locateFrom = (path: Path) => {
    const full = [...prefix, ...path];
    return lazyLocation(file, () => {
      const t = load();
      return walk(t.root, full, t.at, rootLocation);
    });
  };
  if (prefix.length === 0) return { location: rootLocation, locate: locateFrom };
  return { location: locateFrom([]), locate: locateFrom };
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
