import { describe, expect, it } from 'vitest';
import { webAclsOf } from './addons.js';

/** A fake WAFv2 account: web ACL → associated ALBs, counting calls. */
function account(associations: Record<string, string[]>) {
  const calls: string[] = [];
  return {
    calls,
    api: {
      async webAclOf(arn: string) {
        calls.push('GetWebACLForResource');
        if (arn.endsWith('gone')) throw Object.assign(new Error('gone'), { name: 'WAFNonexistentItemException' });
        return Object.entries(associations).find(([, lbs]) => lbs.includes(arn))?.[0] ?? '';
      },
      async webAcls() {
        calls.push('ListWebACLs');
        return Object.keys(associations);
      },
      async resourcesOf(acl: string) {
        calls.push('ListResourcesForWebACL');
        return associations[acl] ?? [];
      },
    },
  };
}

describe('webAclsOf', () => {
  it('looks up one or two ALBs directly (GetWebACLForResource), a deleted one as none', async () => {
    const a = account({ acl1: ['lb1'], acl2: [], acl3: [] });
    expect(await webAclsOf(a.api, ['lb1', 'lb-gone'])).toEqual(new Map([['lb1', 'acl1'], ['lb-gone', '']]));
    expect(a.calls).toEqual(['GetWebACLForResource', 'GetWebACLForResource']);
  });

  it('with more ALBs than web ACLs, lists each web ACL’s resources instead: the same answer in fewer calls', async () => {
    const a = account({ acl1: ['lb1', 'lb3', 'other-cluster-lb'], acl2: ['lb2'] });
    const got = await webAclsOf(a.api, ['lb1', 'lb2', 'lb3', 'lb4']);
    expect(got).toEqual(new Map([['lb1', 'acl1'], ['lb3', 'acl1'], ['lb2', 'acl2']]));
    expect(a.calls.sort()).toEqual(['ListResourcesForWebACL', 'ListResourcesForWebACL', 'ListWebACLs']);
  });

  it('with as many web ACLs as ALBs, keeps to one lookup per ALB', async () => {
    const a = account({ acl1: ['lb1'], acl2: [], acl3: [] });
    expect((await webAclsOf(a.api, ['lb1', 'lb2', 'lb3'])).get('lb1')).toBe('acl1');
    expect(a.calls.filter((c) => c === 'GetWebACLForResource')).toHaveLength(3);
  });
});
