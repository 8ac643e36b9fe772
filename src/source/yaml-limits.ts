/**
 * What one YAML document may expand to before it becomes a JavaScript value. The `yaml`
 * package's own guard (`maxAliasCount`, default 100) counts alias uses, so it rejects ordinary
 * manifests that reuse an anchor a few hundred times and then throws, unlocated. Like the
 * Kubernetes YAML reader (go-yaml's alias ratio), gwlb bounds what aliases expand to instead:
 * the document's node count with every alias expanded, and its nesting depth.
 *
 * One walk over the parsed nodes, in document order, without recursion (a deeply nested input
 * must not overflow the stack here). Each anchored node's expanded size and height are kept, so
 * an alias costs one lookup and a billion-laughs document is measured in linear time. The same
 * walk finds what has no JSON form: an alias before its anchor, an alias inside its own anchor
 * (a cycle), a mapping key that is a list or a map, and a `<<` merge of something not a map.
 */
import type { Alias, Document, Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLib } from './yaml-lib.js';

/** Far deeper than any Kubernetes object, far below where the YAML reader runs out of stack. */
export const MAX_DEPTH = 100;
/** Nodes in one document with every alias expanded: ~20 MB of plain YAML, a few seconds of checks. */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface YamlLimitProblem {
  readonly code: 'GWLB005' | 'GWLB006';
  readonly message: string;
  /** Character offset of the node at fault. */
  readonly offset: number;
}

// The `yaml` package's node tests; it loads on first use (yaml-lib.ts), and only the checked
// reader, which has loaded it already, calls these.
const isAlias = (n: unknown): n is Alias => yamlLib().isAlias(n);
const isMap = (n: unknown): n is YAMLMap => yamlLib().isMap(n);
const isSeq = (n: unknown): n is YAMLSeq => yamlLib().isSeq(n);
const isPair = (n: unknown): n is Pair => yamlLib().isPair(n);
const isScalar = (n: unknown): n is Scalar => yamlLib().isScalar(n);

interface Measure {
  readonly size: number;
  readonly height: number;
}

interface Frame {
  readonly node: YamlNode;
  /** Child nodes still to visit; for a map: key, value, key, value… (null for an empty value). */
  readonly children: (YamlNode | null)[];
  next: number;
  size: number;
  height: number;
}

const pairNodes = (p: { key: unknown; value: unknown }): (YamlNode | null)[] => [(p.key as YamlNode | null) ?? null, (p.value as YamlNode | null) ?? null];

function childrenOf(node: YamlNode): (YamlNode | null)[] {
  // A pair straight in a sequence (the reader makes `[a: 1]` a map, but be safe) counts as well.
  if (isSeq(node)) return node.items.flatMap((i) => (isPair(i) ? pairNodes(i) : [i as YamlNode]));
  if (isMap(node)) return node.items.flatMap(pairNodes);
  return [];
}

const offsetOf = (node: YamlNode): number => node.range?.[0] ?? 0;
const isCollection = (node: YamlNode | null | undefined): boolean => isMap(node) || isSeq(node);

const tooDeep = (offset: number, via = ''): YamlLimitProblem => ({
  code: 'GWLB005',
  offset,
  message: `values nest more than ${MAX_DEPTH} levels deep${via}; no Kubernetes object nests that deep; the document is skipped`,
});

/** The first limit `doc` breaks, or undefined when it can be converted safely. */
export function checkYamlLimits(doc: Document): YamlLimitProblem | undefined {
  const root = doc.contents as YamlNode | null;
  if (!root) return undefined;
  const anchors = new Map<string, YamlNode>();
  const measured = new Map<YamlNode, Measure>();
  const open = new Set<YamlNode>();
  const stack: Frame[] = [];
  /** Nodes so far with every alias expanded. */
  let expanded = 0;

  const addToParent = (m: Measure): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    parent.size += m.size;
    parent.height = Math.max(parent.height, m.height + 1);
  };
  const tooBig = (at: YamlNode, via: string): YamlLimitProblem | undefined =>
    expanded > MAX_EXPANDED_NODES
      ? { code: 'GWLB005', offset: offsetOf(at), message: `the document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values${via}; a YAML alias repeats its anchor's whole value, so reuse fewer or smaller anchors; the document is skipped` }
      : undefined;

  const visit = (node: YamlNode, isKey: boolean): YamlLimitProblem | undefined => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return { code: 'GWLB006', offset: offsetOf(node), message: `the alias *${node.source} has no anchor &${node.source} before it; an anchor must come first in the same document; the document is skipped` };
      if (open.has(target)) return { code: 'GWLB006', offset: offsetOf(node), message: `the alias *${node.source} is inside the value of its own anchor, which would contain itself forever; the document is skipped` };
      if (isKey && isCollection(target)) return keyProblem(node);
      const m = measured.get(target) ?? { size: 1, height: 0 };
      const via = ` (through the alias *${node.source})`;
      expanded += m.size;
      if (stack.length + m.height > MAX_DEPTH) return tooDeep(offsetOf(node), via);
      addToParent(m);
      return tooBig(node, via);
    }
    if (isKey && isCollection(node)) return keyProblem(node);
    if (node.anchor) anchors.set(node.anchor, node);
    expanded += 1;
    if (!isCollection(node)) {
      measured.set(node, { size: 1, height: 0 });
      addToParent({ size: 1, height: 0 });
      return tooBig(node, '');
    }
    if (stack.length >= MAX_DEPTH) return tooDeep(offsetOf(node));
    open.add(node);
    stack.push({ node, children: childrenOf(node), next: 0, size: 1, height: 1 });
    return tooBig(node, '');
  };

  let problem = visit(root, false);
  while (!problem && stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const index = frame.next++;
      const child = frame.children[index];
      const isKey = isMap(frame.node) && index % 2 === 0;
      if (!isKey && isMergeKey(frame.children[index - 1])) problem = mergeProblem(child, frame.children[index - 1]!, anchors);
      if (child && !problem) problem = visit(child, isKey);
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    const m = { size: frame.size, height: frame.height };
    measured.set(frame.node, m);
    addToParent(m);
  }
  return problem;
}

/** With merge keys on, the reader resolves a plain `<<` key to a symbol. */
const isMergeKey = (node: YamlNode | null | undefined): boolean => isScalar(node) && typeof node.value === 'symbol';

/**
 * `<<` takes a map or a list of maps, as in go-yaml; the yaml package throws on anything else.
 * An alias whose anchor is not known yet is left to the alias checks.
 */
function mergeProblem(value: YamlNode | null | undefined, key: YamlNode, anchors: ReadonlyMap<string, YamlNode>): YamlLimitProblem | undefined {
  const resolve = (n: unknown): unknown => (isAlias(n) ? anchors.get(n.source) : n);
  const notMap = (n: unknown): boolean => resolve(n) !== undefined && !isMap(resolve(n));
  const source = resolve(value);
  const bad = value === null || value === undefined || (isSeq(source) ? source.items.some(notMap) : notMap(value));
  if (!bad) return undefined;
  return { code: 'GWLB006', offset: offsetOf(value ?? key), message: 'a << merge key takes a map or a list of maps; the document is skipped' };
}

function keyProblem(node: YamlNode): YamlLimitProblem {
  return { code: 'GWLB006', offset: offsetOf(node), message: 'a mapping key is a list or a map; Kubernetes objects are JSON, whose keys are strings; the document is skipped' };
}
