/**
 * cli/status-writeback.ts `notActingFor`: which objects gwlb leaves to someone else when it writes
 * status — Gateways carrying LBC's finalizer (unless --take-over) with their ListenerSets and
 * GatewayClass, Gateways outside --gateway, and Gateways being deleted.
 */
import { describe, expect, it } from 'vitest';
import { notActingFor, type ActingScope } from '../../src/run/status-writeback.js';
import { ALB_CLASS, load } from '../helpers/manifests.js';

function gateway(name: string, meta = ''): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ns
${meta}spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
}

const SET = `---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: extra, namespace: ns}
spec:
  parentRef: {name: managed}
  listeners: [{name: h, port: 8080, protocol: HTTP}]
`;

const INPUT = ALB_CLASS + gateway('mine') + gateway('managed', '  finalizers: [gateway.k8s.aws/alb]\n') + gateway('going', '  finalizers: [example.com/hold]\n  deletionTimestamp: "2026-01-01T00:00:00Z"\n') + SET;

describe('notActingFor', () => {
  const snapshot = load(INPUT).snapshot;
  it.each<[string, ActingScope, string[]]>([
    ['LBC-managed Gateway, its ListenerSet and its class; the Gateway being deleted', { takeOver: false }, ['Gateway/ns/managed', 'Gateway/ns/going', 'ListenerSet/ns/extra', 'GatewayClass//alb']],
    ['--take-over: only the Gateway being deleted', { takeOver: true }, ['Gateway/ns/going']],
    ['--gateway ns/mine with --take-over: every other Gateway', { takeOver: true, gateway: 'ns/mine' }, ['Gateway/ns/managed', 'Gateway/ns/going', 'ListenerSet/ns/extra']],
  ])('%s', (_case, scope, expected) => {
    expect([...notActingFor(snapshot, scope)]).toEqual(expected);
  });
});
