/**
 * GET requests to the Kubernetes API with the credentials of the chosen kubeconfig context.
 * client-node (loaded here only, by `await import()`, so commands without --from-cluster never
 * load it) turns the context into request options: CA, client certificate, bearer token, exec
 * credential plugins (`aws eks get-token`, cached until the expiry the plugin reports) and the
 * proxy agent. The request itself is node:http(s), so status codes and timeouts are gwlb's.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { stringify } from 'yaml';
import { ClusterError } from './errors.js';
import { chooseContext, findKubeconfig, processEnv, type KubeconfigEnv, type KubeconfigOptions } from './kubeconfig.js';

/** Connecting and the first byte of an answer each get this long (issue 10: "within 5 s"). */
export const CONNECT_TIMEOUT_MS = 5000;

export interface KubeReply {
  readonly status: number;
  readonly body: unknown;
}

export interface KubeClient {
  /** The server URL and context name, for messages. */
  readonly server: string;
  readonly context: string;
  /** `signal` abandons the request (the cluster watch stopping mid-list). */
  get(path: string, options?: { readonly signal?: AbortSignal }): Promise<KubeReply>;
  /** PATCH with a body of `contentType` (`application/merge-patch+json` for status write-back). */
  patch(path: string, body: unknown, contentType: string): Promise<KubeReply>;
  /** A write (the Lease lock): the body is sent as JSON, or as `contentType` (a patch). */
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, contentType?: string): Promise<KubeReply>;
  /**
   * A watch: the answer's newline-delimited JSON events, read as they come. A non-200 answer is
   * returned whole instead. The stream ends when the server ends it, fails when the connection
   * breaks or is silent for `idleTimeoutMs`, and is closed by aborting `signal`.
   */
  stream(path: string, options: { readonly idleTimeoutMs: number; readonly signal: AbortSignal }): Promise<KubeReply | KubeStream>;
}

/** An open watch: events in order; iterating throws ClusterError when the connection breaks. */
export interface KubeStream {
  readonly status: 200;
  readonly events: AsyncIterable<unknown>;
}

/** `aws eks get-token --cluster-name x`: the exec plugin command line, for messages. */
function execCommand(user: unknown): string | undefined {
  const exec = (user as { exec?: { command?: unknown; args?: unknown } } | null | undefined)?.exec;
  if (!exec || typeof exec.command !== 'string') return undefined;
  const args = Array.isArray(exec.args) ? exec.args.filter((a): a is string => typeof a === 'string') : [];
  return [exec.command, ...args].join(' ');
}

export async function connectKube(opts: KubeconfigOptions, env: KubeconfigEnv = processEnv()): Promise<KubeClient> {
  const source = findKubeconfig(opts, env);
  // config.js alone: the package index also loads every API model class, for no use here.
  const { KubeConfig } = await import('@kubernetes/client-node/dist/config.js');
  const kc = new KubeConfig();
  let context: string;
  if (source.kind === 'in-cluster') {
    kc.loadFromCluster();
    context = 'in-cluster';
  } else {
    const chosen = chooseContext(source.merged, opts.context);
    context = chosen.name;
    // kubectl talks plain HTTP to an http:// server; client-node refuses one unless TLS checks are
    // off, which for plain HTTP change nothing.
    const clusters = source.merged.clusters.map((c) => {
      const body = (c['cluster'] ?? {}) as Record<string, unknown>;
      return typeof body['server'] === 'string' && body['server'].startsWith('http:') ? { ...c, cluster: { ...body, 'insecure-skip-tls-verify': true } } : c;
    });
    try {
      kc.loadFromString(stringify({ clusters, users: source.merged.users, contexts: source.merged.contexts, 'current-context': context }));
    } catch (err) {
      throw new ClusterError(`cannot use kubeconfig ${source.merged.files.join(':')}: ${(err as Error).message}`);
    }
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ClusterError(`context "${context}" names a cluster the kubeconfig does not define`);
  const server = cluster.server;
  const plugin = execCommand(kc.getCurrentUser());

  async function requestOptions(method: string, headers: Record<string, string>): Promise<https.RequestOptions> {
    const options: https.RequestOptions = { method, headers: { accept: 'application/json', ...headers } };
    try {
      await kc.applyToHTTPSOptions(options);
    } catch (err) {
      const why = (err as Error).message.trim().split('\n')[0] || 'it failed';
      if (plugin) throw new ClusterError(`the credential plugin of context "${context}" failed (${plugin}): ${why}; check that the command works on its own and that its credentials have not expired`);
      throw new ClusterError(`cannot set up credentials for context "${context}": ${why}`);
    }
    return options;
  }
  const unreachable = (why: string) => new ClusterError(`cannot reach the Kubernetes API at ${server} (context "${context}"): ${why}`);
  const failure = (err: Error) => (err instanceof ClusterError ? err : unreachable((err as NodeJS.ErrnoException).code ?? err.message));

  /** Sends one request; the answer is resolved to the response itself (a stream) or read whole. */
  async function open(method: string, path: string, body: string | undefined, contentType: string, signal?: AbortSignal): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
    const options = await requestOptions(method, body === undefined ? {} : { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
    const url = new URL(server + path);
    const request = url.protocol === 'http:' ? http.request : https.request;
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = request(url, { ...options, ...(signal ? { signal } : {}) }, (res) => {
        answered = true;
        resolve({ req, res });
      });
      const silence = () => (answered ? `the connection was silent for ${Math.round((req.socket?.timeout ?? 0) / 1000)} s` : `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
      req.setTimeout(CONNECT_TIMEOUT_MS, () => req.destroy(unreachable(silence())));
      req.on('error', (err) => reject(failure(err)));
      req.end(body);
    });
  }

  function readWhole(res: http.IncomingMessage): Promise<KubeReply> {
    return new Promise<KubeReply>((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => reject(unreachable(err.message)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // Not JSON (a proxy's HTML page): kept as text for the message.
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
  }

  async function call(method: string, path: string, body?: unknown, contentType = 'application/json', signal?: AbortSignal): Promise<KubeReply> {
    return readWhole((await open(method, path, body === undefined ? undefined : JSON.stringify(body), contentType, signal)).res);
  }

  async function stream(path: string, options: { idleTimeoutMs: number; signal: AbortSignal }): Promise<KubeReply | KubeStream> {
    const { req, res } = await open('GET', path, undefined, 'application/json', options.signal);
    if (res.statusCode !== 200) return readWhole(res);
    // The 5 s first-byte timeout becomes an idle timeout: bookmarks keep a healthy watch talking.
    req.setTimeout(options.idleTimeoutMs);
    return { status: 200, events: watchEvents(res, (err) => failure(err)) };
  }

  return { server, context, get: (path, options) => call('GET', path, undefined, undefined, options?.signal), patch: (path, body, contentType) => call('PATCH', path, body, contentType), send: call, stream };
}

/** Newline-delimited JSON from a response; a broken connection throws (as ClusterError via `failure`). */
async function* watchEvents(res: http.IncomingMessage, failure: (err: Error) => Error): AsyncGenerator<unknown> {
  let buffer = '';
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line !== '') yield JSON.parse(line) as unknown;
      }
    }
  } catch (err) {
    throw failure(err as Error);
  } finally {
    res.destroy();
  }
  // A connection cut mid-answer ends the iteration without an error; `complete` tells them apart.
  if (!res.complete) throw failure(new Error('the connection closed mid-watch'));
}
