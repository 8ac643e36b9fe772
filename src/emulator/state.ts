/**
 * The emulator's whole state, held in memory and optionally persisted as one JSON file. Writes
 * are atomic (temp file + rename) so a crash never leaves a half-written state behind, and a
 * reader in another process sees either the old file or the new one. A read-only store loads
 * the file but never writes it (`plan --sandbox`: describes still move LBs from provisioning to
 * active in memory, but a plan must not overwrite what a concurrent apply writes).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyAcmState, type AcmState } from './acm/records.js';
import { emptyEc2State, type Ec2State } from './ec2/records.js';
import { emptyElbv2State, type Elbv2State } from './elbv2/records.js';
import { emptyShieldState, type ShieldState } from './shield/records.js';
import { emptyWafv2State, type Wafv2State } from './wafv2/records.js';

export const STATE_FORMAT_VERSION = 1;

export interface EmulatorState {
  formatVersion: typeof STATE_FORMAT_VERSION;
  elbv2: Elbv2State;
  ec2: Ec2State;
  acm: AcmState;
  wafv2: Wafv2State;
  shield: ShieldState;
}

export function emptyState(): EmulatorState {
  return { formatVersion: STATE_FORMAT_VERSION, elbv2: emptyElbv2State(), ec2: emptyEc2State(), acm: emptyAcmState(), wafv2: emptyWafv2State(), shield: emptyShieldState() };
}

/** Owns the state object and its file; handlers call `changed()` after mutating. */
export class StateStore {
  private dirty = false;

  private constructor(
    public state: EmulatorState,
    readonly path: string | undefined,
    readonly readOnly = false,
  ) {}

  static open(path: string | undefined, options: { readOnly?: boolean } = {}): StateStore {
    const readOnly = options.readOnly ?? false;
    if (path === undefined || !existsSync(path)) return new StateStore(emptyState(), path, readOnly);
    const text = readFileSync(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`emulator state file ${path} is not valid JSON (${(err as Error).message}); delete it or point --state at another file`);
    }
    if (!isState(parsed)) {
      throw new Error(`emulator state file ${path} is not in format version ${STATE_FORMAT_VERSION}; delete it or point --state at another file`);
    }
    // A state file written before WAFv2 and Shield were emulated has neither: an empty account's.
    return new StateStore({ ...parsed, wafv2: parsed.wafv2 ?? emptyWafv2State(), shield: parsed.shield ?? emptyShieldState() }, path, readOnly);
  }

  changed(): void {
    this.dirty = true;
  }

  /** Writes the state if it changed since the last flush. */
  flush(): void {
    if (!this.dirty || this.path === undefined || this.readOnly) return;
    this.dirty = false;
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.path);
  }

  replace(state: EmulatorState): void {
    this.state = state;
    this.changed();
  }
}

function isState(value: unknown): value is Omit<EmulatorState, 'wafv2' | 'shield'> & Partial<Pick<EmulatorState, 'wafv2' | 'shield'>> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<EmulatorState>;
  return v.formatVersion === STATE_FORMAT_VERSION && typeof v.elbv2 === 'object' && typeof v.ec2 === 'object' && typeof v.acm === 'object';
}
