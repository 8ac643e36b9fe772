/**
 * The non-AWS control path, `/_emulator/...`, for tests and benchmarks in other processes. It is
 * plain JSON over HTTP and mirrors the in-process EmulatorControls API:
 *
 *   GET    /                    everything: counters, throttling, latency, failures, lifecycle
 *   GET    /counters            per-action call counters, throttled calls, error answers by code;
 *                                DELETE /counters resets them
 *   PUT    /throttling          {enabled?, overrides?}  (token buckets at AWS rates when enabled)
 *   PUT    /latency             {defaultMs?, perAction?}
 *   POST   /failures            {action?, writesOnly?, nth?, times?, chance?, seed?, error}  → the rule with its id
 *   DELETE /failures[/ID]       remove one rule or all
 *   PUT    /lifecycle           {describesUntilActive?, msUntilActive?, describesUntilHealthy?, drainingDescribes?}
 *   POST   /reset               controls back to defaults
 *   GET    /state               the whole emulator state as JSON;  PUT /state replaces it
 *   POST   /state/reset         {seed?: boolean}  empty or freshly seeded state
 *   POST   /pod-network-interfaces  {privateIpAddress, groupIds?}  an ENI holding a pod IP (ec2/pod-enis.ts)
 */
import type { Backend } from './dispatch.js';
import type { FailureRuleInput } from './failures.js';
import type { Seeder } from './seed.js';
import { addPodNetworkInterface } from './ec2/pod-enis.js';
import { emptyState, STATE_FORMAT_VERSION, type EmulatorState } from './state.js';

export interface ControlReply {
  readonly status: number;
  readonly body: unknown;
}

function parse(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const notFound = (method: string, path: string): ControlReply => ({ status: 404, body: { error: `no control route ${method} /_emulator${path}; GET /_emulator for the current settings` } });

export function handleControl(backend: Backend, seeder: Seeder, method: string, path: string, raw: string): ControlReply {
  const { controls, store } = backend;
  const body = parse(raw);
  if (body === undefined) return { status: 400, body: { error: 'the request body must be a JSON object' } };
  const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
  switch (route) {
    case 'GET /':
      return { status: 200, body: controls.snapshot() };
    case 'GET /counters':
      return { status: 200, body: { counters: controls.counters(), throttled: controls.snapshot().throttled, errors: controls.snapshot().errors } };
    case 'DELETE /counters':
      controls.resetCounters();
      return { status: 200, body: { counters: {} } };
    case 'PUT /throttling':
      return { status: 200, body: controls.setThrottling(body) };
    case 'PUT /latency':
      return { status: 200, body: controls.setLatency(body) };
    case 'POST /failures':
      if (typeof body['error'] !== 'object' || body['error'] === null) return { status: 400, body: { error: 'a failure rule needs an error: {kind: "internal" | "unavailable" | "throttling"}, {kind: "error", code, message?, status?} or {kind: "lose-response", via?: "internal" | "reset"}' } };
      if (body['chance'] !== undefined && !(typeof body['chance'] === 'number' && body['chance'] >= 0 && body['chance'] <= 1)) return { status: 400, body: { error: 'chance must be a number between 0 and 1' } };
      return { status: 201, body: controls.addFailure(body as unknown as FailureRuleInput) };
    case 'DELETE /failures':
      controls.clearFailures();
      return { status: 200, body: { failures: [] } };
    case 'PUT /lifecycle':
      return { status: 200, body: controls.setLifecycle(body) };
    case 'POST /reset':
      controls.reset();
      return { status: 200, body: controls.snapshot() };
    case 'GET /state':
      return { status: 200, body: store.state };
    case 'PUT /state':
      if (body['formatVersion'] !== STATE_FORMAT_VERSION) return { status: 400, body: { error: `the state must have formatVersion ${STATE_FORMAT_VERSION}` } };
      store.replace(body as unknown as EmulatorState);
      store.flush();
      return { status: 200, body: { replaced: true } };
    case 'POST /pod-network-interfaces': {
      const ip = body['privateIpAddress'];
      const groups = body['groupIds'];
      if (typeof ip !== 'string') return { status: 400, body: { error: 'privateIpAddress (a string) is required' } };
      if (groups !== undefined && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) return { status: 400, body: { error: 'groupIds must be a list of security group ids' } };
      try {
        const eni = addPodNetworkInterface(store.state, ip, groups ? { groupIds: groups as string[] } : {});
        store.changed();
        store.flush();
        return { status: 201, body: { networkInterfaceId: eni.networkInterfaceId, groupIds: eni.groupIds } };
      } catch (err) {
        return { status: 400, body: { error: err instanceof Error ? err.message : String(err) } };
      }
    }
    case 'POST /state/reset':
      store.replace(body['seed'] === true ? seeder() : emptyState());
      store.flush();
      return { status: 200, body: { reset: true, seeded: body['seed'] === true } };
  }
  const failure = /^DELETE \/failures\/([^/]+)$/.exec(route);
  if (failure) {
    return controls.removeFailure(failure[1]!) ? { status: 200, body: { removed: failure[1] } } : { status: 404, body: { error: `no failure rule with id ${failure[1]}` } };
  }
  return notFound(method, path);
}
