/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS).
 *
 * This file: listener and rule actions (aws-api-facts.md §2.3 "Actions", §3.4).
 */

export const REDIRECT_STATUS_CODES = ['HTTP_301', 'HTTP_302'] as const;
export const MAX_FIXED_RESPONSE_BODY = 1024;

/** Code InvalidLoadBalancerAction: a redirect must not downgrade an HTTPS listener. */
export const HTTPS_TO_HTTP_REDIRECT_MESSAGE = 'Redirects from HTTPS to HTTP are not allowed';
/** Code InvalidLoadBalancerAction: a redirect that keeps every part of the URL points at itself. */
export const REDIRECT_LOOP_MESSAGE = 'The redirect configuration is not valid because it creates a loop.';
/** Code ValidationError. */
export const DUPLICATE_FORWARD_TARGET_GROUP_MESSAGE = 'A target group can appear only once in a forward action';

/** Code InvalidLoadBalancerAction, or undefined when the path is absolute. */
export function redirectPathError(path: string): string | undefined {
  return path.startsWith('/') ? undefined : `Redirect path '${path}' must start with '/'`;
}
