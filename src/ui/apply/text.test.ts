/**
 * The line-per-action output (no terminal, CI, --no-color) is a contract: e2e tests and users'
 * log parsers match its lines. These pin the exact bytes it had before it moved to ui/apply.
 */
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../color.js';
import { lineReporter, wantsProgressView } from './reporter.js';
import { plannedSteps, type Outcome, type ProgressEvent } from './steps.js';
import { CANCELLED_TEXT, CONFIRM_PROMPT, INTERRUPT_TEXT, callsText, eventLine, forcedExitText, outcomeText, verifyText } from './text.js';
import type { Plan } from '../../plan/types.js';

const plain = makeChalk(false);
const colour = makeChalk(true);
const LB = 'gateway["default/web"].load_balancer["LoadBalancer"]';
const L80 = 'gateway["default/web"].listener["80"]';
const TG = 'gateway["default/web"].target_group["tg-1"]';
const OLD = 'gateway["default/old"].listener["443"]';

const events: ProgressEvent[] = [
  { kind: 'start', step: { address: LB, action: 'create' } },
  { kind: 'done', step: { address: LB, action: 'create' }, ms: 1499 },
  { kind: 'start', step: { address: TG, action: 'replace' } },
  { kind: 'done', step: { address: TG, action: 'replace' }, ms: 1500 },
  { kind: 'start', step: { address: L80, action: 'update' } },
  { kind: 'done', step: { address: L80, action: 'update' }, ms: 0 },
  { kind: 'start', step: { address: OLD, action: 'delete' } },
  { kind: 'failed', step: { address: OLD, action: 'delete' }, error: 'ResourceInUse: listener is in use' },
];

