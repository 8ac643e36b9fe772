/**
 * Who may need the rules on the endpoint groups (rule-users.ts): per source group, the load
 * balancers attaching it; for CIDR sources, the load balancers attaching no group.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointGroup, IngressPermission } from '../plan/node-network.js';
import { rulesUsers } from './rule-users.js';

const fromGroup = (groupID: string): IngressPermission => ({ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'group', groupID }, description: '' });
const fromCidr: IngressPermission = { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'ipv4', cidr: '10.0.0.0/16' }, description: '' };
const group = (ingress: IngressPermission[]): EndpointGroup => ({ groupID: 'sg-node', tags: {}, ingress });
const lbs = [
  { LoadBalancerArn: 'arn:b', SecurityGroups: ['sg-backend', 'sg-frontend'] },
  { LoadBalancerArn: 'arn:a', SecurityGroups: ['sg-backend'] },
  { LoadBalancerArn: 'arn:nlb', SecurityGroups: [] },
  { LoadBalancerArn: 'arn:old-nlb' },
];

describe('rulesUsers', () => {
  it('lists, per source group of a rule, the load balancers attaching it (sorted); groups no rule names are left out', () => {
    expect(rulesUsers([group([fromGroup('sg-backend'), fromGroup('sg-unused')])], lbs)).toEqual({ attachedBy: { 'sg-backend': ['arn:a', 'arn:b'] }, withoutGroups: [] });
  });

  it('lists the load balancers without groups only when a rule names a CIDR', () => {
    expect(rulesUsers([group([fromCidr])], lbs)).toEqual({ attachedBy: {}, withoutGroups: ['arn:nlb', 'arn:old-nlb'] });
  });
});
