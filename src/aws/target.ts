/** `--sandbox` / `--endpoint-url URL` / `--region` `--profile` → which AWS to talk to. */
import type { AwsTarget } from './clients.js';
import { AwsSetupError } from './errors.js';

export interface TargetFlags {
  readonly sandbox?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly profile?: string;
}

/** Everything before `://`; a scheme is a letter then letters, digits, `+`, `-` or `.` (RFC 3986). */
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * `--endpoint-url` as the SDK needs it: an http or https URL. Without a scheme, `new URL` would
 * read `localhost:4566` as scheme `localhost:` and the SDK would fail later with an unrelated
 * message, so the user is told the fix instead.
 */
export function endpointUrl(raw: string): string {
  const notUrl = () => new AwsSetupError(`--endpoint-url ${raw} is not a URL; pass e.g. --endpoint-url http://127.0.0.1:4566 (what \`gwlb emulator\` prints)`);
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // `localhost:4566` or `10.0.0.5`: a host (and port) that only lacks its scheme.
    if (URL.canParse(`http://${raw}`)) throw new AwsSetupError(`--endpoint-url ${raw} has no scheme; did you mean http://${raw}?`);
    throw notUrl();
  }
  if (scheme !== 'http' && scheme !== 'https') throw new AwsSetupError(`--endpoint-url ${raw}: the scheme must be http or https, not ${scheme}`);
  if (!URL.canParse(raw)) throw notUrl();
  return raw;
}

/** `readOnly`: a command that only reads (plan) never writes the sandbox state, so it needs no lock. */
export function awsTarget(flags: TargetFlags, configRegion?: string, options: { readOnly?: boolean } = {}): AwsTarget {
  const region = flags.region ?? configRegion;
  // Commander rejects these combinations on the command line (commands/common.ts); this guards other callers.
  if (flags.sandbox && flags.endpointUrl) throw new AwsSetupError('--sandbox and --endpoint-url both name an AWS endpoint; pass one of them');
  if (flags.sandbox) return { kind: 'sandbox', ...(region ? { region } : {}), ...(options.readOnly ? { readOnly: true } : {}) };
  if (flags.endpointUrl) return { kind: 'endpoint', url: endpointUrl(flags.endpointUrl), ...(region ? { region } : {}) };
  return { kind: 'live', ...(region ? { region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) };
}
