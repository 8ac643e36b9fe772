/** Reading conditions: which need a fix, and the shapes a written status may hold. */
import type { Condition } from '../source/kube.js';

/** Whether a condition needs an explanation: False, or Unknown, or a True carrying a failure reason. */
export function isUnhealthy(c: Condition): boolean {
  if (c.type === 'Conflicted') return c.status === 'True';
  if (c.status !== 'True') return true;
  return c.reason === 'ListenersNotValid';
}

/**
 * What the Gateway and ListenerSet CRDs default on create (`Pending` / `Waiting for controller`,
 * no observedGeneration): present alone, no controller has written the status yet.
 */
export function isApiServerDefault(c: Condition): boolean {
  return c.reason === 'Pending' && c.message === 'Waiting for controller' && c.observedGeneration === undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Conditions of a written status part (schema-checked for Gateways; kept as written elsewhere). */
export function conditionsIn(v: unknown): Condition[] {
  if (!isRecord(v) || !Array.isArray(v['conditions'])) return [];
  return v['conditions'].filter((c): c is Condition => isRecord(c) && typeof c['type'] === 'string' && typeof c['status'] === 'string').map((c) => ({ ...c, reason: typeof c.reason === 'string' ? c.reason : '', message: typeof c.message === 'string' ? c.message : '' }));
}

/** `status.listeners` as written: name → the entry. */
export function listenersIn(status: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const list = isRecord(status) ? status['listeners'] : undefined;
  for (const l of Array.isArray(list) ? list : []) if (isRecord(l) && typeof l['name'] === 'string') out.set(l['name'], l);
  return out;
}

/** `status.parents` as written, each with its controllerName and parentRef. */
export function parentsIn(status: unknown): { controllerName: string; parentRef: Record<string, unknown>; entry: unknown }[] {
  const list = isRecord(status) ? status['parents'] : undefined;
  return (Array.isArray(list) ? list : []).flatMap((p) =>
    isRecord(p) && isRecord(p['parentRef']) ? [{ controllerName: typeof p['controllerName'] === 'string' ? p['controllerName'] : '', parentRef: p['parentRef'], entry: p }] : [],
  );
}
