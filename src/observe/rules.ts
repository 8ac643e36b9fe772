/** A DescribeRules rule → ListenerRuleSpec. Priority is a string on the wire (aws-api-facts.md §0.5). */
import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ListenerRuleSpec } from '../model/stack.js';
import { actionsFromSdk, conditionsFromSdk, transformsFromSdk } from './actions.js';

export function ruleSpec(r: Rule, listenerArn: string): ListenerRuleSpec {
  const transforms = transformsFromSdk(r.Transforms);
  return {
    listenerARN: listenerArn,
    priority: Number(r.Priority ?? 0),
    actions: actionsFromSdk(r.Actions),
    conditions: conditionsFromSdk(r.Conditions),
    ...(transforms ? { transforms } : {}),
  };
}
