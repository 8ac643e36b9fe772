import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { gwlb, ROOT } from './run-cli.js';

const EXAMPLES = ['alb-http-https', 'nlb-tcp', 'listenersets', 'header-matching', 'targetgroupname', 'misconfigured-service'];

interface Item {
  kind: string;
  metadata: { namespace?: string; name: string };
  status: { conditions?: { type: string; status: string; reason: string; message: string }[]; parents?: { conditions: { type: string; status: string; reason: string; message: string }[] }[]; listeners?: { name: string; attachedRoutes: number; conditions: { type: string; reason: string }[] }[]; attachedListenerSets?: number };
}

function explainYaml(example: string): Item[] {
  const r = gwlb(['explain', '-f', `examples/${example}`, '-o', 'yaml']);
  expect(r.code).toBe(0);
  return (parse(r.stdout) as { kind: string; items: Item[] }).items;
}

function find(items: Item[], kind: string, name: string): Item {
  const item = items.find((i) => i.kind === kind && i.metadata.name === name);
  if (!item) throw new Error(`${kind} ${name} not in explain output`);
  return item;
}

const brief = (cs: { type: string; status: string; reason: string }[] | undefined) => (cs ?? []).map((c) => `${c.type}=${c.status}/${c.reason}`);

describe('gwlb explain on the examples', () => {
  it.each(EXAMPLES)('examples/%s -o yaml is a List of statuses (golden)', (example) => {
    const r = gwlb(['explain', '-f', `examples/${example}`, '-o', 'yaml']);
    expect(r.code).toBe(0);
    const list = parse(r.stdout) as { apiVersion: string; kind: string; items: unknown[] };
    expect(list.kind).toBe('List');
    expect(list.items.length).toBeGreaterThan(0);
    expectGolden(`${ROOT}test/golden/explain/${example}.yaml`, r.stdout);
  });

  it('alb-http-https: routes accepted, Gateway provisioning, both listeners pending', () => {
    const items = explainYaml('alb-http-https');
    expect(brief(find(items, 'Gateway', 'my-alb-gateway').status.conditions)).toEqual(['Accepted=True/Accepted', 'Programmed=Unknown/Pending']);
    expect(find(items, 'Gateway', 'my-alb-gateway').status.listeners!.map((l) => [l.name, l.attachedRoutes])).toEqual([
      ['http', 1],
      ['https', 1],
    ]);
    expect(brief(find(items, 'HTTPRoute', 'http-route-blue').status.parents![0]!.conditions)).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=True/Accepted']);
  });

  it('listenersets: conflicts, a rejected set and the attached-set count', () => {
    const items = explainYaml('listenersets');
    expect(find(items, 'Gateway', 'my-gateway').status.attachedListenerSets).toBe(1);
    expect(brief(find(items, 'ListenerSet', 'late-listeners').status.conditions)).toEqual(['Accepted=False/ListenersNotValid', 'Programmed=False/Pending']);
    expect(find(items, 'ListenerSet', 'late-listeners').status.listeners!.map((l) => l.conditions[0]!.reason)).toEqual(['HostnameConflict', 'ProtocolConflict']);
    expect(brief(find(items, 'ListenerSet', 'backend-listeners').status.conditions)).toEqual(['Accepted=False/NotAllowed', 'Programmed=False/NotAllowed']);
    expect(items.find((i) => i.kind === 'HTTPRoute' && i.metadata.name === 'api-route')).toBeUndefined();
  });

  it('misconfigured-service: BackendNotFound and RefNotPermitted on the ALB routes', () => {
    const items = explainYaml('misconfigured-service');
    expect(brief(find(items, 'HTTPRoute', 'my-http-app-route').status.parents![0]!.conditions)).toEqual(['ResolvedRefs=False/BackendNotFound', 'Accepted=True/Accepted']);
    expect(find(items, 'HTTPRoute', 'my-http-app-route').status.parents![0]!.conditions[0]!.message).toBe('Unable to find service port for port 9000');
    expect(brief(find(items, 'HTTPRoute', 'other-team-route').status.parents![0]!.conditions)).toEqual(['ResolvedRefs=False/RefNotPermitted', 'Accepted=True/Accepted']);
    expect(find(items, 'TCPRoute', 'my-tcp-app-route').status.parents![0]!.conditions[0]!.message).toBe('Service (example-ns:my-tcp-service) not found)');
  });

  it('text view explains unhealthy conditions with codes, and selects one object', () => {
    const r = gwlb(['explain', '-f', 'examples/misconfigured-service', 'httproute/example-ns/my-http-app-route']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Gateway example-ns/my-alb-gateway');
    expect(r.stdout).toContain('HTTPRoute example-ns/my-http-app-route via http');
    expect(r.stdout).toContain('ResolvedRefs=False (BackendNotFound) Unable to find service port for port 9000');
    expect(r.stdout).toContain('GWLB273');
    expect(r.stdout).not.toContain('other-team-route');
  });

  it('json output and an unknown selector', () => {
    const json = gwlb(['explain', '-f', 'examples/nlb-tcp', '-o', 'json', 'gateway/default/my-gateway']);
    expect(JSON.parse(json.stdout).items.map((i: Item) => i.kind)).toEqual(['Gateway']);
    const missing = gwlb(['explain', '-f', 'examples/nlb-tcp', 'gateway/default/nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no gateway\/default\/nope with a status/);
  });
});
