/** Test helpers: YAML text → Snapshot → Resolution through the real loader and resolver. */
import { loadTexts } from '../../src/source/load.js';
import type { LoadResult } from '../../src/source/snapshot.js';
import { resolve } from '../../src/resolve/index.js';
import type { ComputedStatus, Resolution, ResolveOptions } from '../../src/resolve/types.js';
import { DEFAULT_RESOLVE_OPTIONS } from '../../src/resolve/types.js';

export function load(yamlText: string, file = 'test.yaml'): LoadResult {
  const result = loadTexts([{ file, text: yamlText }]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('GWLB2'));
  if (errors.length > 0) throw new Error(`fixture does not load: ${errors.map((e) => `${e.code} ${e.message} (${e.path ?? ''})`).join('; ')}`);
  return result;
}

export function resolveYaml(yamlText: string, options: Partial<ResolveOptions> = {}): Resolution {
  return resolve(load(yamlText).snapshot, { ...DEFAULT_RESOLVE_OPTIONS, ...options });
}

export function statusOf(resolution: Resolution, kind: string, namespace: string, name: string): ComputedStatus | undefined {
  return resolution.statuses.find((s) => s.object.kind === kind && s.object.namespace === namespace && s.object.name === name)?.status;
}

/** `Type=Status/Reason` for compact assertions. */
export function brief(conditions: readonly { type: string; status: string; reason: string }[]): string[] {
  return conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);
}

export const ALB_CLASS = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: nlb}
spec: {controllerName: gateway.k8s.aws/nlb}
`;

export function service(name: string, namespace = 'ns', port = 80): string {
  return `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  type: NodePort
  ports: [{port: ${port}, targetPort: 8080, nodePort: 30000}]
`;
}
