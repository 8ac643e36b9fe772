import { describe, expect, it } from 'vitest';
import { ALB_CLASS, brief, resolveYaml, statusOf } from '../../test/helpers/manifests.js';

const gateway = (listeners: string, from = 'All') => `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: alb
  allowedListeners: {namespaces: {from: ${from}}}
  listeners: ${listeners}`;

/** Gateways need at least one listener of their own (CRD minItems 1); this one conflicts with nothing. */
const OWN = '[{name: own, port: 9090, protocol: HTTP}]';

const listenerSet = (name: string, namespace: string, created: string, listeners: string) => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: ${name}, namespace: ${namespace}, creationTimestamp: "${created}"}
spec:
  parentRef: {name: gw, namespace: infra}
  listeners: ${listeners}`;

// lbc-l7-routes-status.md §2.2, §2.3, §8 E21 (ListenerSet cases) and E23.
describe('ListenerSets', () => {
  it('older set wins a port: ls-newer https is a ProtocolConflict', () => {
    const r = resolveYaml(
      gateway(OWN) +
        listenerSet('ls-newer', 'infra', '2025-06-01T00:00:00Z', '[{name: https, port: 80, protocol: HTTPS}]') +
        listenerSet('ls-older', 'infra', '2025-01-01T00:00:00Z', '[{name: http, port: 80, protocol: HTTP}]'),
    );
    const gw = r.gateways[0]!;
    expect(gw.acceptedListenerSets.map((s) => s.metadata.name)).toEqual(['ls-older', 'ls-newer']);
    expect(gw.listeners.map((l) => `${l.owner.metadata.name}/${l.listener.name}=${l.reason}`)).toEqual(['gw/own=Accepted', 'ls-older/http=Accepted', 'ls-newer/https=ProtocolConflict']);
    const newer = statusOf(r, 'ListenerSet', 'infra', 'ls-newer');
    expect(newer?.kind === 'ListenerSet' && brief(newer.conditions)).toEqual(['Accepted=False/ListenersNotValid', 'Programmed=False/Pending']);
    expect(newer?.kind === 'ListenerSet' && brief(newer.listeners[0]!.conditions)).toEqual([
      'Conflicted=True/ProtocolConflict',
      'Accepted=False/ProtocolConflict',
      'ResolvedRefs=True/ResolvedRefs',
      'Programmed=False/ProtocolConflict',
    ]);
  });

  it('the Gateway always wins against a ListenerSet: HostnameConflict on the set listener', () => {
    const r = resolveYaml(
      gateway('[{name: gw-http, port: 80, protocol: HTTP, hostname: example.com}]') +
        listenerSet('ls', 'infra', '2025-01-01T00:00:00Z', '[{name: ls-http, port: 80, protocol: HTTP, hostname: example.com}]'),
    );
    expect(r.gateways[0]!.listeners.map((l) => l.reason)).toEqual(['Accepted', 'HostnameConflict']);
    const gw = statusOf(r, 'Gateway', 'infra', 'gw');
    // Gateway status lists only its own listeners; the set with no valid listener does not count.
    expect(gw?.kind === 'Gateway' && gw.listeners!.map((l) => l.name)).toEqual(['gw-http']);
    expect(gw?.kind === 'Gateway' && gw.attachedListenerSets).toBe(0);
    expect(gw?.kind === 'Gateway' && brief(gw.conditions)[0]).toBe('Accepted=True/ListenersNotValid');
  });

  it('allowedListeners None (the default) rejects every set: NotAllowed, empty listeners', () => {
    const r = resolveYaml(gateway('[{name: a, port: 80, protocol: HTTP}]', 'None') + listenerSet('ls', 'apps', '2025-01-01T00:00:00Z', '[{name: b, port: 81, protocol: HTTP}]'));
    expect(statusOf(r, 'ListenerSet', 'apps', 'ls')).toEqual({
      kind: 'ListenerSet',
      conditions: [
        { type: 'Accepted', status: 'False', reason: 'NotAllowed', message: 'Parent Gateway rejected ListenerSet', observedGeneration: 1 },
        { type: 'Programmed', status: 'False', reason: 'NotAllowed', message: 'Parent Gateway rejected ListenerSet', observedGeneration: 1 },
      ],
      listeners: [],
    });
    expect(r.diagnostics.map((d) => d.code)).toContain('GWLB211');
  });

  it('Same admits only sets in the Gateway namespace', () => {
    const r = resolveYaml(
      gateway(OWN, 'Same') +
        listenerSet('here', 'infra', '2025-01-01T00:00:00Z', '[{name: a, port: 80, protocol: HTTP}]') +
        listenerSet('there', 'apps', '2025-01-01T00:00:00Z', '[{name: a, port: 81, protocol: HTTP}]'),
    );
    expect(r.gateways[0]!.acceptedListenerSets.map((s) => s.metadata.name)).toEqual(['here']);
    expect(r.gateways[0]!.rejectedListenerSets.map((s) => s.metadata.name)).toEqual(['there']);
  });

  it('routes attach to set listeners through a ListenerSet parentRef, with the set namespace for Same', () => {
    const yaml =
      gateway('[{name: a, port: 80, protocol: HTTP}]') +
      listenerSet('ls', 'apps', '2025-01-01T00:00:00Z', '[{name: b, port: 8080, protocol: HTTP}]') +
      `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: apps}
