/** Whether a redrawing view (apply's progress, watch's dashboard) suits stdout; imports no ink. */

const env = (name: string): boolean => {
  const v = process.env[name];
  return v !== undefined && v !== '0' && v !== 'false';
};

/**
 * The ink view only for a person at a terminal: stdout a TTY, colour not refused (`--no-color`,
 * NO_COLOR), not CI (CI log viewers keep every redraw), and a terminal that can redraw.
 */
export function wantsProgressView(stream: { readonly isTTY?: boolean }, noColorFlag: boolean): boolean {
  if (!stream.isTTY || noColorFlag) return false;
  if (process.env['NO_COLOR'] !== undefined || process.env['TERM'] === 'dumb') return false;
  return !env('CI') && !env('CONTINUOUS_INTEGRATION');
}
