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
  get(path: string): Promise<KubeReply>;
  /** PATCH with a body of `contentType` (`application/merge-patch+json` for status write-back). */
  patch(path: string, body: unknown, contentType: string): Promise<KubeReply>;
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

  async function send(method: 'GET' | 'PATCH', path: string, payload?: { body: unknown; contentType: string }): Promise<KubeReply> {
    const text = payload === undefined ? undefined : JSON.stringify(payload.body);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload !== undefined && text !== undefined) Object.assign(headers, { 'content-type': payload.contentType, 'content-length': Buffer.byteLength(text) });
    const options: https.RequestOptions = { method, headers };
    try {
      await kc.applyToHTTPSOptions(options);
    } catch (err) {
      const why = (err as Error).message.trim().split('\n')[0] || 'it failed';
      if (plugin) throw new ClusterError(`the credential plugin of context "${context}" failed (${plugin}): ${why}; check that the command works on its own and that its credentials have not expired`);
      throw new ClusterError(`cannot set up credentials for context "${context}": ${why}`);
    }
    const url = new URL(server + path);
    const request = url.protocol === 'http:' ? http.request : https.request;
    return new Promise<KubeReply>((resolve, reject) => {
      const unreachable = (why: string) => new ClusterError(`cannot reach the Kubernetes API at ${server} (context "${context}"): ${why}`);
      const req = request(url, options, (res) => {
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
      req.setTimeout(CONNECT_TIMEOUT_MS, () => req.destroy(unreachable(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)));
      req.on('error', (err) => reject(err instanceof ClusterError ? err : unreachable((err as NodeJS.ErrnoException).code ?? err.message)));
      req.end(text);
    });
  }
  return { server, context, get: (path) => send('GET', path), patch: (path, body, contentType) => send('PATCH', path, { body, contentType }) };
}
