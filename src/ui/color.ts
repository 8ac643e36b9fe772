/** One chalk instance per invocation: colour only on a terminal, never with --no-color or NO_COLOR. */
import { Chalk, type ChalkInstance } from 'chalk';

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function colorWanted(stream: NodeJS.WriteStream, noColorFlag: boolean): boolean {
  if (noColorFlag || process.env['NO_COLOR'] !== undefined) return false;
  return Boolean(stream.isTTY);
}