describe('apply line output (no terminal)', () => {
  it('prints one line per action start and end, exactly as before', () => {
    expect(events.map((e) => eventLine(e, plain)).join('')).toBe(
      [
        `${LB}: Creating...`,
        `${LB}: Creation complete after 1s`,
        `${TG}: Replacing...`,
        `${TG}: Replacement complete after 2s`,
        `${L80}: Modifying...`,
        `${L80}: Modifications complete after 0s`,
        `${OLD}: Destroying...`,
        `${OLD}: failed: ResourceInUse: listener is in use`,
        '',
      ].join('\n'),
    );
  });

  it('keeps its colours: bold address, red "failed"', () => {
    expect(eventLine(events[1]!, colour)).toBe(`\x1b[1m${LB}\x1b[22m: Creation complete after 1s\n`);
    expect(eventLine(events[7]!, colour)).toBe(`\x1b[1m${OLD}\x1b[22m: \x1b[31mfailed\x1b[39m: ResourceInUse: listener is in use\n`);
  });

  it('ends with Terraform\'s summary; a replacement counts as added and destroyed', () => {
    const o: Outcome = { done: [{ address: LB, action: 'create' }, { address: TG, action: 'replace' }, { address: L80, action: 'update' }, { address: OLD, action: 'delete' }], failed: [], notDone: [] };
    expect(outcomeText(o, plain)).toBe('\nApply complete! Resources: 2 added, 1 changed, 2 destroyed.\n');
    expect(outcomeText(o, colour)).toBe('\n\x1b[1m\x1b[32mApply complete! Resources: 2 added, 1 changed, 2 destroyed.\x1b[39m\x1b[22m\n');
  });

  it('shows a re-sent OIDC client secret as its own step, counted apart from the changes', () => {
    const RULE = 'gateway["default/web"].listener_rule["443:1"]';
    const step = { address: RULE, action: 'resend-secret' } as const;
    expect(eventLine({ kind: 'start', step }, plain)).toBe(`${RULE}: Re-sending OIDC client secret...\n`);
    expect(eventLine({ kind: 'done', step, ms: 300 }, plain)).toBe(`${RULE}: OIDC client secret re-sent after 0s\n`);
    const o: Outcome = { done: [{ address: L80, action: 'update' }, step], failed: [], notDone: [] };
    expect(outcomeText(o, plain)).toBe('\nApply complete! Resources: 0 added, 1 changed, 0 destroyed. OIDC client secrets re-sent: 1.\n');
  });

  it('on failure reports what failed, what was done and what was not', () => {
    const o: Outcome = {
      done: [{ address: LB, action: 'create' }],
      failed: [{ address: OLD, action: 'delete', error: 'ResourceInUse: listener is in use' }],
      notDone: [{ address: L80, action: 'update' }],
    };
    expect(outcomeText(o, plain)).toBe(
      [
        '',
        'Apply failed: 1 action(s) failed; 1 done, 1 not attempted.',
        `Error: ${OLD} (delete): ResourceInUse: listener is in use`,
        '',
        'Done:',
        `  ✓ ${LB} (create)`,
        '',
        'Not done:',
        `  · ${L80} (update)`,
        '',
        'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.',
        '',
      ].join('\n'),
    );
  });

  it('when interrupted says so, and lists what was done and what was not started', () => {
    const o: Outcome = { done: [{ address: LB, action: 'create' }], failed: [], notDone: [{ address: L80, action: 'update' }, { address: TG, action: 'replace' }], interrupted: true };
    expect(outcomeText(o, plain)).toBe(
      [
        '',
        'Apply interrupted: 1 done, 2 not started.',
        '',
        'Done:',
        `  ✓ ${LB} (create)`,
        '',
        'Not done:',
        `  · ${L80} (update)`,
        `  · ${TG} (replace)`,
        '',
        'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.',
        '',
      ].join('\n'),
    );
    const failedToo: Outcome = { ...o, failed: [{ address: OLD, action: 'delete', error: 'ResourceInUse: listener is in use' }] };
    expect(outcomeText(failedToo, plain).split('\n').slice(1, 3)).toEqual(['Apply interrupted: 1 done, 1 failed, 2 not started.', `Error: ${OLD} (delete): ResourceInUse: listener is in use`]);
    // Interrupted after the last action started: nothing is left, but it still was interrupted.
    expect(outcomeText({ done: o.done, failed: [], notDone: [], interrupted: true }, plain)).toMatch(/^\nApply interrupted: 1 done, 0 not started\.\n/);
  });

  it("says Terraform's words on an interrupt, and how to resume after a forced exit", () => {
    expect(INTERRUPT_TEXT).toBe('\nInterrupt received.\nPlease wait for gwlb to exit or data loss may occur.\nGracefully shutting down...\n');
    const resume = 'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.';
    expect(forcedExitText({ kind: 'second-signal' })).toBe(`\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n${resume}\n`);
    expect(forcedExitText({ kind: 'grace-expired', graceMs: 5000 })).toBe(`\nThe AWS calls in flight did not finish within 5s of the interrupt. Exiting without waiting for them.\n${resume}\n`);
  });

  it('lineReporter writes exactly those lines, in order', async () => {
    const out: string[] = [];
    const r = lineReporter((t) => out.push(t), plain);
    for (const e of events) r.onEvent(e);
    const o: Outcome = { done: [{ address: LB, action: 'create' }], failed: [], notDone: [] };
    await r.finish(o);
    expect(out.join('')).toBe(events.map((e) => eventLine(e, plain)).join('') + outcomeText(o, plain));
    expect(out.join('')).toMatch(/: Creation complete after 1s\n[\s\S]*\nApply complete! Resources: 1 added, 0 changed, 0 destroyed\.\n$/);
  });

  it('lineReporter prints the interrupt notice where it happens, between the action lines', () => {
    const out: string[] = [];
    const r = lineReporter((t) => out.push(t), plain);
    r.onEvent(events[0]!);
    r.interrupted();
    r.onEvent(events[1]!);
    expect(out).toEqual([eventLine(events[0]!, plain), INTERRUPT_TEXT, eventLine(events[1]!, plain)]);
  });

  it('keeps the prompt and the after-apply lines', () => {
    expect(CONFIRM_PROMPT).toBe("\nDo you want to perform these actions?\n  gwlb will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n");
    expect(CANCELLED_TEXT).toBe('\nApply cancelled.\n');
    expect(verifyText(false, plain)).toBe('\nThe account now matches the manifests.\n');
    expect(verifyText(true, plain)).toBe('\nThe account does not match the manifests yet: run gwlb plan to see what is left, then gwlb apply again.\n');
    expect(callsText({ total: 12, writes: 5, attempts: 13 })).toBe('AWS calls: 12 (5 writes, 13 HTTP attempts with retries).\n');
  });
});

