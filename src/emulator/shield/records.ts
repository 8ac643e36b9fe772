/**
 * Shield Advanced state as the emulator stores it: the account's subscription and its
 * protections, one per resource ARN. A protection outlives its resource (Shield does not delete
 * it when the load balancer goes), so DescribeProtection still finds it by the old ARN.
 */
export interface ProtectionRecord {
  readonly id: string;
  readonly name: string;
  readonly resourceArn: string;
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
}

export interface ShieldState {
  subscription: 'ACTIVE' | 'INACTIVE';
  /** Protection id → protection. */
  protections: Record<string, ProtectionRecord>;
}

export function emptyShieldState(): ShieldState {
  return { subscription: 'INACTIVE', protections: {} };
}
