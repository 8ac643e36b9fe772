/**
 * The local Kubernetes API's HTTP front door: discovery and version documents, then resource
 * paths mapped to verbs (GET = get/list/watch, POST = create, PUT = update, PATCH = patch,
 * DELETE = delete), with the test faults (RBAC denials, uninstalled groups) checked first and
 * every failure answered as a `kind: Status` object.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../local-server.js';
import type { KubeObjects } from './crud.js';
import { apiGroup, coreVersions, groupList, resourceList, SERVER_VERSION } from './discovery.js';
import type { KubeFaults, KubeVerb } from './faults.js';
import { list } from './list.js';
import { table, wantsTable } from './table.js';
import { openApiV3 } from './openapi.js';
import { parsePatchBody, patchTypeOf } from './patch.js';
import { parseResourcePath, type Target } from './paths.js';
import type { ResourceDef } from './resources.js';
import { badRequest, failure, forbidden, pageNotFound, StatusError } from './status.js';
import type { KubeObject, KubeStore } from './store.js';
import { isWatch, watch, type WatchOptions } from './watch.js';

export interface KubeBackend {
  readonly store: KubeStore;
  readonly objects: KubeObjects;
  readonly faults: KubeFaults;
  readonly resources: readonly ResourceDef[];
  readonly watch: WatchOptions;
  /** Record every request in faults.requests (tests); off for the long-running sandbox. */
  readonly logRequests: boolean;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The discovery and metadata documents; undefined for any other path. */
function document(b: KubeBackend, pathname: string, host: string): unknown | undefined {
  const installed = b.faults.installed(b.resources);
  const parts = pathname.split('/').filter((p) => p !== '');
  if (pathname === '/version') return SERVER_VERSION;
  if (pathname === '/api') return coreVersions(host);
  if (pathname === '/api/v1') return resourceList(installed, '', 'v1');
  if (pathname === '/apis') return groupList(installed);
  if (parts[0] === 'apis' && parts.length === 2) return apiGroup(installed, parts[1]!);
  if (parts[0] === 'apis' && parts.length === 3) return resourceList(installed, parts[1]!, parts[2]!) ?? null;
  if (pathname.startsWith('/openapi/v3')) return openApiV3(installed, pathname) ?? null;
  return undefined;
}

function verbOf(method: string, t: Target, query: URLSearchParams): KubeVerb | undefined {
  switch (method) {
    case 'GET': return t.name !== undefined ? 'get' : isWatch(query) ? 'watch' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return 'delete';
    default: return undefined;
  }
}

async function route(b: KubeBackend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (b.logRequests) b.faults.log(method, req.url ?? '/');
  const outage = b.faults.outageNow();
  if (outage === 'reset') {
    req.socket.destroy();
    return;
  }
  if (outage === 'unavailable') throw failure('ServiceUnavailable', 'the server is currently unable to handle the request');
  const url = new URL(req.url ?? '/', 'http://kube');
  const body = await readBody(req);
  if (['/healthz', '/livez', '/readyz'].includes(url.pathname)) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  const doc = method === 'GET' ? document(b, url.pathname, req.headers.host ?? '127.0.0.1') : undefined;
  if (doc !== undefined && doc !== null) return json(res, 200, doc);
  const parsed = doc === null ? undefined : parseResourcePath(b.faults.installed(b.resources), url.pathname);
  if (parsed === undefined) throw pageNotFound();
  const t: Target = url.searchParams.get('dryRun') === 'All' ? { ...parsed, dryRun: true } : parsed;
  const verb = verbOf(method, t, url.searchParams);
  if (verb === undefined) throw pageNotFound();
  if (b.faults.isForbidden(t.r, verb, t.subresource)) throw forbidden(t.r, verb, b.faults.user, t.namespace, t.name, t.subresource);
  // Stalled: no answer; the client's timeout (or the server's close) ends the connection.
  if (b.faults.isStalled(verb)) return;
  switch (verb) {
    case 'get': {
      const object = b.objects.get(t);
      return json(res, 200, wantsTable(req) ? table(t.r, [object], object.metadata.resourceVersion ?? '', Date.now()) : object);
    }
    case 'list': {
      const page = list(b.store, t, url.searchParams);
      return json(res, 200, wantsTable(req) ? { ...(table(t.r, page.items, page.metadata.resourceVersion, Date.now()) as object), metadata: page.metadata } : page);
    }
    case 'watch': {
      const render = wantsTable(req) ? (o: KubeObject): unknown => table(t.r, [o], o.metadata.resourceVersion ?? '', Date.now()) : undefined;
      return watch(b.store, t, url.searchParams, res, { ...b.watch, faults: b.faults }, render);
    }
    case 'create': return json(res, 201, b.objects.create(t, parseJson(body)));
    case 'update': return json(res, 200, b.objects.update(t, parseJson(body)));
    case 'patch': {
      const type = patchTypeOf(req.headers['content-type']);
      return json(res, 200, b.objects.patch(t, type, parsePatchBody(type, body)));
    }
    case 'delete': {
      const { object, pending } = b.objects.delete(t);
      return json(res, pending ? 202 : 200, object);
    }
  }
}

export function createKubeServer(b: KubeBackend): Server {
  const server = createServer((req, res) => {
    route(b, req, res).catch((err: unknown) => {
      if (err instanceof StatusError) {
        if (!res.headersSent) json(res, err.status.code, err.status);
        else res.end();
        return;
      }
      // A bug or a broken connection: answer 500 as a Status so clients still print something.
      process.stderr.write(`gwlb kube emulator: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (!res.headersSent) json(res, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(err), reason: 'InternalError', code: 500 });
      else res.end();
    });
  });
  // A connection made while the API is down is reset at once, before any request is read.
  server.on('connection', (socket) => {
    if (b.faults.outageNow() === 'reset') socket.destroy();
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
