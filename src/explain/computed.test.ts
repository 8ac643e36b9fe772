import { describe, expect, it } from 'vitest';
import { ALB_CLASS, resolveYaml } from '../../test/helpers/manifests.js';
import { computedConditionFindings } from './computed.js';

const YAML = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: tcp, namespace: ns}
spec: {gatewayClassName: nlb, listeners: [{name: a, port: 5432, protocol: TCP}, {name: c, port: 6000, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: db, namespace: ns}
spec: {parentRefs: [{name: tcp, sectionName: a}], rules: [{backendRefs: [{name: missing, port: 5432}]}]}
`;

describe("gwlb's unhealthy conditions as findings", () => {
  it('one finding per reason in each scope; a route parent on an NLB is marked so its explanation fits', () => {
    const resolution = resolveYaml(YAML);
    const found = computedConditionFindings(resolution.statuses, { gateways: resolution.gateways }).map((f) =>
      f.kind === 'condition' ? `${f.object.kind}/${f.object.name} ${f.scope.at === 'listener' ? f.scope.name : f.scope.at} ${f.condition.type}=${f.condition.status}/${f.condition.reason}${f.network ? ' nlb' : ''}` : f.kind,
    );
    // Listener c: UnsupportedProtocol makes Accepted and Programmed False for one cause — one finding.
    expect(found).toEqual([
      'Gateway/tcp object Accepted=True/ListenersNotValid',
      'Gateway/tcp object Programmed=Unknown/Pending',
      'Gateway/tcp a Programmed=False/Pending',
      'Gateway/tcp c Accepted=False/UnsupportedProtocol',
      'TCPRoute/db parent ResolvedRefs=False/BackendNotFound nlb',
    ]);
  });
});
