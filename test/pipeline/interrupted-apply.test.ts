/**
 * The executor's interrupt (ExecuteOptions.signal): once aborted no new step starts, the step in
 * flight finishes, and everything else is reported as not done, with the outcome marked
 * interrupted. Driven in-process against the emulator: the signal is aborted from the first
 * `start` event, so exactly one step is in flight at that moment.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAws, type AwsConnection } from '../../src/aws/clients.js';
import { AwsSession } from '../../src/aws/session.js';
import { executePlan, type ApplyEvent } from '../../src/apply/execute.js';
import { plannedSteps } from '../../src/apply/steps.js';
import { desiredState, inputGatewayIds } from '../../src/run/pipeline.js';
import { loadSettings } from '../../src/run/settings.js';
import { hasErrors } from '../../src/diagnostics.js';
import { SEED_CLUSTER, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { livePlan } from '../../src/observe/live-plan.js';
import { ROOT } from '../cli/run-cli.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');

describe('executePlan with an abort signal', () => {
  let emu: RunningEmulator | undefined;
  let conn: AwsConnection | undefined;
  afterEach(async () => {
    await conn?.close();
    await emu?.close();
    conn = emu = undefined;
  });

  async function planned() {
    emu = await startEmulator({ seed: true });
    emu.controls.setLifecycle({ describesUntilActive: 0 });
    conn = await connectAws({ kind: 'endpoint', url: emu.endpoint }, { maxAttempts: 1 });
    const settings = loadSettings({ clusterName: SEED_CLUSTER });
    const session = new AwsSession(conn, settings.cluster.clusterName, settings.cluster.vpcId);
    const live = await livePlan({
      session,
      settings: settings.cluster,
      controllerNames: settings.controllerNames,
      prune: false,
      desire: async (facts) => {
        const st = await desiredState({ files: [ALB], settings, facts });
        return { ...st, inputGateways: inputGatewayIds(st), errored: hasErrors(st.diagnostics) };
      },
    });
    return { session, settings, live };
  }

  it('lets the step in flight finish, starts no other, and lists the rest as not done', async () => {
    const { session, settings, live } = await planned();
    const steps = plannedSteps(live.plan);
    expect(steps.length).toBeGreaterThan(3);
    const ctl = new AbortController();
    const events: ApplyEvent[] = [];
    const outcome = await executePlan({
      plan: live.plan,
      desired: live.desired.stacks,
      observed: live.observed,
      session,
      settings: settings.cluster,
      signal: ctl.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.kind === 'start') ctl.abort();
      },
    });
    expect(events.map((e) => e.kind)).toEqual(['start', 'done']);
    expect(outcome.interrupted).toBe(true);
    expect(outcome.done).toEqual([steps[0]]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.notDone).toEqual(steps.slice(1));
  });

  it('says nothing of an interrupt when the signal never fires', async () => {
    const { session, settings, live } = await planned();
    const outcome = await executePlan({ plan: live.plan, desired: live.desired.stacks, observed: live.observed, session, settings: settings.cluster, signal: new AbortController().signal });
    expect(outcome.interrupted).toBeUndefined();
    expect(outcome.notDone).toEqual([]);
    expect(outcome.done).toEqual(plannedSteps(live.plan));
  });
});
