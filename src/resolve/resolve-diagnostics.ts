/**
 * gwlb's own diagnostics for what resolve found (codes GWLB2xx). They name the object and field
 * and say what to change; where LBC would write no status at all, they are the only signal.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { formatPath } from '../diagnostics.js';
import { nsName, refOf, type KubeObject } from '../source/kube.js';
import type { GatewayWork } from './gateway.js';
import { isDryRun } from './statuses.js';

function at(object: KubeObject, path: readonly (string | number)[], severity: Severity, code: string, message: string): Diagnostic {
  return { severity, code, message, location: object.origin.locate(path), object: refOf(object), path: formatPath(path) };
}

export function gatewayDiagnostics(work: GatewayWork): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { gateway, fatal, listeners, rejectedListenerSets, ports, loadBalancerType } = work.resolution;
  const gw = nsName(gateway);
  if (fatal && work.fatalAt) {
    const { object, path } = work.fatalAt;
    switch (fatal.kind) {
      case 'config':
        out.push(at(object, path, 'error', 'GWLB203', `Gateway ${gw} cannot be reconciled: ${fatal.message}; LBC sets Accepted=False/Invalid and retries`));
        break;
      case 'loader':
        out.push(at(object, path, 'error', 'GWLB204', `Gateway ${gw} fails to load its routes: ${fatal.message}; LBC sets Accepted=False/ListenersNotValid and programs nothing`));
        break;
      case 'silent':
        out.push(at(object, path, 'error', 'GWLB205', `${fatal.message}: LBC retries Gateway ${gw} forever and writes no status anywhere; lower the weight to 999 or less`));
        break;
    }
  }
  if (!fatal && isDryRun(gateway, work.resolution.controllerName)) {
    out.push(at(gateway, ['metadata', 'annotations'], 'info', 'GWLB213', `Gateway ${gw} has gateway.k8s.aws/dry-run: "true" and no ${work.resolution.controllerName} finalizer: LBC writes the stack to the gateway.k8s.aws/dry-run-plan annotation (what gwlb model prints) and provisions nothing`));
  }
  for (const l of listeners) {
    if (l.valid) continue;
    out.push(at(l.owner, ['spec', 'listeners', l.index], 'warning', 'GWLB206', `listener ${l.listener.name} of ${l.owner.kind} ${nsName(l.owner)} is not programmed: ${l.reason}: ${l.message}`));
  }
  for (const set of rejectedListenerSets) {
    out.push(at(set, ['spec', 'parentRef'], 'warning', 'GWLB211', `ListenerSet ${nsName(set)} is rejected by Gateway ${gw}: spec.allowedListeners.namespaces.from is ${gateway.spec.allowedListeners.namespaces.from}; allow its namespace on the Gateway`));
  }
  for (const loaded of work.routes) {
    const { route, parents } = loaded.attachment;
    for (let i = 0; i < parents.length; i++) {
      const outcome = parents[i]!;
      if (outcome.kind === 'attached' && loaded.attachment.onValidListener) continue; // the usual case: nothing to say
      const path = ['spec', 'parentRefs', i];
      const ref = route.spec.parentRefs[i]!;
      if (outcome.kind === 'failed') {
        out.push(at(route, path, 'warning', 'GWLB207', `${route.kind} ${nsName(route)} is not attached to Gateway ${gw}: ${outcome.reason}: ${outcome.message}`));
      } else if (outcome.kind === 'attached' && !loaded.attachment.onValidListener) {
        out.push(at(route, path, 'warning', 'GWLB208', `${route.kind} ${nsName(route)} attaches to Gateway ${gw} only through invalid listeners: it is not programmed and LBC writes no status for this parentRef`));
      } else if (outcome.kind === 'ignored' && ref.kind === 'ListenerSet') {
        const ns = ref.namespace ?? route.metadata.namespace;
        if (rejectedListenerSets.some((s) => s.metadata.name === ref.name && s.metadata.namespace === ns)) {
          out.push(at(route, path, 'warning', 'GWLB210', `${route.kind} ${nsName(route)} refers to ListenerSet ${ns}/${ref.name}, which Gateway ${gw} rejected: the route is not programmed and gets no status`));
        }
      }
    }
    for (const w of loaded.warnings) {
      out.push(at(route, w.path, 'warning', 'GWLB209', `${route.kind} ${nsName(route)}: ${w.reason}: ${w.message}`));
    }
  }
  if (loadBalancerType === 'network') {
    for (const port of ports) {
      if (port.routes.length < 2 || !port.l4Route) continue;
      const ignored = port.routes.filter((r) => r !== port.l4Route).map((r) => `${r.route.kind} ${nsName(r.route)}`);
      out.push(at(gateway, ['spec', 'listeners'], 'info', 'GWLB212', `port ${port.port} of Gateway ${gw} has ${port.routes.length} routes; LBC uses only the oldest, ${port.l4Route.route.kind} ${nsName(port.l4Route.route)}; ${ignored.join(', ')} get no traffic`));
    }
  }
  return out;
}
