/**
 * A started local Kubernetes API per test file and a small JSON client over fetch.
 */
import { afterAll, beforeAll } from 'vitest';
import { startKubeEmulator, type KubeEmulatorOptions, type RunningKubeEmulator } from '../../src/kube-emulator/index.js';

export interface Reply {
  readonly status: number;
  readonly body: any;
}

export class KubeClient {
  constructor(readonly endpoint: string) {}

  async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Reply> {
    const res = await fetch(`${this.endpoint}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  get(path: string): Promise<Reply> {
    return this.call('GET', path);
  }
  post(path: string, body: unknown): Promise<Reply> {
    return this.call('POST', path, body);
  }
  put(path: string, body: unknown): Promise<Reply> {
    return this.call('PUT', path, body);
  }
  patch(path: string, body: unknown, type = 'application/merge-patch+json'): Promise<Reply> {
    return this.call('PATCH', path, body, type);
  }
  delete(path: string): Promise<Reply> {
    return this.call('DELETE', path);
  }
}

/** Starts one emulator for the file (fresh objects are named per test). */
export function useKube(options: KubeEmulatorOptions = {}): { kube: () => RunningKubeEmulator; client: () => KubeClient } {
  let kube: RunningKubeEmulator | undefined;
  let client: KubeClient | undefined;
  beforeAll(async () => {
    kube = await startKubeEmulator(options);
    client = new KubeClient(kube.endpoint);
  });
  afterAll(async () => kube?.close());
  return { kube: () => kube!, client: () => client! };
}

export const GW = '/apis/gateway.networking.k8s.io/v1';

export function gateway(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, labels: { app: 'web' } },
    spec: { gatewayClassName: 'alb', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
    ...extra,
  };
}
