/**
 * Text → raw objects: multi-document YAML (JSON is YAML), `kind: List`, with positions.
 * Checks only what every Kubernetes object needs (apiVersion, kind, metadata.name); the schema
 * of each kind is checked by schema/.
 *
 * Two readers give the same values and positions: the fast one (fast-yaml.ts, js-yaml) for
 * plain YAML, and the checked one (the `yaml` package's document model, with the limits of
 * yaml-limits.ts) for a text the fast one refuses: anchors, merges, tags, errors.
 */
import type { Node as YamlNode, YAMLError } from 'yaml';
import { shorten, type Diagnostic, type SourceLocation } from '../diagnostics.js';
import type { ManifestText } from './files.js';
import { readFast } from './fast-yaml.js';
import type { Origin } from './kube.js';
import { deferredOrigin, locationAt, originOf } from './origin.js';
import { checkYamlLimits, MAX_DEPTH } from './yaml-limits.js';
import type { RawObject } from './schema/index.js';
import { yamlLib } from './yaml-lib.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * YAML as Kubernetes reads it (go-yaml through sigs.k8s.io/yaml): `<<` merge keys work, and
 * YAML 1.1 tags such as !!binary or !!set give plain strings and maps, never Buffers or Sets.
 * Duplicate keys are errors, as the API server's strict decoding makes them.
 */
const READ_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true, resolveKnownTags: false } as const;

function readerError(error: YAMLError, location: SourceLocation): Diagnostic {
  // The reader ran out of stack on values nested hundreds of levels deep: a limit, like the others.
  if (error.code === 'RESOURCE_EXHAUSTION') {
    return { severity: 'error', code: 'GWLB005', message: `values nest too deep for the YAML reader (more than ${MAX_DEPTH} levels is never a Kubernetes object); the document is skipped`, location };
  }
  // Shortened: the reader's message may quote a whole token, e.g. of a binary file.
  return { severity: 'error', code: 'GWLB001', message: `YAML syntax error: ${shorten(error.message.split('\n')[0]!)}; the document is skipped`, location };
}

type Parsed = { objects: RawObject[]; diagnostics: Diagnostic[] };

export function parseManifest(input: ManifestText): Parsed {
  const fast = readFast(input.text);
  if (!fast) return parseChecked(input);
  const parsed: Parsed = { objects: [], diagnostics: [] };
  for (const { value, span } of fast) {
    const origin = deferredOrigin(input.file, input.text, span, READ_OPTIONS);
    addDocument(value, origin, (i) => origin.item(i), parsed);
  }
  return parsed;
}

/** The checked reader: exact syntax errors, alias and nesting limits (yaml-limits.ts). */
export function parseChecked(input: ManifestText): Parsed {
  const parsed: Parsed = { objects: [], diagnostics: [] };
  const { diagnostics } = parsed;
  const { LineCounter, parseAllDocuments, isMap, isSeq } = yamlLib();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(input.text, { ...READ_OPTIONS, lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];

  for (const doc of list) {
    const docStart = locationAt(input.file, lineCounter, doc.range[0]);
    // The first error is the cause; the parser's later ones are mostly its consequences.
    const error = doc.errors[0];
    if (error) {
      diagnostics.push(readerError(error, locationAt(input.file, lineCounter, error.pos[0])));
      continue;
    }
    const limit = checkYamlLimits(doc);
    if (limit) {
      diagnostics.push({ severity: 'error', code: limit.code, message: limit.message, location: locationAt(input.file, lineCounter, limit.offset) });
      continue;
    }
    // Aliases are bounded above, so the package's alias-use count (default 100) is not needed.
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (err) {
      // checkYamlLimits finds every case known to throw here; this is the net for one it does not.
      diagnostics.push({ severity: 'error', code: 'GWLB006', message: `the document has no JSON form (${(err as Error).message}); the document is skipped`, location: docStart });
      continue;
    }
    if (value === null || value === undefined) continue; // empty document (e.g. a trailing `---`)
    const root = doc.contents as YamlNode | null;
    const origin = originOf(input.file, lineCounter, root ?? undefined, docStart);
    const itemsNode = isMap(root) ? (root.get('items', true) as YamlNode | undefined) : undefined;
    addDocument(value, origin, (i) => {
      const itemNode = isSeq(itemsNode) ? (itemsNode.items[i] as YamlNode | undefined) : undefined;
      return originOf(input.file, lineCounter, itemNode, origin.locate(['items', i]));
    }, parsed);
  }
  return parsed;
}

/** One document's value: an object, or a `kind: List` of them (`itemOrigin` locates item i). */
function addDocument(value: unknown, origin: Origin, itemOrigin: (i: number) => Origin, { objects, diagnostics }: Parsed): void {
  if (value === null || value === undefined) return; // empty document (e.g. a trailing `---`)
  if (!isRecord(value)) {
    diagnostics.push({
      severity: 'error',
      code: 'GWLB002',
      message: 'document is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)',
      location: origin.location,
    });
    return;
  }
  if (value['kind'] === 'List' || (typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items']))) {
    const items = Array.isArray(value['items']) ? value['items'] : [];
    items.forEach((item, i) => checkObject(item, itemOrigin(i), objects, diagnostics));
    return;
  }
  checkObject(value, origin, objects, diagnostics);
}

function checkObject(value: unknown, origin: RawObject['origin'], objects: RawObject[], diagnostics: Diagnostic[]): void {
  if (!isRecord(value)) {
    diagnostics.push({ severity: 'error', code: 'GWLB002', message: 'list item is not a Kubernetes object', location: origin.location });
    return;
  }
  const missing: string[] = [];
  if (!nonEmptyString(value['apiVersion'])) missing.push('apiVersion');
  if (!nonEmptyString(value['kind'])) missing.push('kind');
  const metadata = value['metadata'];
  if (!isRecord(metadata) || !nonEmptyString(metadata['name'])) missing.push('metadata.name');
  if (missing.length > 0) {
    const path = missing[0] === 'metadata.name' ? ['metadata', 'name'] : [missing[0]!];
    diagnostics.push({
      severity: 'error',
      code: 'GWLB003',
      message: `object has no ${missing.join(', ')}; every Kubernetes object needs apiVersion, kind and metadata.name`,
      location: origin.locate(path),
      path: missing[0],
    });
    return;
  }
  objects.push({ value, origin });
}
