/**
 * status/patches.ts: the merge patches gwlb writes to `/status`, table by table — what each kind
 * gets, the lastTransitionTime rule, other controllers' route entries, the skip set, and that a
 * second pass over the written object produces no patch.
 */
import { describe, expect, it } from 'vitest';
import { mergePatch } from '../../src/kube-emulator/patch.js';
import { DEFAULT_CONTROLLER_NAMES, type ObjectStatus } from '../../src/resolve/types.js';
import type { Condition } from '../../src/source/kube.js';
import { liveKey, statusPatches, type LiveObject, type StatusPatchInput } from '../../src/status/patches.js';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-02T00:00:00Z';
const ALB = DEFAULT_CONTROLLER_NAMES.alb;
const GW_API = 'gateway.networking.k8s.io/v1';

const cond = (type: string, status: Condition['status'], reason: string, message = '', observedGeneration = 1): Condition => ({ type, status, reason, message, observedGeneration });

function gatewayStatus(programmed: boolean): ObjectStatus {
  return {
    object: { kind: 'Gateway', namespace: 'default', name: 'gw' },
    apiVersion: GW_API,
    status: {
      kind: 'Gateway',
      conditions: [cond('Accepted', 'True', 'Accepted'), programmed ? cond('Programmed', 'True', 'Programmed', 'arn:lb') : cond('Programmed', 'Unknown', 'Pending', 'Waiting for load balancer to be active.')],
      addresses: [{ type: 'Hostname', value: 'lb.example.com' }],
      listeners: [{ name: 'http', supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }], attachedRoutes: 1, conditions: [cond('Accepted', 'True', 'Accepted', 'Listener is accepted.')] }],
      attachedListenerSets: 0,
    },
  };
}

function live(kind: string, name: string, status?: unknown, extra: Partial<LiveObject> = {}): [string, LiveObject] {
  const namespace = kind === 'GatewayClass' ? '' : 'default';
  return [liveKey({ kind, namespace, name }), { kind, metadata: { name, namespace, resourceVersion: '7', generation: 1 }, ...(status !== undefined ? { status } : {}), ...extra }];
}

function input(statuses: ObjectStatus[], objects: [string, LiveObject][], now = T0, skip: string[] = []): StatusPatchInput {
  return { statuses, live: new Map(objects), controllerNames: DEFAULT_CONTROLLER_NAMES, now, skip: new Set(skip) };
}

/** The object after the API server applies the patch (merge patch on status). */
function written(obj: LiveObject, body: { status: unknown }): LiveObject {
  return { ...obj, status: mergePatch(obj.status ?? {}, body.status) };
}

describe('Gateway', () => {
  it('first write: conditions stamped with now, addresses, listeners, attachedListenerSets, resourceVersion precondition', () => {
    const [patch] = statusPatches(input([gatewayStatus(false)], [live('Gateway', 'gw')]));
    expect(patch!.body.metadata).toEqual({ resourceVersion: '7' });
    expect(patch!.body.status['addresses']).toEqual([{ type: 'Hostname', value: 'lb.example.com' }]);
    expect(patch!.body.status['attachedListenerSets']).toBe(0);
    expect(patch!.body.status['conditions']).toEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 1, lastTransitionTime: T0 },
      { type: 'Programmed', status: 'Unknown', reason: 'Pending', message: 'Waiting for load balancer to be active.', observedGeneration: 1, lastTransitionTime: T0 },
    ]);
    expect((patch!.body.status['listeners'] as { conditions: { lastTransitionTime: string }[] }[])[0]!.conditions[0]!.lastTransitionTime).toBe(T0);
  });

  it('a second pass over the written object patches nothing (idempotent)', () => {
    const [, obj] = live('Gateway', 'gw');
    const [patch] = statusPatches(input([gatewayStatus(true)], [['Gateway/default/gw', obj]]));
    const after = written(obj, patch!.body);
    expect(statusPatches(input([gatewayStatus(true)], [['Gateway/default/gw', after]], T1))).toEqual([]);
  });

  it('provisioning → active: Programmed gets the new time, Accepted (unchanged status) keeps its own', () => {
    const [, obj] = live('Gateway', 'gw');
    const first = written(obj, statusPatches(input([gatewayStatus(false)], [['Gateway/default/gw', obj]], T0))[0]!.body);
    const [patch] = statusPatches(input([gatewayStatus(true)], [['Gateway/default/gw', first]], T1));
    const conditions = patch!.body.status['conditions'] as Record<string, unknown>[];
    expect(conditions.map((c) => [c['type'], c['status'], c['message'], c['lastTransitionTime']])).toEqual([
      ['Accepted', 'True', '', T0],
      ['Programmed', 'True', 'arn:lb', T1],
    ]);
  });

  it('conditions of other types are kept where they are (prepareGatewayConditionUpdate updates in place)', () => {
    const other = { type: 'example.com/Custom', status: 'True', reason: 'X', message: '', lastTransitionTime: T0 };
    const [patch] = statusPatches(input([gatewayStatus(true)], [live('Gateway', 'gw', { conditions: [other] })], T1));
    expect((patch!.body.status['conditions'] as Record<string, unknown>[]).map((c) => c['type'])).toEqual(['example.com/Custom', 'Accepted', 'Programmed']);
  });

  it.each([
    ['skipped (LBC manages it, or out of --gateway scope)', [live('Gateway', 'gw')], ['Gateway/default/gw']],
    ['gone from the cluster', [], []],
  ])('no patch when %s', (_why, objects, skip) => {
    expect(statusPatches(input([gatewayStatus(true)], objects, T0, skip))).toEqual([]);
  });
});

