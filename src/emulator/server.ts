/**
 * The emulator's HTTP front door: one node:http server for ELBv2, EC2, ACM, WAFv2 and Shield
 * (aws-api-facts.md §1.1). The awsJson services are recognised by `X-Amz-Target`
 * (`CertificateManager.*`, `AWSWAF_20190729.*`, `AWSShield_20160616.*`); the two query services by
 * the form's `Version` (Classic ELB shares action names with ELBv2, so Action alone is not
 * enough), falling back to the SigV4 credential scope. `/_emulator/...` is the control path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../local-server.js';
import { handleControl } from './control-routes.js';
import { dispatchJson, dispatchEc2, dispatchElbv2, invalidAction, type Backend, type DispatchResult } from './dispatch.js';
import { requestId } from './ids.js';
import type { Seeder } from './seed.js';
import { EC2_VERSION, ec2Error } from './wire/ec2-protocol.js';
import { QueryInput } from './wire/query-input.js';
import { ELBV2_VERSION, queryError } from './wire/query-protocol.js';

export const CONTROL_PREFIX = '/_emulator';

/** The signing name in `Credential=AK/date/region/<service>/aws4_request`, if any. */
function signingService(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1];
}

function send(res: ServerResponse, result: DispatchResult): void {
  if (result.reset) {
    // An injected lost response: the call ran, the client sees the connection drop (ECONNRESET).
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string | number> = {
    'content-type': result.contentType,
    'content-length': Buffer.byteLength(result.body),
    'x-amzn-requestid': result.requestId,
  };
  if (result.errorType !== undefined) headers['x-amzn-errortype'] = result.errorType;
  res.writeHead(result.status, headers);
  res.end(result.body);
}

async function route(backend: Backend, seeder: Seeder, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const body = await readBody(req);
  if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    const reply = handleControl(backend, seeder, req.method ?? 'GET', url.pathname.slice(CONTROL_PREFIX.length), body);
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
    return;
  }
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    send(res, await dispatchJson(backend, target, body));
    return;
  }
  // SDK v3 always POSTs a form; the query services also accept GET with the query string (§1.1).
  const input = QueryInput.parse(req.method === 'GET' ? url.search.slice(1) : body);
  const action = input.str('Action');
  const version = input.str('Version');
  const scope = signingService(req);
  if (action !== undefined && (version === ELBV2_VERSION || (version === undefined && scope === 'elasticloadbalancing'))) {
    send(res, await dispatchElbv2(backend, action, input));
  } else if (action !== undefined && (version === EC2_VERSION || (version === undefined && scope === 'ec2'))) {
    send(res, await dispatchEc2(backend, action, input));
  } else {
    const id = requestId();
    const wire = scope === 'ec2' ? ec2Error(invalidAction(action), id) : queryError(invalidAction(action), id);
    send(res, { ...wire, requestId: id });
  }
}

export function createEmulatorServer(backend: Backend, seeder: Seeder): Server {
  const server = createServer((req, res) => {
    route(backend, seeder, req, res).catch((err: unknown) => {
      // Only a broken connection gets here; request problems are answered as AWS errors above.
      process.stderr.write(`gwlb emulator: request failed: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  // SDK clients keep connections alive; don't let an idle one hold close() open.
  server.keepAliveTimeout = 5_000;
  return server;
}
