/**
 * `gwlb emulator [--port N] [--state FILE] [--seed] [--kube [--kube-port N] [--kubeconfig FILE]]`:
 * serves the local ELBv2/EC2/ACM emulator on 127.0.0.1 until SIGINT/SIGTERM, for pipelines and
 * for SDK clients in other processes; with --kube, a local Kubernetes API beside it (in-memory)
 * and a kubeconfig for kubectl.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { ExitCode } from '../main.js';

interface EmulatorFlags {
  readonly port: number;
  readonly state?: string;
  readonly seed?: boolean;
  readonly kube?: boolean;
  readonly kubePort: number;
  readonly kubeconfig?: string;
}

const KUBE_HELP = `
With --kube, a local Kubernetes API (the kinds gwlb reads: Gateway API, LBC's CRDs, Services,
EndpointSlices, Nodes, Namespaces, Secrets) is served too, in memory, and a kubeconfig for it is
written (context gwlb-emulator, plain http). Unlike a real cluster, a namespace is created on the
first write into it, so every example applies as it is. For example:

  gwlb emulator --seed --kube
  export KUBECONFIG=<the printed path>
  kubectl apply -f examples/alb-http-https
  kubectl get gateways -A`;

function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number between 0 and 65535 (0 picks a free port)');
  return n;
}

export function registerEmulatorCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('emulator')
    .description('serve a local AWS emulator (ELBv2, EC2, ACM) on 127.0.0.1 for --endpoint-url and the AWS SDKs; with --kube, a local Kubernetes API too')
    .option('--port <n>', 'port to listen on (0 picks a free port)', parsePort, 4566)
    .option('--state <file>', 'persist the emulated account to this JSON file and reload it on start')
    .option('--seed', 'seed a sandbox account (VPC, subnets in 3 AZs, nodes, ACM certificates) when the state is empty')
    .option('--kube', 'also serve a local Kubernetes API (in memory) and write a kubeconfig for kubectl')
    .option('--kube-port <n>', 'port for the Kubernetes API with --kube (0 picks a free port)', parsePort, 6443)
    .option('--kubeconfig <file>', `where --kube writes its kubeconfig (default ${join(tmpdir(), 'gwlb-emulator', 'kubeconfig')})`)
    .addHelpText('after', KUBE_HELP)
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
      // Like the AWS emulator, the Kubernetes API's modules load only when it is served.
      const kubeApi = flags.kube ? await import('../../kube-emulator/index.js') : undefined;
      let kube;
      if (kubeApi !== undefined) {
        try {
          kube = await kubeApi.startKubeEmulator({ port: flags.kubePort, createNamespaces: true, logRequests: false });
        } catch (err) {
          await emulator.close();
          process.stderr.write(`gwlb emulator: cannot start the Kubernetes API on port ${flags.kubePort}: ${err instanceof Error ? err.message : String(err)}; pick another with --kube-port\n`);
          exit.code = 1;
          return;
        }
      }
      process.stdout.write(`gwlb emulator listening on ${emulator.endpoint} (ELBv2, EC2, ACM; region us-west-2; controls at ${emulator.endpoint}/_emulator)\n`);
      if (kubeApi !== undefined && kube !== undefined) {
        const path = kubeApi.writeKubeconfig(flags.kubeconfig ?? join(tmpdir(), 'gwlb-emulator', 'kubeconfig'), kube.endpoint);
        process.stdout.write(`Kubernetes API listening on ${kube.endpoint} (in memory); kubeconfig: ${path}\n  export KUBECONFIG=${path}\n`);
      }
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
      await Promise.all([emulator.close(), kube?.close()]);
      process.stdout.write('gwlb emulator stopped\n');
      exit.code = 0;
    });
  program.addCommand(cmd);
}
