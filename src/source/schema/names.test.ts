import { describe, expect, it } from 'vitest';
import { loadTexts } from '../load.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './names.js';

// The API server's messages, verbatim (k8s.io/apimachinery/pkg/util/validation/validation.go).
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('Kubernetes name rules', () => {
  it.each<[string, string[]]>([
    ['example.com', []],
    ['a', []],
    ['0-a.b-9', []],
    ['a'.repeat(253), []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    ['Example.com', [SUBDOMAIN]],
    ['a_b', [SUBDOMAIN]],
    ['-a', [SUBDOMAIN]],
    ['a.', [SUBDOMAIN]],
    ['a..b', [SUBDOMAIN]],
    ['A'.repeat(254), ['must be no more than 253 characters', SUBDOMAIN]],
  ])('subdomain %j', (value, errors) => expect(isDNS1123Subdomain(value)).toEqual(errors));

  it.each<[string, string[]]>([
    ['kube-system', []],
    ['123', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['a.b', ['must not contain dots']],
    ['Team-A', [LABEL]],
    ['a-', [LABEL]],
  ])('label %j', (value, errors) => expect(isDNS1123Label(value)).toEqual(errors));

  it.each<[string, string[]]>([
    ['my-svc', []],
    ['a'.repeat(63), []],
    ['1svc', [DNS1035]],
    ['my.svc', [DNS1035]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('DNS-1035 label %j', (value, errors) => expect(isDNS1035Label(value)).toEqual(errors));
});

function object(apiVersion: string, kind: string, metadata: string): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${metadata}\n`;
}

const GW = 'gateway.networking.k8s.io/v1';
const LBC = 'gateway.k8s.aws/v1beta1';

// Which rule each kind's name follows, and that namespaces are always DNS-1123 labels.
describe('metadata.name and metadata.namespace are checked per kind', () => {
  it.each<[string, string, string, string | undefined]>([
    [GW, 'Gateway', '{name: web.example.com}', undefined],
    [GW, 'HTTPRoute', '{name: My_Route}', `metadata.name: invalid HTTPRoute name "My_Route": ${SUBDOMAIN}`],
    [GW, 'GatewayClass', '{name: ALB}', `metadata.name: invalid GatewayClass name "ALB": ${SUBDOMAIN}`],
    [LBC, 'TargetGroupConfiguration', '{name: tg.a}', undefined],
    [LBC, 'LoadBalancerConfiguration', '{name: -lbc}', `metadata.name: invalid LoadBalancerConfiguration name "-lbc": ${SUBDOMAIN}`],
    ['v1', 'Service', '{name: 1svc}', `metadata.name: invalid Service name "1svc": ${DNS1035}`],
    ['v1', 'Service', '{name: svc.a}', `metadata.name: invalid Service name "svc.a": ${DNS1035}`],
    ['v1', 'Service', `{name: ${'s'.repeat(64)}}`, `metadata.name: invalid Service name "${'s'.repeat(64)}": must be no more than 63 characters`],
    ['v1', 'Secret', '{name: tls.example.com}', undefined],
    ['v1', 'Secret', '{name: Tls}', `metadata.name: invalid Secret name "Tls": ${SUBDOMAIN}`],
    ['discovery.k8s.io/v1', 'EndpointSlice', '{name: svc-abc12}', undefined],
    ['v1', 'Node', '{name: ip-10-0-0-1.ec2.internal}', undefined],
    ['v1', 'Namespace', '{name: team.a}', 'metadata.name: invalid Namespace name "team.a": must not contain dots'],
    [GW, 'Gateway', '{name: gw, namespace: Team_A}', `metadata.namespace: invalid namespace "Team_A" for Gateway "gw": ${LABEL}`],
    ['v1', 'Service', `{name: s, namespace: ${'n'.repeat(64)}}`, `metadata.namespace: invalid namespace "${'n'.repeat(64)}" for Service "s": must be no more than 63 characters`],
    // The API server clears the namespace of a cluster-scoped object instead of checking it.
    [GW, 'GatewayClass', '{name: alb, namespace: Not_Checked}', undefined],
    [GW, 'Gateway', '{name: gw, namespace: 7}', 'metadata.namespace: must be a string, got number 7'],
  ])('%s %s %s', (apiVersion, kind, metadata, error) => {
    const r = loadTexts([{ file: 'in.yaml', text: object(apiVersion, kind, metadata) }]);
    const nameErrors = r.diagnostics.filter((d) => d.path?.startsWith('metadata')).map((d) => `${d.path}: ${d.message}`);
    expect(nameErrors).toEqual(error === undefined ? [] : [error]);
  });

  it('an invalid name rejects the object with one located GWLB108, naming the object', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  namespace: apps\n  name: Web_Frontend\nspec: {ports: [{port: 80}]}\n`;
    const r = loadTexts([{ file: 'in.yaml', text }]);
    expect(r.snapshot.services).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'GWLB108',
      location: { file: 'in.yaml', line: 5, column: 9 },
      object: { kind: 'Service', namespace: 'apps', name: 'Web_Frontend' },
      path: 'metadata.name',
    });
  });

  it('a name both too long and malformed gets both messages in one diagnostic, the name shortened', () => {
    const name = 'A'.repeat(100_000);
    const r = loadTexts([{ file: 'in.yaml', text: object('v1', 'Secret', `{name: ${name}}`) }]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toBe(`invalid Secret name "${'A'.repeat(60)}…(99920 characters)…${'A'.repeat(20)}": must be no more than 253 characters; ${SUBDOMAIN}`);
  });
});
