/**
 * Deterministic synthetic input for benchmarks: G ALB Gateways across namespaces, R HTTPRoutes
 * spread over them, each with a few rules, matches and hostnames, and the Services they use.
 */

export interface Scale {
  readonly gateways: number;
  readonly routes: number;
  /** Rules per route. */
  readonly rulesPerRoute: number;
  /**
   * One match per rule and routes on the HTTP listener only: each route rule becomes exactly one
   * ALB rule, so 25 routes x 4 rules per Gateway stay within AWS's 100 rules per load balancer
   * and every stack builds. Otherwise each rule has two matches and routes attach to both
   * listeners (more work for resolve, but over the ALB rule quota).
   */
  readonly withinAlbQuota?: boolean;
  /**
   * ClusterIP Services (no nodePort): an API server cannot hold 5,000 NodePort Services, as the
   * default node-port range (30000-32767) has 2,768 ports.
   */
  readonly clusterIpServices?: boolean;
}

export function generateManifests(scale: Scale): string {
  const docs: string[] = [
    `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: bench-alb
spec:
  controllerName: gateway.k8s.aws/alb`,
  ];
  for (let g = 0; g < scale.gateways; g++) {
    docs.push(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw-${g}
  namespace: team-${g % 20}
spec:
  gatewayClassName: bench-alb
  listeners:
    - name: http
      port: 80
      protocol: HTTP
    - name: https
      port: 443
      protocol: HTTPS
      hostname: "*.example.com"`);
  }
  for (let r = 0; r < scale.routes; r++) {
    const g = r % scale.gateways;
    const ns = `team-${g % 20}`;
    const rules: string[] = [];
    for (let i = 0; i < scale.rulesPerRoute; i++) {
      const second = scale.withinAlbQuota
        ? ''
        : `
        - path:
            type: Exact
            value: /svc-${r}/v${i}/health
          headers:
            - name: x-tenant
              value: t${i}`;
      rules.push(`    - matches:
        - path:
            type: PathPrefix
            value: /svc-${r}/v${i}${second}
      backendRefs:
        - name: svc-${r}
          port: 80`);
    }
    docs.push(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-${r}
  namespace: ${ns}
spec:
  parentRefs:
    - name: gw-${g}${scale.withinAlbQuota ? '\n      sectionName: http' : ''}
  hostnames:
    - app-${r % 50}.example.com
  rules:
${rules.join('\n')}`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${r}
  namespace: ${ns}
spec:
${
  scale.clusterIpServices
    ? `  type: ClusterIP
  ports:
    - port: 80
      targetPort: 8080`
    : `  type: NodePort
  ports:
    - port: 80
      targetPort: 8080
      nodePort: ${30000 + (r % 2000)}`
}`);
  }
  return docs.join('\n---\n') + '\n';
}

export function doubled(scale: Scale): Scale {
  return { ...scale, gateways: scale.gateways * 2, routes: scale.routes * 2 };
}
