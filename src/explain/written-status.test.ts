import { describe, expect, it } from 'vitest';
import { ALB_CLASS, load, service } from '../../test/helpers/manifests.js';
import { resolve } from '../resolve/index.js';
import { DEFAULT_CONTROLLER_NAMES } from '../resolve/types.js';
import { writtenLoadBalancerStates } from './written-lb-states.js';
import { writtenStatusFindings } from './written-status.js';

const c = (type: string, status: string, reason: string, observedGeneration = 1, message = '') => `{type: ${type}, status: "${status}", reason: ${reason}, message: "${message}", observedGeneration: ${observedGeneration}}`;
const LISTENER = `[${c('Conflicted', 'False', 'NoConflicts')}, ${c('Accepted', 'True', 'Accepted')}, ${c('ResolvedRefs', 'True', 'ResolvedRefs')}, ${c('Programmed', 'True', 'Programmed')}]`;
const PROGRAMMED = `status: {conditions: [${c('Accepted', 'True', 'Accepted')}, ${c('Programmed', 'True', 'Programmed', 1, 'arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/x/1')}], listeners: [{name: http, attachedRoutes: 1, supportedKinds: [], conditions: ${LISTENER}}]}`;

function gateway(extra = '', status = PROGRAMMED, generation = 1): string {
  return `\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web, namespace: ns, generation: ${generation}${extra}}\nspec: {gatewayClassName: alb, listeners: [{name: http, port: 80, protocol: HTTP}]}\n${status}\n`;
}

function route(status: string, generation = 1): string {
  return `\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: ns, generation: ${generation}}\nspec: {parentRefs: [{name: web}], rules: [{backendRefs: [{name: s, port: 80}]}]}\n${status}\n`;
}

const parent = (controller: string, accepted: string) => `status: {parents: [{parentRef: {group: gateway.networking.k8s.io, kind: Gateway, name: web}, controllerName: ${controller}, conditions: [${c('ResolvedRefs', 'True', 'ResolvedRefs')}, ${accepted}]}]}`;

/** The findings as `kind scope` lines: what each case is about. */
function findings(yaml: string): string[] {
  const { snapshot } = load(ALB_CLASS.replace(/metadata: \{name: (alb|nlb)\}/g, 'metadata: {name: $1, finalizers: [gateway.k8s.aws/gatewayclass]}') + service('s') + yaml);
  const resolution = resolve(snapshot, { controllerNames: DEFAULT_CONTROLLER_NAMES, listenerSets: true, loadBalancerStates: writtenLoadBalancerStates(snapshot) });
  return writtenStatusFindings(snapshot, resolution, DEFAULT_CONTROLLER_NAMES).map((f) => {
    const scope = 'scope' in f ? (f.scope.at === 'object' ? '' : f.scope.at === 'listener' ? ` listener ${f.scope.name}` : ` ${f.scope.parent}`) : '';
    const detail = f.kind === 'status-differs' ? ` ${f.type} ${f.lbc?.reason ?? '-'}→${f.gwlb?.reason ?? '-'}` : f.kind === 'status-unknown' ? ` ${f.type} ${f.reason ?? ''}` : f.kind === 'status-not-written' ? ` ${f.finalizer ?? 'no finalizer'}` : '';
    return `${f.kind} ${f.object.kind}/${f.object.name}${scope}${detail}`;
  });
}

