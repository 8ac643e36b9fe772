/** Source positions for parsed YAML/JSON documents: an object's location and its fields'. */
import { isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node as YamlNode } from 'yaml';
import type { SourceLocation } from '../diagnostics.js';
import type { Origin } from './kube.js';

export function locationAt(file: string, lineCounter: LineCounter, offset: number): SourceLocation {
  const pos = lineCounter.linePos(offset);
  return { file, line: pos.line, column: pos.col };
}

/** The child node of a map or sequence node, or undefined. */
function childNode(node: YamlNode, key: string | number): YamlNode | undefined {
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

/**
 * An Origin for the object whose root node is `root`. `locate` walks the YAML node tree, so
 * positions cost nothing until a diagnostic asks for one.
 */
export function originOf(file: string, lineCounter: LineCounter, root: YamlNode | undefined, fallback: SourceLocation): Origin {
  const location = root?.range ? locationAt(file, lineCounter, root.range[0]) : fallback;
  return {
    location,
    locate(path) {
      let node = root;
      let best = location;
      for (const key of path) {
        if (!node) break;
        node = childNode(node, key);
        if (node?.range) best = locationAt(file, lineCounter, node.range[0]);
      }
      return best;
    },
  };
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
