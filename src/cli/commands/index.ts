/**
 * Every gwlb subcommand, in the order `gwlb --help` lists them. A command's module is loaded only
 * when the command line needs it: each imports what its action uses (manifest loading, the model,
 * plan rendering), and all of them together take longer to load than Node itself takes to start,
 * which `gwlb --version` and `gwlb validate` should not pay (npm run bench).
 */
import type { Command } from 'commander';
import type { ExitCode } from '../main.js';

type Register = (program: Command, exit: ExitCode) => void;

const COMMANDS: readonly (readonly [name: string, load: () => Promise<Register>])[] = [
  ['validate', async () => (await import('./validate.js')).registerValidateCommand],
  ['explain', async () => (await import('./explain.js')).registerExplainCommand],
  ['model', async () => (await import('./model.js')).registerModelCommand],
  ['plan', async () => (await import('./plan.js')).registerPlanCommand],
  ['show', async () => (await import('./show.js')).registerShowCommand],
  ['apply', async () => (await import('./apply.js')).registerApplyCommand],
  ['destroy', async () => (await import('./destroy.js')).registerDestroyCommand],
  ['watch', async () => (await import('./watch.js')).registerWatchCommand],
  ['emulator', async () => (await import('./emulator.js')).registerEmulatorCommand],
];

/**
 * The commands `args` (the arguments after `gwlb`) needs registered: the one it starts with, none
 * for `--version`, and every one otherwise (help, no command, an unknown command or option), so
 * that commander prints exactly the help, suggestions and errors it prints with all of them.
 * The program has no options of its own besides --version and --help, so a command name can only
 * come first.
 */
export function commandsNeeded(args: readonly string[]): string[] {
  const first = args[0];
  if (first === '-V' || first === '--version') return [];
  if (COMMANDS.some(([name]) => name === first)) return [first!];
  return COMMANDS.map(([name]) => name);
}

export async function registerCommands(program: Command, exit: ExitCode, args: readonly string[]): Promise<void> {
  const needed = new Set(commandsNeeded(args));
  const registers = await Promise.all(COMMANDS.filter(([name]) => needed.has(name)).map(([, load]) => load()));
  for (const register of registers) register(program, exit);
}
