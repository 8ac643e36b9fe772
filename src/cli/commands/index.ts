import type { Command } from 'commander';
import type { ExitCode } from '../main.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerExplainCommand } from './explain.js';
import { registerModelCommand } from './model.js';
import { registerValidateCommand } from './validate.js';

/** Every gwlb subcommand, in the order `gwlb --help` lists them. */
export function registerCommands(program: Command, exit: ExitCode): void {
  registerValidateCommand(program, exit);
  registerExplainCommand(program, exit);
  registerModelCommand(program, exit);
  registerEmulatorCommand(program, exit);
}
