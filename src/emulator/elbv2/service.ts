/**
 * The ELBv2 action table: every supported `Action=` and its handler. An action not listed here
 * is answered with InvalidAction by the dispatcher (aws-api-facts.md §6).
 */
import { describeAccountLimits } from './account-limits.js';
import {
  describeListenerAttributes,
  describeLoadBalancerAttributes,
  describeTargetGroupAttributes,
  modifyListenerAttributes,
  modifyLoadBalancerAttributes,
  modifyTargetGroupAttributes,
} from './attributes.js';
import { describeCapacityReservation, modifyCapacityReservation } from './capacity.js';
import type { Elbv2Handler } from './context.js';
import { addListenerCertificates, describeListenerCertificates, removeListenerCertificates } from './listener-certificates.js';
import { createListener, deleteListener, describeListeners, modifyListener } from './listeners.js';
import { createLoadBalancer, deleteLoadBalancer, describeLoadBalancers, setIpAddressType, setSecurityGroups, setSubnets } from './load-balancers.js';
import { createRule, deleteRule, describeRules, modifyRule, setRulePriorities } from './rules.js';
import { describeSslPolicies } from './ssl-policies.js';
import { addTags, describeTags, removeTags } from './tags.js';
import { createTargetGroup, deleteTargetGroup, describeTargetGroups, modifyTargetGroup } from './target-groups.js';
import { deregisterTargets, describeTargetHealth, registerTargets } from './targets.js';

export const ELBV2_ACTIONS: Readonly<Record<string, Elbv2Handler>> = {
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  SetSubnets: setSubnets,
  SetSecurityGroups: setSecurityGroups,
  SetIpAddressType: setIpAddressType,
  DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
  ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
  DescribeCapacityReservation: describeCapacityReservation,
  ModifyCapacityReservation: modifyCapacityReservation,
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  ModifyTargetGroup: modifyTargetGroup,
  DeleteTargetGroup: deleteTargetGroup,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
  DescribeTargetHealth: describeTargetHealth,
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
  DescribeListenerAttributes: describeListenerAttributes,
  ModifyListenerAttributes: modifyListenerAttributes,
  AddListenerCertificates: addListenerCertificates,
  RemoveListenerCertificates: removeListenerCertificates,
  DescribeListenerCertificates: describeListenerCertificates,
  CreateRule: createRule,
  DescribeRules: describeRules,
  ModifyRule: modifyRule,
  DeleteRule: deleteRule,
  SetRulePriorities: setRulePriorities,
  AddTags: addTags,
  RemoveTags: removeTags,
  DescribeTags: describeTags,
  DescribeSSLPolicies: describeSslPolicies,
  DescribeAccountLimits: describeAccountLimits,
};
