/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/listener_rule_config_utils_test.go. Both functions
 * decide which ListenerRuleConfigurations a Secret event must requeue (the controller's watch
 * triggers); they change nothing LBC builds or writes. gwlb plans from the whole input each time,
 * so every case is listed as not expressible.
 */
import { skipCase } from './harness.js';

const T = 'listener_rule_config_utils_test.go';
const WATCH = "watch trigger (which ListenerRuleConfigurations a Secret event requeues); no effect on the model or statuses";

for (const name of [
  'Nil secret returns nil',
  'No ListenerRuleConfigurations reference the secret',
  'Single ListenerRuleConfiguration references the secret',
  'Multiple ListenerRuleConfigurations, some reference the secret',
  'Secret reference with other namespace',
  'K8s client error',
]) {
  skipCase(`${T} TestFilterListenerRuleConfigBySecret/${name}`, WATCH);
}

for (const name of [
  'No actions',
  'Actions with no OIDC config',
  'OIDC action with no secret',
  'OIDC action with matching secret (same namespace)',
  'OIDC action with matching secret (explicit namespace)',
  'OIDC action with non-matching secret name',
  'Multiple actions, one matches',
]) {
  skipCase(`${T} TestIsListenerRuleConfigReferencingSecret/${name}`, WATCH);
}