describe('GatewayClass', () => {
  const classStatus: ObjectStatus = { object: { kind: 'GatewayClass', namespace: '', name: 'alb' }, apiVersion: GW_API, status: { kind: 'GatewayClass', conditions: [cond('Accepted', 'True', 'Accepted', 'Accepted')] } };
  it.each([
    ['no status at all: LBC writes nothing (updateGatewayClassAcceptedCondition needs an Accepted condition)', undefined, undefined],
    ['the CRD default Accepted=Unknown/Pending: replaced', { conditions: [{ type: 'Accepted', status: 'Unknown', reason: 'Pending', message: 'Waiting for controller', lastTransitionTime: T0 }] }, 'True'],
    ['already accepted at this generation: nothing', { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Accepted', observedGeneration: 1, lastTransitionTime: T0 }] }, undefined],
  ])('%s', (_case, status, expected) => {
    const patches = statusPatches(input([classStatus], [live('GatewayClass', 'alb', status)], T1));
    expect(patches.map((p) => (p.body.status['conditions'] as Record<string, unknown>[])[0]!['status'])).toEqual(expected ? [expected] : []);
  });
});

describe('ListenerSet', () => {
  it('conditions and listeners are rebuilt; written once, then nothing', () => {
    const s: ObjectStatus = { object: { kind: 'ListenerSet', namespace: 'default', name: 'ls' }, apiVersion: GW_API, status: { kind: 'ListenerSet', conditions: [cond('Accepted', 'True', 'Accepted', 'Accepted'), cond('Programmed', 'True', 'Programmed', 'Programmed')], listeners: [] } };
    const stale = { conditions: [{ type: 'Stale', status: 'True', reason: 'X', message: '', lastTransitionTime: T0 }] };
    const [key, obj] = live('ListenerSet', 'ls', stale);
    const [patch] = statusPatches(input([s], [[key, obj]]));
    expect((patch!.body.status['conditions'] as Record<string, unknown>[]).map((c) => c['type'])).toEqual(['Accepted', 'Programmed']);
    expect(statusPatches(input([s], [[key, written(obj, patch!.body)]], T1))).toEqual([]);
  });
});

describe('route status.parents', () => {
  const gwRef = (name: string) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name });
  const routeStatus = (...names: string[]): ObjectStatus => ({
    object: { kind: 'HTTPRoute', namespace: 'default', name: 'r' },
    apiVersion: GW_API,
    status: { kind: 'Route', parents: names.map((n) => ({ parentRef: gwRef(n), controllerName: ALB, conditions: [cond('ResolvedRefs', 'True', 'ResolvedRefs'), cond('Accepted', 'True', 'Accepted')] })) },
  });
  const entry = (name: string, controllerName: string, generation = 1) => ({ parentRef: gwRef(name), controllerName, conditions: [{ type: 'Accepted', status: 'False', reason: 'Old', message: '', observedGeneration: generation, lastTransitionTime: T0 }] });
  const route = (parents: unknown[], specNames: string[], generation = 1) =>
    live('HTTPRoute', 'r', { parents }, { spec: { parentRefs: specNames.map(gwRef) }, metadata: { name: 'r', namespace: 'default', resourceVersion: '7', generation } });
  const parentsOf = (statuses: ObjectStatus[], objects: [string, LiveObject][], skip: string[] = []) =>
    statusPatches(input(statuses, objects, T1, skip)).map((p) => (p.body.status['parents'] as { parentRef: { name: string }; controllerName: string; conditions: { reason: string }[] }[]).map((e) => `${e.parentRef.name}@${e.controllerName}:${e.conditions[1]?.reason ?? e.conditions[0]!.reason}`));

  it.each([
    ['another controller’s entry is kept in place; ours is replaced', [entry('other', 'example.com/gw'), entry('a', ALB)], ['other', 'a'], routeStatus('a'), [], ['other@example.com/gw:Old', 'a@gateway.k8s.aws/alb:Accepted']],
    ['our entry for a parentRef no longer in the spec is dropped', [entry('gone', ALB)], ['a'], routeStatus('a'), [], ['a@gateway.k8s.aws/alb:Accepted']],
    ['our entry for a parentRef still in the spec but not computed stays', [entry('b', ALB)], ['a', 'b'], routeStatus('a'), [], ['b@gateway.k8s.aws/alb:Old', 'a@gateway.k8s.aws/alb:Accepted']],
    ['a parent gwlb does not act for gets no entry', [], ['a', 'lbc'], routeStatus('a', 'lbc'), ['Gateway/default/lbc'], ['a@gateway.k8s.aws/alb:Accepted']],
  ])('%s', (_case, parents, spec, status, skip, expected) => {
    expect(parentsOf([status], [route(parents, spec)], skip)).toEqual([expected]);
  });

  it('an entry written for a newer generation is not overwritten (route_reconciler.go: no backward generation update)', () => {
    expect(parentsOf([routeStatus('a')], [route([entry('a', ALB, 5)], ['a'], 2)])).toEqual([]);
  });

  it('written once, then nothing', () => {
    const [key, obj] = route([entry('other', 'example.com/gw')], ['other', 'a']);
    const [patch] = statusPatches(input([routeStatus('a')], [[key, obj]], T0));
    expect(statusPatches(input([routeStatus('a')], [[key, written(obj, patch!.body)]], T1))).toEqual([]);
  });
});
