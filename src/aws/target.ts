/** `--sandbox` / `--endpoint-url URL` / `--region` `--profile` → which AWS to talk to. */
import type { AwsTarget } from './clients.js';
import { AwsSetupError } from './errors.js';

export interface TargetFlags {
  readonly sandbox?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly profile?: string;
}

/** `readOnly`: a command that only reads (plan) never writes the sandbox state, so it needs no lock. */
export function awsTarget(flags: TargetFlags, configRegion?: string, options: { readOnly?: boolean } = {}): AwsTarget {
  const region = flags.region ?? configRegion;
  if (flags.sandbox && flags.endpointUrl) throw new AwsSetupError('--sandbox and --endpoint-url both name an AWS endpoint; pass one of them');
  if (flags.sandbox) return { kind: 'sandbox', ...(region ? { region } : {}), ...(options.readOnly ? { readOnly: true } : {}) };
  if (flags.endpointUrl) return { kind: 'endpoint', url: flags.endpointUrl, ...(region ? { region } : {}) };
  return { kind: 'live', ...(region ? { region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) };
}
