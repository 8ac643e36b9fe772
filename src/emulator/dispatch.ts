/**
 * One AWS call from parsed request to wire response: the action lookup (InvalidAction /
 * UnknownOperationException for anything not emulated), the controls (latency, injected
 * failures, throttling, counters), the handler, the protocol's envelope, and the state flush.
 * A handler bug becomes the service's internal error, never a crashed server.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ACM_ACTIONS } from './acm/certificates.js';
import type { EmulatorControls } from './controls.js';
import { EC2_ACTIONS } from './ec2/service.js';
import { isUnfiltered } from './ec2/paging.js';
import type { HandlerContext } from './elbv2/context.js';
import { ELBV2_ACTIONS } from './elbv2/service.js';
import { AwsError } from './errors.js';
import { requestId } from './ids.js';
import type { StateStore } from './state.js';
import type { ServiceName } from '../aws-rules/request-rates.js';
import { ec2Error, ec2Success } from './wire/ec2-protocol.js';
import { jsonError, jsonSuccess, type JsonBody } from './wire/json-protocol.js';
import { SHIELD_ACTIONS } from './shield/protections.js';
import { WAFV2_ACTIONS } from './wafv2/web-acls.js';
import type { QueryInput } from './wire/query-input.js';
import { queryError, querySuccess } from './wire/query-protocol.js';
import type { WireResponse } from './wire/response.js';

export interface DispatchResult extends WireResponse {
  readonly requestId: string;
  readonly errorType?: string;
  /** Close the connection instead of answering (an injected lost response). */
  readonly reset?: true;
}

export interface Backend {
  readonly store: StateStore;
  readonly controls: EmulatorControls;
}

function internal(service: ServiceName, err: unknown): AwsError {
  const detail = err instanceof Error ? err.message : String(err);
  return service === 'ec2'
    ? new AwsError('InternalError', `An internal error has occurred (emulator bug: ${detail})`, 500)
    : service === 'wafv2'
      ? new AwsError('WAFInternalErrorException', `Your request is valid, but AWS WAF couldn’t perform the operation because of a system problem (emulator bug: ${detail})`, 500)
      : service === 'shield'
        ? new AwsError('InternalErrorException', `Exception that indicates that a problem occurred with the service infrastructure (emulator bug: ${detail})`, 500)
        : new AwsError('InternalFailure', `The request processing has failed because of an unknown error (emulator bug: ${detail})`, 500);
}

type RunResult<T> = { ok: T } | { err: AwsError; reset?: boolean };

/**
 * Runs the controls and the handler; returns the handler's output or the error to send. A
 * `lose-response` failure is decided after the handler: its effects stay, its answer is lost.
 */
async function run<T>(backend: Backend, service: ServiceName, action: string, unfiltered: boolean, handler: (ctx: HandlerContext) => T): Promise<RunResult<T>> {
  const { controls } = backend;
  const delay = controls.latencyFor(service, action);
  if (delay > 0) await sleep(delay);
  const refused = controls.admit(service, action, unfiltered);
  if (refused) return answered(controls, service, action, { err: refused });
  let result: RunResult<T>;
  try {
    result = { ok: handler({ store: backend.store, controls, now: controls.now() }) };
  } catch (err) {
    if (!(err instanceof AwsError)) process.stderr.write(`gwlb emulator: ${service}:${action} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    result = { err: err instanceof AwsError ? err : internal(service, err) };
  } finally {
    backend.store.flush();
  }
  const lost = controls.lose(service, action);
  return lost ? { err: lost.error, reset: lost.reset } : answered(controls, service, action, result);
}

/** Counts an error answer that reaches the client. */
function answered<T>(controls: EmulatorControls, service: ServiceName, action: string, result: RunResult<T>): RunResult<T> {
  if ('err' in result) controls.noteError(service, action, result.err.code);
  return result;
}

const resetIf = (result: RunResult<unknown>) => ('reset' in result && result.reset ? { reset: true as const } : {});

export async function dispatchElbv2(backend: Backend, action: string, input: QueryInput): Promise<DispatchResult> {
  const id = requestId();
  const handler = ELBV2_ACTIONS[action];
  if (!handler) return { ...queryError(invalidAction(action), id), requestId: id };
  const result = await run(backend, 'elbv2', action, false, (ctx) => handler(input, ctx));
  return { ...('ok' in result ? querySuccess(action, result.ok, id) : queryError(result.err, id)), requestId: id, ...resetIf(result) };
}

export async function dispatchEc2(backend: Backend, action: string, input: QueryInput): Promise<DispatchResult> {
  const id = requestId();
  const handler = EC2_ACTIONS[action];
  if (!handler) return { ...ec2Error(invalidAction(action), id), requestId: id };
  if (input.bool('DryRun') === true) {
    // Every emulated caller is authorised, so a dry run always "would have succeeded".
    return { ...ec2Error(new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412), id), requestId: id };
  }
  const unfiltered = action.startsWith('Describe') && isUnfiltered(input);
  const result = await run(backend, 'ec2', action, unfiltered, (ctx) => handler(input, ctx));
  return { ...('ok' in result ? ec2Success(action, result.ok, id) : ec2Error(result.err, id)), requestId: id, ...resetIf(result) };
}

/** The awsJson services, by the `X-Amz-Target` prefix before the dot. */
const JSON_SERVICES: Readonly<Record<string, { readonly service: ServiceName; readonly actions: Readonly<Record<string, (body: JsonBody, ctx: HandlerContext) => unknown>> }>> = {
  CertificateManager: { service: 'acm', actions: ACM_ACTIONS },
  AWSWAF_20190729: { service: 'wafv2', actions: WAFV2_ACTIONS },
  AWSShield_20160616: { service: 'shield', actions: SHIELD_ACTIONS },
};

export async function dispatchJson(backend: Backend, target: string, body: string): Promise<DispatchResult> {
  const id = requestId();
  const dot = target.indexOf('.');
  const action = target.slice(dot + 1);
  const service = dot > 0 ? JSON_SERVICES[target.slice(0, dot)] : undefined;
  const handler = service && Object.hasOwn(service.actions, action) ? service.actions[action] : undefined;
  if (!service || !handler) return { ...jsonError(new AwsError('UnknownOperationException', `Unknown operation ${target}`)), requestId: id };
  let parsed: JsonBody;
  try {
    const value: unknown = body.trim() === '' ? {} : JSON.parse(body);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    parsed = value as JsonBody;
  } catch {
    return { ...jsonError(new AwsError('SerializationException', 'The request body is not a JSON object')), requestId: id };
  }
  const result = await run(backend, service.service, action, false, (ctx) => handler(parsed, ctx));
  return { ...('ok' in result ? jsonSuccess(result.ok) : jsonError(result.err)), requestId: id, ...resetIf(result) };
}

export function invalidAction(action: string | undefined): AwsError {
  return new AwsError('InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service.`);
}
