/**
 * Refusals about what a command was asked to cover: a --prune that would delete everything
 * because the input names no Gateway (kubectl's "no objects passed to apply"), a --gateway that
 * is not in the input, and a destroy that names nothing.
 */
import { someOf } from './list-text.js';

export function pruneWithoutGatewaysText(command: string): string {
  return `--prune with an input that holds no Gateway would delete every stack this cluster owns, so gwlb ${command} refuses and plans nothing. Check the -f paths; to delete stacks on purpose, use gwlb destroy --gateway NS/NAME or gwlb destroy --all`;
}

export function gatewayNotInInputText(gateway: string, inInput: readonly string[]): string {
  return inInput.length === 0
    ? `--gateway ${gateway}: the input holds no Gateway; check the -f paths`
    : `--gateway ${gateway} is not in the input; it holds ${someOf(inInput, 10)}. Pass one of those, as NAMESPACE/NAME`;
}

export function destroyScopeText(): string {
  return 'say what to destroy: -f PATH (the Gateways in those manifests), --gateway NS/NAME (repeatable) or --all (every stack this cluster owns)';
}

export function nothingToDestroyText(named: readonly string[]): string {
  return named.length === 0 ? 'this cluster owns no stack; nothing to destroy' : `this cluster owns no stack for ${named.join(', ')}; nothing to destroy`;
}

export function lbcManagedText(managed: readonly { readonly gateway: string; readonly finalizer: string }[]): string {
  const names = managed.map((m) => `${m.gateway} (finalizer ${m.finalizer})`).join(', ');
  return `an in-cluster AWS Load Balancer Controller manages ${names}; it would undo gwlb's changes. Remove the Gateway from the input, or pass --take-over if LBC no longer runs.`;
}

export function lbcManagedWarning(managed: readonly { readonly gateway: string; readonly finalizer: string }[]): string {
  return `Warning: gwlb apply would refuse this plan: ${lbcManagedText(managed)}\n`;
}

export function lbcManagedDestroyText(managed: readonly { readonly gateway: string; readonly finalizer: string }[]): string {
  const names = managed.map((m) => `${m.gateway} (finalizer ${m.finalizer})`).join(', ');
  return `an in-cluster AWS Load Balancer Controller manages ${names}; it would recreate what gwlb deletes. Delete the Gateway in the cluster instead, or pass --take-over if LBC no longer runs.`;
}
