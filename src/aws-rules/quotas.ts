/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS).
 *
 * This file: per-load-balancer and per-security-group quotas (ELBv2 and EC2 default quotas),
 * with the messages AWS gives when a call would exceed them.
 */

export const QUOTAS = { listenersPerLoadBalancer: 50, uniqueTargetGroupsPerLoadBalancer: 100, securityGroupRules: 60 } as const;

export const TOO_MANY_LISTENERS_MESSAGE = `A load balancer can have at most ${QUOTAS.listenersPerLoadBalancer} listeners`;
export const TOO_MANY_UNIQUE_TARGET_GROUPS_MESSAGE = `A load balancer can forward to at most ${QUOTAS.uniqueTargetGroupsPerLoadBalancer} unique target groups`;
export const SECURITY_GROUP_RULES_MESSAGE = 'The maximum number of rules per security group has been reached.';
