/**
 * What starts a watch round, and the seam every trigger source plugs into. The loop does not know
 * where triggers come from: the file watcher (file-watch.ts), the AWS resync timer (resync.ts) and,
 * for `--from-cluster`, the Kubernetes list-then-watch client (kube-watch.ts) are all
 * `TriggerSource`s, started with the function they call for each trigger; a source written as
 * an async generator plugs in through `iterableSource`. (run.ts takes extra sources and the
 * function that reads a round's input, so a cluster source needs no change to the loop.)
 */

export type Trigger =
  /** The first round, at start-up. */
  | { readonly kind: 'initial' }
  /** Manifests changed: the paths reported (relative to the watched root), deduplicated per batch. */
  | { readonly kind: 'files'; readonly paths: readonly string[] }
  /** Cluster objects changed (`kind ns/name`), from the cluster watch. */
  | { readonly kind: 'cluster'; readonly objects: readonly string[] }
  /** The resync timer: nothing changed in the input; AWS is read again to find drift. */
  | { readonly kind: 'resync' }
  /** A round failed to read (files, cluster or AWS); this is its retry, `attempt` from 1. */
  | { readonly kind: 'retry'; readonly attempt: number };

export type TriggerKind = Trigger['kind'];

/** Something that emits triggers until stopped. */
export interface TriggerSource {
  /** Starts emitting through `emit`; the returned function stops it (closes watchers, timers). */
  start(emit: (trigger: Trigger) => void): () => void;
}

/**
 * A source from an async iterable of triggers (a cluster watch written as a generator): each
 * value is emitted as it comes; stopping ends the iteration (`return()` on the iterator, which
 * runs the generator's `finally`). An iterator that throws ends the source; the error is passed
 * to `onError`, since a source that stops silently would leave the loop blind.
 */
export function iterableSource(iterable: AsyncIterable<Trigger>, onError: (err: unknown) => void = () => {}): TriggerSource {
  return {
    start(emit) {
      const it = iterable[Symbol.asyncIterator]();
      let stopped = false;
      void (async () => {
        try {
          for (let r = await it.next(); !r.done && !stopped; r = await it.next()) emit(r.value);
        } catch (err) {
          if (!stopped) onError(err);
        }
      })();
      return () => {
        stopped = true;
        void it.return?.(undefined)?.catch(() => {});
      };
    },
  };
}

/**
 * A batch of triggers as one: what a round reports it was started by. File paths and cluster
 * objects are merged; `initial` wins over everything (it reads all), then `retry`, then changes,
 * then `resync`, since a round started by a change also finds any drift.
 */
export function mergeTriggers(batch: readonly Trigger[]): Trigger {
  const first = (kind: TriggerKind) => batch.find((t) => t.kind === kind);
  const initial = first('initial');
  if (initial) return initial;
  const retry = batch.filter((t): t is Extract<Trigger, { kind: 'retry' }> => t.kind === 'retry').at(-1);
  if (retry) return retry;
  const paths = unique(batch.flatMap((t) => (t.kind === 'files' ? t.paths : [])));
  const objects = unique(batch.flatMap((t) => (t.kind === 'cluster' ? t.objects : [])));
  if (objects.length > 0) return { kind: 'cluster', objects };
  if (paths.length > 0 || first('files')) return { kind: 'files', paths };
  return { kind: 'resync' };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}

/**
 * Whether a round started by `trigger` saw no change to the input, so any change it plans is drift
 * in AWS (or an edit outside the input the resync cannot tell apart).
 */
export function isInputUnchanged(trigger: Trigger): boolean {
  switch (trigger.kind) {
    case 'resync':
      return true;
    case 'initial':
    case 'files':
    case 'cluster':
    case 'retry':
      return false;
  }
}
