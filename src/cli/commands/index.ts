import type { Command } from 'commander';
import type { ExitCode } from '../main.js';

/** Every gwlb subcommand, in the order `gwlb --help` lists them. */
export function registerCommands(program: Command, exit: ExitCode): void {
  void program;
  void exit;
}
