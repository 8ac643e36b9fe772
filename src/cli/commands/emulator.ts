/**
 * `gwlb emulator [--port N] [--state FILE] [--seed]`: serves the local ELBv2/EC2/ACM emulator on
 * 127.0.0.1 until SIGINT/SIGTERM, for pipelines and for SDK clients in other processes.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { ExitCode } from '../main.js';

interface EmulatorFlags {
  readonly port: number;
  readonly state?: string;
  readonly seed?: boolean;
}

function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number between 0 and 65535 (0 picks a free port)');
  return n;
}

export function registerEmulatorCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('emulator')
    .description('serve a local AWS emulator (ELBv2, EC2, ACM) on 127.0.0.1 for --endpoint-url and the AWS SDKs')
    .option('--port <n>', 'port to listen on (0 picks a free port)', parsePort, 4566)
    .option('--state <file>', 'persist the emulated account to this JSON file and reload it on start')
    .option('--seed', 'seed a sandbox account (VPC, subnets in 3 AZs, nodes, ACM certificates) when the state is empty')
    .action(async (flags: EmulatorFlags) => {
      // The emulator (a few dozen modules) loads only when it is served, not for every gwlb run.
      const { startEmulator } = await import('../../emulator/index.js');
      let emulator;
      try {
        emulator = await startEmulator({ port: flags.port, ...(flags.state !== undefined ? { statePath: flags.state } : {}), seed: Boolean(flags.seed) });
      } catch (err) {
        process.stderr.write(`gwlb emulator: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
        exit.code = 1;
        return;
      }
      process.stdout.write(`gwlb emulator listening on ${emulator.endpoint} (ELBv2, EC2, ACM; region us-west-2; controls at ${emulator.endpoint}/_emulator)\n`);
      if (flags.state !== undefined) process.stdout.write(`state: ${flags.state}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await emulator.close();
      process.stdout.write('gwlb emulator stopped\n');
      exit.code = 0;
    });
  program.addCommand(cmd);
}
