/**
 * List with `labelSelector`, `fieldSelector` and `limit`/`continue` paging. A continue token is
 * opaque to clients (base64 of the list's resourceVersion and the last key returned); later
 * pages are served from the objects as they were at the first page (a consistent list), and a
 * token older than the retained history is 410 Expired with the API server's message.
 */
import { present } from './metadata.js';
import type { Target } from './paths.js';
import { both, fieldSelector, labelSelector } from './selectors.js';
import { badRequest, expired } from './status.js';
import type { KubeObject, KubeStore } from './store.js';

interface ContinueToken {
  readonly rv: number;
  readonly after: string;
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function encodeToken(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'gwlb.emulator/v1', ...token })).toString('base64url');
}

function decodeToken(raw: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof parsed['rv'] === 'number' && typeof parsed['after'] === 'string') return { rv: parsed['rv'], after: parsed['after'] };
  } catch {
    // fall through to the API server's error
  }
  throw badRequest(`continue key is not valid: ${raw}`);
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export function listKind(t: Target): string {
  return `${t.r.kind}List`;
}

export interface ListPage {
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  readonly items: KubeObject[];
}

export function list(store: KubeStore, t: Target, query: URLSearchParams): ListPage {
  const select = both(labelSelector(query.get('labelSelector')), fieldSelector(query.get('fieldSelector')));
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? 0 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit must be a non-negative integer, not ${rawLimit}`);
  const rawContinue = query.get('continue');
  let objects: KubeObject[];
  let rv: number;
  let after = '';
  if (rawContinue !== null && rawContinue !== '') {
    const token = decodeToken(rawContinue);
    const at = store.listAt(t.r, token.rv, t.namespace);
    if (at === 'expired') throw expired(EXPIRED_CONTINUE);
    [objects, rv, after] = [at, token.rv, token.after];
  } else {
    [objects, rv] = [store.list(t.r, t.namespace), store.resourceVersion];
  }
  const matching = objects.filter((o) => keyOf(o) > after && select(o));
  const page = limit > 0 ? matching.slice(0, limit) : matching;
  const remaining = matching.length - page.length;
  const metadata: ListPage['metadata'] = { resourceVersion: String(rv) };
  if (remaining > 0) {
    metadata.continue = encodeToken({ rv, after: keyOf(page[page.length - 1]!) });
    metadata.remainingItemCount = remaining;
  }
  return { kind: listKind(t), apiVersion: t.apiVersion, metadata, items: page.map((o) => present(o, t.apiVersion)) };
}
