/**
 * resolve: Snapshot → Resolution. Pure. Decides, as LBC v3.5.0 does, which Gateways are ours,
 * which listeners are valid, which routes attach where, and the status LBC would write.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Gateway, GatewayClass } from '../source/gateway-api.js';
import { nsName } from '../source/kube.js';
import type { Snapshot } from '../source/snapshot.js';
import { classLbConfig } from './config.js';
import { resolveGateway, type GatewayWork } from './gateway.js';
import { gatewayDiagnostics } from './resolve-diagnostics.js';
import { indexSnapshot } from './snapshot-index.js';
import { gatewayClassConditions } from './status.js';
import { collectStatuses } from './statuses.js';
import { DEFAULT_RESOLVE_OPTIONS, type LoadBalancerType, type ObjectStatus, type Resolution, type ResolveOptions } from './types.js';

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

function skippedGateway(gateway: Gateway, why: string): Diagnostic {
  return {
    severity: 'info',
    code: 'GWLB201',
    message: why,
    location: gateway.origin.locate(['spec', 'gatewayClassName']),
    object: { kind: 'Gateway', namespace: gateway.metadata.namespace, name: gateway.metadata.name },
    path: 'spec.gatewayClassName',
  };
}

export function resolve(snapshot: Snapshot, options: ResolveOptions = DEFAULT_RESOLVE_OPTIONS): Resolution {
  const diagnostics: Diagnostic[] = [];
  const works: GatewayWork[] = [];
  const index = indexSnapshot(snapshot);
  for (const gateway of snapshot.gateways) {
    const className = gateway.spec.gatewayClassName;
    const gatewayClass = snapshot.gatewayClasses.find((c) => c.metadata.name === className);
    if (!gatewayClass) {
      diagnostics.push(skippedGateway(gateway, `GatewayClass ${className} is not in the input; LBC ignores Gateway ${nsName(gateway)} until it exists`));
      continue;
    }
    const lbType = lbTypeOf(gatewayClass, options);
    if (!lbType) {
      diagnostics.push(
        skippedGateway(gateway, `GatewayClass ${className} belongs to controller ${gatewayClass.spec.controllerName}, not to LBC (${options.controllerNames.alb}, ${options.controllerNames.nlb}); gwlb ignores Gateway ${nsName(gateway)}`),
      );
      continue;
    }
    const work = resolveGateway(gateway, gatewayClass, lbType, gatewayClass.spec.controllerName, index, options.listenerSets);
    works.push(work);
    diagnostics.push(...gatewayDiagnostics(work));
  }

  const ourClasses = snapshot.gatewayClasses.filter((c) => lbTypeOf(c, options) !== undefined);
  const statuses: ObjectStatus[] = [...ourClasses.map((c) => classStatus(c, snapshot)), ...collectStatuses(works, snapshot, options)];
  return { gateways: works.map((w) => w.resolution), statuses, diagnostics };
}
