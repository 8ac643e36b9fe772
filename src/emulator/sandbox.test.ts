import { describe, expect, it } from 'vitest';
import { prepareSandbox, SANDBOX_TARGET_GROUP } from './sandbox.js';
import { SEED_VPC_ID, seededState } from './seed.js';
import { emptyState } from './state.js';

const clusterTags = (tags: readonly { Key: string; Value: string }[]) => tags.filter((t) => t.Key.startsWith('kubernetes.io/cluster/'));

describe('prepareSandbox', () => {
  it('tags the seeded VPC and every subnet shared for a new cluster name, once', () => {
    const state = seededState();
    expect(prepareSandbox(state, 'prod')).toBe(true);
    expect(clusterTags(state.ec2.vpcs[SEED_VPC_ID]!.tags)).toEqual([
      { Key: 'kubernetes.io/cluster/sandbox', Value: 'shared' },
      { Key: 'kubernetes.io/cluster/prod', Value: 'shared' },
    ]);
    for (const s of Object.values(state.ec2.subnets)) expect(clusterTags(s.tags).map((t) => t.Key)).toEqual(['kubernetes.io/cluster/sandbox', 'kubernetes.io/cluster/prod']);
    expect(prepareSandbox(state, 'prod')).toBe(false);
    expect(prepareSandbox(state, 'sandbox')).toBe(false);
  });

  it('adds the untagged out-of-band target group once', () => {
    const state = seededState();
    prepareSandbox(state, 'sandbox');
    const tg = state.elbv2.targetGroups[SANDBOX_TARGET_GROUP.arn];
    expect(tg).toMatchObject({ name: 'test-gw-import123', protocol: 'TCP', port: 443, targetType: 'ip', vpcId: SEED_VPC_ID });
    expect(state.elbv2.tags[SANDBOX_TARGET_GROUP.arn]).toEqual([]);
    expect(Object.keys(state.elbv2.targetGroups)).toHaveLength(1);
  });

  it('leaves a state without the seeded VPC alone', () => {
    const state = emptyState();
    expect(prepareSandbox(state, 'prod')).toBe(false);
    expect(state).toEqual(emptyState());
  });
});
