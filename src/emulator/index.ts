/**
 * The emulator's in-process API. `startEmulator()` serves ELBv2, EC2, ACM, WAFv2 and Shield on 127.0.0.1 and
 * hands back the endpoint for the SDK clients plus the controls and state for tests:
 *
 *   const emu = await startEmulator({ seed: true });
 *   const elbv2 = new ElasticLoadBalancingV2Client({ endpoint: emu.endpoint, region: 'us-west-2', credentials });
 *   emu.controls.setThrottling({ enabled: true });
 *   await emu.close();
 */
import { listen } from '../local-server.js';
import { EmulatorControls } from './controls.js';
import { seededState } from './seed.js';
import { createEmulatorServer } from './server.js';
import { StateStore, type EmulatorState } from './state.js';

export { EmulatorControls } from './controls.js';
export type { ControlsSnapshot, FailureRule, FailureRuleInput, FailureSpec, LatencySettings, LifecycleSettings, ThrottlingSettings } from './controls.js';
export { ACCOUNT_ID, REGION } from './ids.js';
export { certificateArn, SEED_CERTIFICATES, SEED_CLUSTER, SEED_NODE_SG, SEED_POD_IPS, SEED_REMOTE_ACCESS_SG, SEED_VPC_ID, SEED_WEB_ACLS, seededState, webAclArn } from './seed.js';
export { prepareSandbox, SANDBOX_TARGET_GROUP } from './sandbox.js';
export type { EmulatorState } from './state.js';

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; 127.0.0.1 unless told otherwise. */
  readonly host?: string;
  /** Persist state to this JSON file (atomic writes) and load it on start. */
  readonly statePath?: string;
  /** Load statePath but never write it (changes stay in memory). */
  readonly readOnly?: boolean;
  /** Seed the sandbox account when the state is empty (a fresh start or a new state file). */
  readonly seed?: boolean;
  /** Clock for lifecycle and throttling; tests may pass a fake. */
  readonly now?: () => number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, the value for the SDK clients' `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  readonly controls: EmulatorControls;
  readonly store: StateStore;
  /** The current state (live; mutations are visible to the next request — call store.changed() to persist them). */
  readonly state: EmulatorState;
  /** Stops serving and writes the state file one last time. */
  close(): Promise<void>;
}

function isEmpty(state: EmulatorState): boolean {
  return Object.keys(state.ec2.vpcs).length === 0 && Object.keys(state.elbv2.loadBalancers).length === 0 && Object.keys(state.acm.certificates).length === 0;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = StateStore.open(options.statePath, { readOnly: options.readOnly ?? false });
  if (options.seed && isEmpty(store.state)) {
    store.replace(seededState());
    store.flush();
  }
  const controls = new EmulatorControls(options.now);
  const server = createEmulatorServer({ store, controls }, seededState);
  const { port, endpoint } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    endpoint,
    port,
    controls,
    store,
    get state() {
      return store.state;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          store.flush();
          if (err) reject(err);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