describe('the status LBC wrote beside the status gwlb computes', () => {
  it('equal statuses: no finding', () => {
    expect(findings(gateway() + route(parent('gateway.k8s.aws/alb', c('Accepted', 'True', 'Accepted'))))).toEqual([]);
  });

  it('no status at all: not written, and the finalizer says whether LBC took the Gateway', () => {
    expect(findings(gateway('', '') + route(''))).toEqual(['status-not-written Gateway/web no finalizer', 'status-not-written HTTPRoute/r no finalizer']);
    expect(findings(gateway(', finalizers: [gateway.k8s.aws/alb]', '') + route(parent('gateway.k8s.aws/alb', c('Accepted', 'True', 'Accepted'))))).toEqual(['status-not-written Gateway/web gateway.k8s.aws/alb']);
  });

  it('only the API server defaults (Waiting for controller) count as not written', () => {
    const defaults = 'status: {conditions: [{type: Accepted, status: Unknown, reason: Pending, message: Waiting for controller}, {type: Programmed, status: Unknown, reason: Pending, message: Waiting for controller}]}';
    expect(findings(gateway('', defaults))).toEqual(['status-not-written Gateway/web no finalizer']);
  });

  it('a GatewayClass LBC never processed (no finalizer, no Accepted from LBC): said once, on the class', () => {
    const { snapshot } = load(ALB_CLASS + gateway());
    const resolution = resolve(snapshot, { controllerNames: DEFAULT_CONTROLLER_NAMES, listenerSets: true, loadBalancerStates: writtenLoadBalancerStates(snapshot) });
    expect(writtenStatusFindings(snapshot, resolution, DEFAULT_CONTROLLER_NAMES)).toEqual([{ kind: 'status-not-written', object: { kind: 'GatewayClass', namespace: '', name: 'alb' } }]);
  });

  it('dry-run: LBC writes no Gateway status, so its absence is no finding', () => {
    expect(findings(gateway(', annotations: {gateway.k8s.aws/dry-run: "true"}', ''))).toEqual([]);
  });

  it('route parents only from another controller', () => {
    expect(findings(gateway() + route(parent('example.com/other', c('Accepted', 'True', 'Accepted'))))).toEqual(['status-other-controller HTTPRoute/r']);
  });

  it('stale: observedGeneration behind metadata.generation, reported instead of the differences it causes', () => {
    expect(findings(gateway() + route(parent('gateway.k8s.aws/alb', c('Accepted', 'False', 'NotAllowedByListeners')), 2))).toEqual(['status-stale HTTPRoute/r Gateway ns/web']);
  });

  it('a condition type or reason LBC v3.5.0 never writes', () => {
    const status = `status: {conditions: [${c('Accepted', 'True', 'Accepted')}, ${c('Programmed', 'True', 'Programmed')}, ${c('Ready', 'True', 'Ready')}], listeners: [{name: http, conditions: [${c('Conflicted', 'False', 'NoConflicts')}, ${c('Accepted', 'True', 'Listening')}, ${c('ResolvedRefs', 'True', 'ResolvedRefs')}, ${c('Programmed', 'True', 'Programmed')}]}]}`;
    expect(findings(gateway('', status))).toEqual(['status-unknown Gateway/web Ready ', 'status-unknown Gateway/web listener http Accepted Listening']);
  });

  it("a Gateway LBC fails: the listener statuses it leaves from before are not compared", () => {
    const failing = gateway('', PROGRAMMED).replace('spec: {', 'spec: {infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: missing}}, ');
    expect(findings(failing)).toEqual(['status-differs Gateway/web Accepted Accepted→Invalid']);
  });

  it('a ListenerSet: its conditions and listeners are compared like a Gateway\'s', () => {
    const gw = gateway().replace('spec: {', 'spec: {allowedListeners: {namespaces: {from: Same}}, ');
    const set = `\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata: {name: extra, namespace: ns}\nspec: {parentRef: {name: web}, listeners: [{name: alt, port: 8080, protocol: HTTP}]}\nstatus: {conditions: [${c('Accepted', 'True', 'Accepted')}, ${c('Programmed', 'False', 'Pending')}], listeners: [{name: alt, conditions: ${LISTENER}}]}\n`;
    expect(findings(gw + set)).toEqual(['status-differs ListenerSet/extra Programmed Pending→Programmed']);
  });

  it('differences: a condition, a listener only one side has, a route parent LBC has not written', () => {
    const status = `status: {conditions: [${c('Accepted', 'True', 'ListenersNotValid')}, ${c('Programmed', 'True', 'Programmed')}], listeners: [{name: old, conditions: ${LISTENER}}]}`;
    expect(findings(gateway('', status) + route('status: {parents: []}'))).toEqual([
      'status-differs Gateway/web Accepted ListenersNotValid→Accepted',
      'status-entry-missing Gateway/web listener http',
      'status-entry-missing Gateway/web listener old',
      'status-not-written HTTPRoute/r no finalizer',
    ]);
  });
});
