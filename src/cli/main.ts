/**
 * gwlb's command line: commander wiring only. Each command lives in commands/<name>.ts, turns
 * argv into options, makes one library call and returns an exit code. Nothing here computes.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';

export const VERSION = '0.1.0';

/** Commands report their exit code here instead of touching process.exitCode. */
export interface ExitCode {
  code: number;
}

/** The program for `args` (the arguments after `gwlb`): only the commands they need are loaded. */
export async function buildProgram(exit: ExitCode, args: readonly string[] = []): Promise<Command> {
  const program = new Command('gwlb')
    .description(
      'Plan and apply the AWS load balancers the AWS Load Balancer Controller (v3.5.0) would build for Gateway API manifests, and explain their status.',
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  await registerCommands(program, exit, args);
  return program;
}

/** Runs gwlb with `argv` (as in process.argv) and resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // The SDK warns on every run under Node 20 that *future* SDK releases will need Node 22. The
  // lockfile pins releases that support Node 20, so the warning is noise on a user's terminal;
  // setting the variable to anything else brings it back.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const exit: ExitCode = { code: 0 };
  const program = await buildProgram(exit, argv.slice(2));
  try {
    await program.parseAsync([...argv]);
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return err.exitCode === 0 ? 0 : 1;
    }
    throw err;
  }
}
