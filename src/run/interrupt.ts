/**
 * Ctrl-C and SIGTERM during apply, handled as Terraform does. The first signal stops new AWS
 * calls (the executor's AbortSignal) and lets the ones in flight finish: a call cut short has
 * still been made, and gwlb would not know its answer. A second signal exits at once, and so does
 * waiting longer than the grace period, since a call can hang (a black-holed endpoint); either
 * way the next apply picks up, as every resource is tagged in its create call.
 * The exit code is the shell's for the first signal: 128 + 2 (SIGINT) or 128 + 15 (SIGTERM).
 * Only the CLI installs this; the executor just sees an AbortSignal.
 */
import { forcedExitText, INTERRUPT_TEXT, type ForcedExit } from '../ui/apply/index.js';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof EXIT_CODES;

/** How long the calls in flight get to finish after the first signal. */
export const INTERRUPT_GRACE_MS = 5000;

export interface Interrupt {
  /** Aborted on the first signal: pass it to executePlan. */
  readonly signal: AbortSignal;
  /** 130 (SIGINT) or 143 (SIGTERM) once a signal arrived; undefined until then. */
  exitCode(): number | undefined;
  /** Stops listening (Node's default handling is back) and cancels the grace timer. */
  dispose(): void;
}

export interface InterruptOptions {
  /**
   * Says the first signal was received; by default Terraform's words on stdout. While the ink
   * view draws it owns stdout, so the CLI passes the reporter's `interrupted()`.
   */
  readonly onInterrupt?: () => void;
  /** Runs just before a forced exit: stop drawing (ink), so the last words land below the rows. */
  readonly beforeExit?: () => void;
  readonly graceMs?: number;
  /** Tests pass their own: where signals come from, how the process exits, where the words go. */
  readonly signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  readonly exit?: (code: number) => void;
  readonly stderr?: { write(text: string): unknown };
}

export function installInterrupt(opts: InterruptOptions = {}): Interrupt {
  const signals = opts.signals ?? process;
  const graceMs = opts.graceMs ?? INTERRUPT_GRACE_MS;
  const controller = new AbortController();
  let code: number | undefined;
  let grace: NodeJS.Timeout | undefined;

  const forceExit = (why: ForcedExit) => {
    dispose();
    opts.beforeExit?.();
    (opts.stderr ?? process.stderr).write(forcedExitText(why));
    (opts.exit ?? ((c: number) => process.exit(c)))(code ?? EXIT_CODES.SIGINT);
  };
  const received = (sig: HandledSignal) => {
    if (code !== undefined) return forceExit({ kind: 'second-signal' });
    code = EXIT_CODES[sig];
    (opts.onInterrupt ?? (() => process.stdout.write(INTERRUPT_TEXT)))();
    controller.abort();
    grace = setTimeout(() => forceExit({ kind: 'grace-expired', graceMs }), graceMs);
    // Only the calls in flight should keep the process up; if nothing else does, it may end.
    grace.unref();
  };
  const handlers: Record<HandledSignal, () => void> = { SIGINT: () => received('SIGINT'), SIGTERM: () => received('SIGTERM') };
  for (const sig of Object.keys(handlers) as HandledSignal[]) signals.on(sig, handlers[sig]);

  function dispose(): void {
    for (const sig of Object.keys(handlers) as HandledSignal[]) signals.off(sig, handlers[sig]);
    if (grace) clearTimeout(grace);
    grace = undefined;
  }
  return { signal: controller.signal, exitCode: () => code, dispose };
}
