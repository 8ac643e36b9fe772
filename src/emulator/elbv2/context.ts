/** What every ELBv2 handler receives, and what it returns (the members of `<OpResult>`). */
import type { EmulatorControls } from '../controls.js';
import type { StateStore } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import type { QueryResult } from '../wire/query-protocol.js';

export interface HandlerContext {
  readonly store: StateStore;
  readonly controls: EmulatorControls;
  /** Milliseconds since the epoch for this request (one clock read per request). */
  readonly now: number;
}

export type Elbv2Handler = (input: QueryInput, ctx: HandlerContext) => QueryResult;
