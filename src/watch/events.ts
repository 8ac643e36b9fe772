/**
 * What `gwlb watch` reports, one event at a time: the loop emits them, and the renderers (one line
 * per event, JSON Lines, the ink dashboard: src/ui/watch) consume them. With `-o json` each event
 * is one line, exactly these fields, after a first line `{"format_version":"1.1"}`; readers must
 * ignore fields they do not know (minor versions only add fields). README lists them.
 */
import type { StepAction } from '../apply/steps.js';
import type { Trigger } from './triggers.js';

export const WATCH_FORMAT_VERSION = '1.1';

/** Per Gateway (`ns/name`, the stack id) in a plan: its planned-stack status and its change counts. */
export interface GatewayPlan {
  readonly gateway: string;
  /** The plan's stack status (plan/types.ts PlannedStack): planned, orphaned, model-failed, aborted. */
  readonly status: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/** Where a round failed. `input`: the manifests have errors; `read`: files, cluster or AWS could not be read. */
export type ErrorPhase = 'input' | 'read' | 'lock' | 'refused' | 'apply';

export type WatchEvent =
  | { readonly type: 'round_started'; readonly round: number; readonly time: string; readonly trigger: Trigger }
  | {
      readonly type: 'plan';
      readonly round: number;
      readonly time: string;
      /** Terraform's counting: a replacement counts in add and destroy. */
      readonly add: number;
      readonly change: number;
      readonly destroy: number;
      readonly has_changes: boolean;
      /** The input had errors: nothing is applied, nothing pruned. */
      readonly errored: boolean;
      readonly gateways: readonly GatewayPlan[];
      /** `address` and its action, for each resource change. */
      readonly changes: readonly { readonly address: string; readonly action: string }[];
      /**
       * The round read and planned only the Gateways a change reached (`gateways`); the others
       * were not read and keep what the last plan that read them said. Absent: a whole plan.
       */
      readonly narrowed?: true;
    }
  /** Owned resources differ from the manifests though the input did not change (a resync round). */
  | { readonly type: 'drift'; readonly round: number; readonly time: string; readonly gateways: readonly string[]; readonly addresses: readonly string[] }
  | {
      readonly type: 'apply_progress';
      readonly round: number;
      readonly time: string;
      readonly address: string;
      readonly action: StepAction;
      readonly state: 'started' | 'done' | 'failed';
      /** How long the action took (`done`). */
      readonly ms?: number;
      readonly error?: string;
    }
  | {
      readonly type: 'apply_done';
      readonly round: number;
      readonly time: string;
      readonly done: number;
      readonly failed: number;
      readonly not_done: number;
      /** A signal stopped it between calls. */
      readonly interrupted: boolean;
      /** The verifying plan after the apply found no changes (absent when interrupted). */
      readonly matches?: boolean;
      readonly gateways: readonly string[];
    }
  /** Status written back to a cluster object (`--from-cluster` as the acting controller). */
  | { readonly type: 'status_written'; readonly round: number; readonly time: string; readonly object: string; readonly conditions?: Readonly<Record<string, string>> }
  | {
      readonly type: 'error';
      readonly round: number;
      readonly time: string;
      readonly phase: ErrorPhase;
      readonly message: string;
      /** Gateways it concerns, when known. */
      readonly gateways?: readonly string[];
      /** The loop retries in this many ms (read failures); absent when it waits for the next change. */
      readonly retry_in_ms?: number;
    }
  | {
      readonly type: 'stopped';
      readonly time: string;
      readonly rounds: number;
      /** SIGINT / SIGTERM, or `once` after `--once`. */
      readonly reason: 'SIGINT' | 'SIGTERM' | 'once';
      /** An apply was in flight and did not start all its actions. */
      readonly apply_cut_short: boolean;
    };

export type WatchEventType = WatchEvent['type'];

/** Where events go: the renderer the CLI chose. */
export interface WatchSink {
  emit(event: WatchEvent): void;
  /** The loop ended; resolves once the output is flushed (ink's last frame). */
  close(): Promise<void>;
}
