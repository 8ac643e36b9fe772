/**
 * What a route's conditions do not say but its traffic depends on, on an NLB: which of several
 * L4 routes on one port LBC uses (model_build_listener.go `pickOneL4Route`: oldest
 * creationTimestamp in milliseconds, then `namespace/name`), and that a port whose route has no
 * usable backend gets no listener at all (`buildL4ListenerSpec` "Skipping listener creation due to
 * no backend references"; `buildL4TargetGroupTuples`: all weights 0 likewise).
 */
import type { ObjectRef } from '../../diagnostics.js';
import { creationMillis, nsName } from '../../source/kube.js';
import type { AttachedRoute, GatewayResolution, PortResolution } from '../../resolve/types.js';
import type { Explanation } from './explanations.js';

const L4_KINDS = new Set(['TCPRoute', 'UDPRoute', 'TLSRoute']);

function same(a: AttachedRoute, ref: ObjectRef): boolean {
  return a.route.kind === ref.kind && a.route.metadata.namespace === ref.namespace && a.route.metadata.name === ref.name;
}

function name(a: AttachedRoute): string {
  return `${a.route.kind} ${nsName(a.route)}`;
}

/** Why `winner` is picked over `loser`, in pickOneL4Route's terms. */
function whyPicked(winner: AttachedRoute, loser: AttachedRoute): string {
  const w = winner.route.metadata.creationTimestamp;
  const l = loser.route.metadata.creationTimestamp;
  if (creationMillis(winner.route) !== creationMillis(loser.route)) return `it is older (created ${w ?? 'at time zero: no creationTimestamp'} vs ${l ?? 'no creationTimestamp'})`;
  const when = w === undefined ? 'neither has a creationTimestamp in the input' : `both were created at ${w}`;
  return `${when}, and ${nsName(winner.route)} sorts before ${nsName(loser.route)}`;
}

function usableBackends(a: AttachedRoute): number {
  return a.rules.flatMap((r) => r.backends).filter((b) => b.weight > 0).length;
}

function portHints(port: PortResolution, ref: ObjectRef): Explanation[] {
  const me = port.routes.find((a) => same(a, ref));
  const winner = port.l4Route;
  if (!me || !winner) return [];
  if (winner !== me) {
    return [
      {
        code: 'GWLB295',
        text: `Port ${port.port}: LBC uses ${name(winner)}, not this route, because ${whyPicked(winner, me)}. An NLB listener has one default action, so this route stays Accepted but gets no traffic; give it its own listener port.`,
      },
    ];
  }
  const out: Explanation[] = [];
  const others = port.routes.filter((a) => a !== me);
  if (others.length > 0) {
    const one = others.length === 1;
    out.push({
      code: 'GWLB295',
      text: `Port ${port.port}: LBC uses this route; ${others.map(name).join(', ')} ${one ? 'is' : 'are'} attached to the same port too and ${one ? 'gets' : 'get'} no traffic (LBC uses the oldest route, then the first by namespace/name).`,
    });
  }
  if (usableBackends(me) === 0) {
    out.push({
      code: 'GWLB296',
      text: `Port ${port.port}: no listener is created at all, because this route has no usable backend (missing, or weight 0); the NLB refuses connections on the port rather than answering them. Fix the backendRefs and LBC creates the listener.`,
    });
  }
  return out;
}

/** Hints for one route under Gateway `g`; empty on an ALB. */
export function routeHints(g: GatewayResolution, ref: ObjectRef): Explanation[] {
  if (g.loadBalancerType !== 'network' || !L4_KINDS.has(ref.kind)) return [];
  return g.ports.flatMap((p) => portHints(p, ref));
}

/** BackendNotFound on an NLB route: the backend is dropped and nothing answers in its place. */
export function nlbBackendNotFound(): Explanation {
  return {
    code: 'GWLB273',
    text: 'A backend Service (or its port) does not exist; LBC drops it. Unlike an ALB rule (fixed 500), an NLB listener has nothing to answer with: with no backend left, LBC creates no listener for the port at all.',
  };
}