describe('which view', () => {
  const withEnv = (vars: Record<string, string | undefined>, f: () => void) => {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    try {
      f();
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  const clean = { CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: undefined, TERM: 'xterm-256color' };

  it.each([
    { name: 'a terminal gets the ink view', tty: true, noColor: false, env: {}, ink: true },
    { name: 'a pipe gets lines', tty: false, noColor: false, env: {}, ink: false },
    { name: '--no-color gets lines', tty: true, noColor: true, env: {}, ink: false },
    { name: 'NO_COLOR gets lines', tty: true, noColor: false, env: { NO_COLOR: '1' }, ink: false },
    { name: 'CI gets lines', tty: true, noColor: false, env: { CI: 'true' }, ink: false },
    { name: 'CI=false is not CI', tty: true, noColor: false, env: { CI: 'false' }, ink: true },
    { name: 'TERM=dumb gets lines', tty: true, noColor: false, env: { TERM: 'dumb' }, ink: false },
  ])('$name', ({ tty, noColor, env, ink }) => {
    withEnv({ ...clean, ...env }, () => expect(wantsProgressView({ isTTY: tty }, noColor)).toBe(ink));
  });
});

describe('plannedSteps', () => {
  const rc = (stack: string, address: string, actions: Plan['resource_changes'][number]['change']['actions']) =>
    ({ address, stack, type: 'AWS::ElasticLoadBalancingV2::TargetGroup', id: address, change: { actions } }) as unknown as Plan['resource_changes'][number];

  it('lists the executor\'s steps: no-ops left out, deposed halves after their stack', () => {
    const steps = plannedSteps({
      resource_changes: [
        rc('a', 'a.tg', ['create', 'delete']),
        rc('a', 'a.lb', ['no-op']),
        rc('a', 'a.l80', ['update']),
        rc('a', 'a.l443', ['delete', 'create']),
        rc('b', 'b.lb', ['create']),
        rc('b', 'b.rule', ['delete']),
      ],
    });
    expect(steps).toEqual([
      { address: 'a.tg', action: 'replace' },
      { address: 'a.l80', action: 'update' },
      { address: 'a.l443', action: 'replace' },
      { address: 'a.tg (deposed)', action: 'delete' },
      { address: 'b.lb', action: 'create' },
      { address: 'b.rule', action: 'delete' },
    ]);
  });

  it('re-sends OIDC client secrets last in their stack, also for a stack with nothing else to do', () => {
    const steps = plannedSteps({
      resource_changes: [rc('a', 'a.rule1', ['no-op']), rc('a', 'a.lb', ['update']), rc('a', 'a.rule2', ['update']), rc('a', 'a.old', ['delete']), rc('b', 'b.rule', ['no-op']), rc('b', 'b.lb', ['no-op'])],
      write_only_resent: ['a.rule1', 'a.rule2', 'b.rule'],
    });
    expect(steps).toEqual([
      { address: 'a.lb', action: 'update' },
      { address: 'a.rule2', action: 'update' },
      { address: 'a.old', action: 'delete' },
      { address: 'a.rule1', action: 'resend-secret' },
      { address: 'a.rule2', action: 'resend-secret' },
      { address: 'b.rule', action: 'resend-secret' },
    ]);
  });
});
