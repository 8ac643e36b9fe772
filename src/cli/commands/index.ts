import type { Command } from 'commander';
import type { ExitCode } from '../main.js';
import { registerApplyCommand } from './apply.js';
import { registerDestroyCommand } from './destroy.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerExplainCommand } from './explain.js';
import { registerModelCommand } from './model.js';
import { registerPlanCommand } from './plan.js';
import { registerShowCommand } from './show.js';
import { registerValidateCommand } from './validate.js';

/** Every gwlb subcommand, in the order `gwlb --help` lists them. */
export function registerCommands(program: Command, exit: ExitCode): void {
  registerValidateCommand(program, exit);
  registerExplainCommand(program, exit);
  registerModelCommand(program, exit);
  registerPlanCommand(program, exit);
  registerShowCommand(program, exit);
  registerApplyCommand(program, exit);
  registerDestroyCommand(program, exit);
  registerEmulatorCommand(program, exit);
}
