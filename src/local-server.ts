/**
 * What the two local HTTP servers (the AWS emulator, src/emulator, and the local Kubernetes API,
 * src/kube-emulator) do alike: listen on a port and read a request's body. Each keeps its own
 * close(), which differ (the emulator flushes its state; the Kubernetes API drops open watches).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** The port the server got (the one asked for, or a free one for port 0). */
  readonly port: number;
  /** `http://host:port`, with an IPv6 host in brackets. */
  readonly endpoint: string;
}

/** Starts `server` on `host:port` (0 = any free port); rejects when the port cannot be had. */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const got = (server.address() as AddressInfo).port;
  return { port: got, endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${got}` };
}

/** The whole request body as UTF-8. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
