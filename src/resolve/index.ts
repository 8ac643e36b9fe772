/**
 * resolve: Snapshot → Resolution. Pure. Decides, as LBC v3.5.0 does, which Gateways are ours,
 * which listeners are valid, which routes attach where, and the status LBC would write.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Gateway, GatewayClass } from '../source/gateway-api.js';
import { nsName } from '../source/kube.js';
import { syntheticOrigin } from '../source/origin.js';
import { closestName } from './closest-name.js';
import type { Snapshot } from '../source/snapshot.js';
import { classLbConfig } from './config.js';
import { resolveGateway, type GatewayWork } from './gateway.js';
import { gatewayDiagnostics } from './resolve-diagnostics.js';
import { indexSnapshot } from './snapshot-index.js';
import { gatewayClassConditions } from './status.js';
import { collectStatuses } from './statuses.js';
import { DEFAULT_RESOLVE_OPTIONS, type LoadBalancerType, type ObjectStatus, type Resolution, type ResolveOptions, type UnhandledGateway } from './types.js';

export * from './types.js';

function lbTypeOf(gatewayClass: GatewayClass, options: ResolveOptions): LoadBalancerType | undefined {
  if (gatewayClass.spec.controllerName === options.controllerNames.alb) return 'application';
  if (gatewayClass.spec.controllerName === options.controllerNames.nlb) return 'network';
  return undefined;
}

function classStatus(gatewayClass: GatewayClass, snapshot: Snapshot): ObjectStatus {
  const ref = gatewayClass.spec.parametersRef;
  let error: { reason: 'InvalidParametersRef' | 'NotFound'; message: string } | undefined;
  if (ref && !ref.namespace) {
    error = { reason: 'InvalidParametersRef', message: 'Namespace must be specified in ParametersRef for LoadBalancerConfiguration' };
  } else if (ref && classLbConfig(gatewayClass, snapshot).error) {
    error = { reason: 'NotFound', message: `LoadBalancerConfiguration (${ref.name},${ref.namespace}) not found` };
  }
  return {
    object: { kind: 'GatewayClass', namespace: '', name: gatewayClass.metadata.name },
    apiVersion: gatewayClass.apiVersion,
    status: { kind: 'GatewayClass', conditions: gatewayClassConditions(error, gatewayClass.metadata.generation) },
  };
}

function skippedAt(gateway: Gateway): Pick<Diagnostic, 'location' | 'object' | 'path'> {
  return {
    location: gateway.origin.locate(['spec', 'gatewayClassName']),
    object: { kind: 'Gateway', namespace: gateway.metadata.namespace, name: gateway.metadata.name },
    path: 'spec.gatewayClassName',
  };
}

/** A class named in the `gatewayClasses` setting: in the cluster, accepted, no parametersRef. */
function classFromSettings(name: string, controllerName: string): GatewayClass {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { namespace: '', name, generation: 1, labels: {}, annotations: {}, finalizers: [] },
    spec: { controllerName },
    origin: syntheticOrigin('settings: gatewayClasses'),
  };
}

export function resolve(snapshot: Snapshot, options: ResolveOptions = DEFAULT_RESOLVE_OPTIONS): Resolution {
  const diagnostics: Diagnostic[] = [];
  const works: GatewayWork[] = [];
  const unhandled: UnhandledGateway[] = [];
  const index = indexSnapshot(snapshot);
  const configured = options.gatewayClasses ?? {};
  const knownNames = [...new Set([...snapshot.gatewayClasses.map((c) => c.metadata.name), ...Object.keys(configured)])];
  for (const gateway of snapshot.gateways) {
    if (options.only && !options.only.has(nsName(gateway))) continue;
    const className = gateway.spec.gatewayClassName;
    const controller = configured[className];
    const gatewayClass = snapshot.gatewayClasses.find((c) => c.metadata.name === className) ?? (controller !== undefined ? classFromSettings(className, controller) : undefined);
    const ref = { kind: 'Gateway', namespace: gateway.metadata.namespace, name: gateway.metadata.name };
    if (!gatewayClass) {
      // A warning, not an info: a misspelt class silently leaves the Gateway without a load balancer.
      const suggestion = closestName(className, knownNames);
      unhandled.push({ reason: 'class-missing', gateway: ref, className, ...(suggestion !== undefined ? { suggestion } : {}) });
      const hint = suggestion !== undefined ? ` Did you mean ${suggestion}?` : '';
      diagnostics.push({
        severity: 'warning',
        code: 'GWLB201',
        message: `GatewayClass ${className} is neither in the input nor in the gatewayClasses setting; LBC ignores Gateway ${nsName(gateway)} until the class exists, and gwlb leaves its AWS resources as they are.${hint} Add the GatewayClass to the input, or, if it exists in the cluster, name it with its controllerName in the settings file (gatewayClasses: {${className}: ${options.controllerNames.alb}})`,
        ...skippedAt(gateway),
      });
      continue;
    }
    const lbType = lbTypeOf(gatewayClass, options);
    if (!lbType) {
      unhandled.push({ reason: 'other-controller', gateway: ref, className, controllerName: gatewayClass.spec.controllerName });
      diagnostics.push({
        severity: 'info',
        code: 'GWLB202',
        message: `GatewayClass ${className} belongs to controller ${gatewayClass.spec.controllerName}, not to LBC (${options.controllerNames.alb}, ${options.controllerNames.nlb}); gwlb ignores Gateway ${nsName(gateway)}`,
        ...skippedAt(gateway),
      });
      continue;
    }
    const work = resolveGateway(gateway, gatewayClass, lbType, gatewayClass.spec.controllerName, index, options.listenerSets);
    works.push(work);
    diagnostics.push(...gatewayDiagnostics(work));
  }

  const ourClasses = snapshot.gatewayClasses.filter((c) => lbTypeOf(c, options) !== undefined);
  const statuses: ObjectStatus[] = [...ourClasses.map((c) => classStatus(c, snapshot)), ...collectStatuses(works, snapshot, options)];
  return { gateways: works.map((w) => w.resolution), statuses, diagnostics, ...(unhandled.length > 0 ? { unhandled } : {}) };
}
