/** What `apply --from-cluster` (and watch) say about the status gwlb wrote back to the cluster. */
import type { ObjectRef } from '../diagnostics.js';
import { someOf } from './list-text.js';

function name(o: ObjectRef): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export function statusWrittenText(written: readonly ObjectRef[]): string {
  if (written.length === 0) return 'Status: the cluster already holds it; nothing written.\n';
  return `Status written to ${written.length} object${written.length === 1 ? '' : 's'}: ${someOf(written.map(name), 8)}.\n`;
}

export function provisioningWaitText(gateways: readonly string[]): string {
  return `Waiting for the load balancer of ${gateways.join(', ')} to become active, to set Programmed…\n`;
}

export function stillProvisioningText(gateways: readonly string[], seconds: number): string {
  return `The load balancer of ${gateways.join(', ')} is still provisioning after ${seconds} s: Programmed stays Unknown/Pending. gwlb watch --from-cluster --apply, or the next apply, sets it when the load balancer is active.\n`;
}

export function statusFailedText(failed: readonly { object: ObjectRef; message: string }[]): string {
  const lines = failed.map((f) => `could not write the status of ${name(f.object)}: ${f.message}`);
  return `${lines.join('\n')}\nThe load balancers were applied; only the status is missing. Fix the above and apply again, or pass --no-write-status to leave status to another controller`;
}

export function statusSkippedAfterFailureText(): string {
  return 'Status: not written, because the apply was cancelled or interrupted; the next apply writes it.\n';
}

export function lbcFinalizerLeftText(held: readonly { gateway: string; finalizer: string }[]): string {
  return held
    .map(({ gateway, finalizer }) => {
      const [ns, name] = gateway.split('/');
      return `Gateway ${gateway} is being deleted and its stack is gone, but LBC's finalizer ${finalizer} still holds it; gwlb adds and removes no finalizer. If LBC no longer runs: kubectl patch gateway ${name} -n ${ns} --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]' (removes every finalizer on it)\n`;
    })
    .join('');
}
