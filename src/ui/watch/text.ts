/** The sentences of `gwlb watch`'s usage refusals. */

export function stdinWatchText(): string {
  return '-f - (stdin) can be read only once; watch needs files or directories it can read again (or pass --once)';
}

export function offlineApplyText(): string {
  return '--apply needs an AWS target: drop --offline, or pass --sandbox or --endpoint-url URL';
}

export function resyncDurationText(value: string): string {
  return `--resync ${value} is not a duration; pass e.g. 30s, 10m (the default) or 1h, or 0 to never re-read AWS on a timer`;
}