spec:
  parentRefs: [{kind: ListenerSet, name: ls, sectionName: b}]`;
    const r = resolveYaml(yaml);
    const route = statusOf(r, 'HTTPRoute', 'apps', 'r');
    expect(route?.kind === 'Route' && brief(route.parents[0]!.conditions)).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=True/Accepted']);
    expect(r.gateways[0]!.ports.map((p) => [p.port, p.routes.length])).toEqual([
      [80, 0],
      [8080, 1],
    ]);
    const gw = statusOf(r, 'Gateway', 'infra', 'gw');
    expect(gw?.kind === 'Gateway' && gw.attachedListenerSets).toBe(1);
    const ls = statusOf(r, 'ListenerSet', 'apps', 'ls');
    expect(ls?.kind === 'ListenerSet' && ls.listeners[0]!.attachedRoutes).toBe(1);
  });

  it('the GatewayListenerSet feature gate off ignores sets entirely', () => {
    const r = resolveYaml(gateway(OWN) + listenerSet('ls', 'apps', '2025-01-01T00:00:00Z', '[{name: b, port: 81, protocol: HTTP}]'), { listenerSets: false });
    expect(statusOf(r, 'ListenerSet', 'apps', 'ls')).toBeUndefined();
    const gw = statusOf(r, 'Gateway', 'infra', 'gw');
    expect(gw?.kind === 'Gateway' && gw.attachedListenerSets).toBeUndefined();
  });
});

describe('NLB: one route per L4 listener', () => {
  it('the oldest TCPRoute wins, ties by namespace/name; others are still Accepted', () => {
    const tcpRoute = (name: string, created: string) => `
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: ${name}, namespace: ns, creationTimestamp: "${created}"}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]`;
    const yaml = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: nlb
  listeners: [{name: tcp, port: 80, protocol: TCP}]
${tcpRoute('b', '2025-01-01T00:00:00.100Z')}${tcpRoute('c', '2025-01-01T00:00:00.100Z')}${tcpRoute('a', '2025-01-01T00:00:00.200Z')}`;
    const r = resolveYaml(yaml);
    const port = r.gateways[0]!.ports[0]!;
    expect(port.routes.map((x) => x.route.metadata.name)).toEqual(['b', 'c', 'a']);
    expect(port.l4Route?.route.metadata.name).toBe('b');
    const status = statusOf(r, 'TCPRoute', 'ns', 'a');
    expect(status?.kind === 'Route' && status.parents[0]!.controllerName).toBe('gateway.k8s.aws/nlb');
    expect(r.diagnostics.map((d) => d.code)).toContain('GWLB212');
  });
});
