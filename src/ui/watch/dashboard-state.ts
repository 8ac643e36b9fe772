/**
 * What the watch dashboard shows, folded from the loop's events: per Gateway its state and last
 * plan, the loop's phase, the last round's time and trigger, the last plan's summary and the last
 * error. Pure: (state, event) → state; the sink owns the state and ink draws it.
 *
 *   event          | Gateways it names                       | loop phase
 *   ---------------+-----------------------------------------+-----------------------------
 *   round_started  | –                                       | planning
 *   plan           | changes → changes pending, else in sync | idle (applying follows)
 *   drift          | → drifted                               | –
 *   apply_progress | the address's Gateway → applying        | applying
 *   apply_done     | matches → in sync; failed → error       | idle
 *   error          | → error (when it names Gateways)        | idle, or waiting to retry (starting stays)
 *   stopped        | –                                       | stopped
 */
import type { WatchEvent } from '../../watch/events.js';
import { planSummaryText, triggerText } from './lines.js';

export type GatewayState = 'in-sync' | 'changes-pending' | 'applying' | 'drifted' | 'error';

export interface GatewayRow {
  readonly gateway: string;
  readonly state: GatewayState;
  /** The last plan for it: `+1 ~2 -0`, or `no changes`. */
  readonly plan: string;
}

export type LoopPhase = 'starting' | 'planning' | 'applying' | 'idle' | 'retrying' | 'stopping' | 'stopped';

export interface DashboardState {
  readonly apply: boolean;
  readonly phase: LoopPhase;
  readonly round: number;
  /** ISO time the last round started. */
  readonly lastRoundAt?: string;
  readonly trigger?: string;
  readonly lastPlan?: string;
  readonly lastError?: { readonly time: string; readonly text: string };
  /** Sorted by Gateway. */
  readonly gateways: readonly GatewayRow[];
  /** Actions finished in the apply in flight. */
  readonly applied: number;
}

export function initialDashboard(apply: boolean): DashboardState {
  return { apply, phase: 'starting', round: 0, gateways: [], applied: 0 };
}

const GATEWAY_OF_ADDRESS = /^gateway\["([^"]+)"\]/;

function withStates(rows: readonly GatewayRow[], ids: readonly string[], state: GatewayState): GatewayRow[] {
  const set = new Set(ids);
  return rows.map((r) => (set.has(r.gateway) ? { ...r, state } : r));
}

export function reduceDashboard(s: DashboardState, e: WatchEvent): DashboardState {
  switch (e.type) {
    case 'round_started':
      return { ...s, phase: 'planning', round: e.round, lastRoundAt: e.time, trigger: triggerText(e.trigger), applied: 0 };
    case 'plan': {
      const planned = e.gateways
        .map((g): GatewayRow => {
          const changes = g.add + g.change + g.destroy > 0;
          const broken = g.status === 'aborted' || g.status === 'model-failed';
          return { gateway: g.gateway, state: broken ? 'error' : changes ? 'changes-pending' : 'in-sync', plan: changes ? `+${g.add} ~${g.change} -${g.destroy}` : g.status === 'planned' ? 'no changes' : g.status };
        });
      // A narrowed round planned only the Gateways a change reached: the others keep their rows.
      const kept = e.narrowed ? s.gateways.filter((r) => !e.gateways.some((g) => g.gateway === r.gateway)) : [];
      return { ...s, phase: 'idle', lastPlan: planSummaryText(e), gateways: [...kept, ...planned].sort((a, b) => a.gateway.localeCompare(b.gateway)) };
    }
    case 'drift':
      return { ...s, gateways: withStates(s.gateways, e.gateways, 'drifted') };
    case 'apply_progress': {
      const gw = GATEWAY_OF_ADDRESS.exec(e.address)?.[1];
      const rows = gw ? withStates(s.gateways, [gw], 'applying') : s.gateways;
      return { ...s, phase: 'applying', gateways: rows, applied: s.applied + (e.state === 'started' ? 0 : 1) };
    }
    case 'apply_done': {
      const state: GatewayState = e.failed > 0 ? 'error' : e.interrupted || !e.matches ? 'changes-pending' : 'in-sync';
      const rows = withStates(s.gateways, e.gateways, state).map((r) => (state === 'in-sync' && e.gateways.includes(r.gateway) ? { ...r, plan: 'applied' } : r));
      return { ...s, phase: 'idle', gateways: rows };
    }
    case 'status_written':
      return s;
    case 'error': {
      const rows = e.gateways ? withStates(s.gateways, e.gateways, 'error') : s.gateways;
      // An error of round 0 (what holds up the cluster's first sync) leaves the loop starting.
      const phase: LoopPhase = s.phase === 'stopping' || s.phase === 'starting' ? s.phase : e.retry_in_ms !== undefined ? 'retrying' : 'idle';
      return { ...s, phase, gateways: rows, lastError: { time: e.time, text: `${e.phase}: ${e.message}` } };
    }
    case 'stopped':
      return { ...s, phase: 'stopped' };
  }
}

/** The loop was asked to stop (a signal): shown until `stopped`. */
export function stoppingDashboard(s: DashboardState): DashboardState {
  return s.phase === 'stopped' ? s : { ...s, phase: 'stopping' };
}
