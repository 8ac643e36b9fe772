/**
 * What `gwlb destroy` and `gwlb plan --destroy` delete: the stacks of the Gateways in `-f`
 * manifests, of `--gateway NS/NAME` (repeatable), or every stack this cluster owns (`--all`).
 * With `--from-cluster`, the Gateways the cluster holds play the part of `-f`. Only names are
 * needed, so the manifests are read and checked but not modelled.
 */
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { DestroyScope } from '../plan/index.js';
import { nsName } from '../source/kube.js';
import { destroyScopeText } from '../ui/scope.js';
import { lbcManaged, type LbcManaged } from '../run/lbc-managed.js';
import { inputState } from '../run/pipeline.js';
import type { GwlbSettings } from '../run/settings.js';
import type { LoadResult } from '../source/snapshot.js';

export interface DestroyFlags {
  readonly all?: boolean;
  readonly gateway?: string[] | string;
}

export interface DestroyRequest {
  readonly scope: DestroyScope;
  /** The Gateways named (empty for --all). */
  readonly named: readonly string[];
  /** Named Gateways carrying LBC's finalizer: an in-cluster LBC manages them. */
  readonly lbcManaged: readonly LbcManaged[];
  readonly diagnostics: readonly Diagnostic[];
  readonly errored: boolean;
}

/** The request, or a one-line reason why the flags do not make one. */
export async function destroyRequest(flags: DestroyFlags, files: readonly string[], settings: GwlbSettings, loaded?: LoadResult): Promise<DestroyRequest | string> {
  const gateways = flags.gateway === undefined ? [] : Array.isArray(flags.gateway) ? flags.gateway : [flags.gateway];
  const hasInput = files.length > 0 || loaded !== undefined;
  if (flags.all && (hasInput || gateways.length > 0)) return '--all destroys every stack this cluster owns; pass it alone, without -f, --from-cluster or --gateway';
  if (!flags.all && !hasInput && gateways.length === 0) return destroyScopeText();
  const bad = gateways.find((g) => !/^[^/\s]+\/[^/\s]+$/.test(g));
  if (bad !== undefined) return `--gateway ${bad}: expected NAMESPACE/NAME`;
  if (flags.all) return { scope: { kind: 'all' }, named: [], lbcManaged: [], diagnostics: settings.diagnostics, errored: hasErrors(settings.diagnostics) };
  const input = hasInput ? await inputState({ files, settings, ...(loaded ? { loaded } : {}) }) : undefined;
  const fromFiles = input?.snapshot.gateways ?? [];
  const named = [...new Set([...fromFiles.map((g) => nsName(g)), ...gateways])].sort();
  const diagnostics = input?.diagnostics ?? settings.diagnostics;
  return { scope: { kind: 'gateways', gateways: named }, named, lbcManaged: lbcManaged(fromFiles), diagnostics, errored: hasErrors(diagnostics) };
}
