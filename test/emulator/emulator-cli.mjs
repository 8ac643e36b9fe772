// Runs only the `emulator` command from the built CLI, for when src/cli/commands/index.ts does
// not register it yet (the process test prefers `bin/gwlb.js emulator` when it does).
import { Command } from 'commander';
import { registerEmulatorCommand } from '../../dist/src/cli/commands/emulator.js';

const exit = { code: 0 };
const program = new Command('gwlb').exitOverride();
registerEmulatorCommand(program, exit);
await program.parseAsync(process.argv);
process.exitCode = exit.code;
