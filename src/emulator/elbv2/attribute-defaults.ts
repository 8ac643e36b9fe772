/**
 * Default attributes per resource type (aws-api-facts.md §3.7). Describe*Attributes returns every
 * key that applies; Modify*Attributes rejects keys that do not apply to the resource.
 */
import type { LoadBalancerRecord, TargetGroupRecord } from './records.js';

export function loadBalancerAttributeDefaults(type: LoadBalancerRecord['type'], scheme: LoadBalancerRecord['scheme']): Record<string, string> {
  const common = { 'deletion_protection.enabled': 'false', 'load_balancing.cross_zone.enabled': type === 'application' ? 'true' : 'false' };
  if (type === 'gateway') return common;
  const albNlb = {
    'access_logs.s3.enabled': 'false',
    'access_logs.s3.bucket': '',
    'access_logs.s3.prefix': '',
    'ipv6.deny_all_igw_traffic': scheme === 'internal' ? 'true' : 'false',
    'zonal_shift.config.enabled': 'false',
  };
  if (type === 'network') {
    return { ...common, ...albNlb, 'dns_record.client_routing_policy': 'any_availability_zone', 'secondary_ips.auto_assigned.per_subnet': '0' };
  }
  return {
    ...common,
    ...albNlb,
    'idle_timeout.timeout_seconds': '60',
    'client_keep_alive.seconds': '3600',
    'connection_logs.s3.enabled': 'false',
    'connection_logs.s3.bucket': '',
    'connection_logs.s3.prefix': '',
    'health_check_logs.s3.enabled': 'false',
    'health_check_logs.s3.bucket': '',
    'health_check_logs.s3.prefix': '',
    'routing.http.desync_mitigation_mode': 'defensive',
    'routing.http.drop_invalid_header_fields.enabled': 'false',
    'routing.http.preserve_host_header.enabled': 'false',
    'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': 'false',
    'routing.http.xff_client_port.enabled': 'false',
    'routing.http.xff_header_processing.mode': 'append',
    'routing.http2.enabled': 'true',
    'waf.fail_open.enabled': 'false',
  };
}

const NLB_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'];

export function isNetworkProtocol(protocol: string | undefined): boolean {
  return protocol !== undefined && NLB_PROTOCOLS.includes(protocol);
}

export function targetGroupAttributeDefaults(tg: Pick<TargetGroupRecord, 'protocol' | 'targetType'>): Record<string, string> {
  if (tg.targetType === 'lambda') return { 'lambda.multi_value_headers.enabled': 'false' };
  if (tg.protocol === 'GENEVE') {
    return {
      'deregistration_delay.timeout_seconds': '300',
      'stickiness.enabled': 'false',
      'stickiness.type': 'source_ip_dest_ip',
      'target_failover.on_deregistration': 'no_rebalance',
      'target_failover.on_unhealthy': 'no_rebalance',
    };
  }
  const health = {
    'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
    'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
    'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
    'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
    'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
  };
  if (isNetworkProtocol(tg.protocol)) {
    const udp = tg.protocol === 'UDP' || tg.protocol === 'TCP_UDP';
    return {
      'deregistration_delay.timeout_seconds': '300',
      'stickiness.enabled': 'false',
      'stickiness.type': 'source_ip',
      ...health,
      'deregistration_delay.connection_termination.enabled': udp ? 'true' : 'false',
      'preserve_client_ip.enabled': tg.targetType === 'ip' && !udp ? 'false' : 'true',
      'proxy_protocol_v2.enabled': 'false',
      'target_health_state.unhealthy.connection_termination.enabled': 'true',
      'target_health_state.unhealthy.draining_interval_seconds': '0',
    };
  }
  return {
    'deregistration_delay.timeout_seconds': '300',
    'stickiness.enabled': 'false',
    'stickiness.type': 'lb_cookie',
    ...health,
    'load_balancing.algorithm.type': 'round_robin',
    'load_balancing.algorithm.anomaly_mitigation': 'off',
    'slow_start.duration_seconds': '0',
    'stickiness.lb_cookie.duration_seconds': '86400',
    'stickiness.app_cookie.cookie_name': '',
    'stickiness.app_cookie.duration_seconds': '86400',
  };
}

const ALB_LISTENER_ATTRIBUTES: Record<string, string> = {
  'routing.http.request.x_amzn_mtls_clientcert_serial_number.header_name': 'X-Amzn-Mtls-Clientcert-Serial-Number',
  'routing.http.request.x_amzn_mtls_clientcert_issuer.header_name': 'X-Amzn-Mtls-Clientcert-Issuer',
  'routing.http.request.x_amzn_mtls_clientcert_subject.header_name': 'X-Amzn-Mtls-Clientcert-Subject',
  'routing.http.request.x_amzn_mtls_clientcert_validity.header_name': 'X-Amzn-Mtls-Clientcert-Validity',
  'routing.http.request.x_amzn_mtls_clientcert_leaf.header_name': 'X-Amzn-Mtls-Clientcert-Leaf',
  'routing.http.request.x_amzn_mtls_clientcert.header_name': 'X-Amzn-Mtls-Clientcert',
  'routing.http.request.x_amzn_tls_version.header_name': 'X-Amzn-Tls-Version',
  'routing.http.request.x_amzn_tls_cipher_suite.header_name': 'X-Amzn-Tls-Cipher-Suite',
  'routing.http.response.server.enabled': 'true',
  'routing.http.response.strict_transport_security.header_value': '',
  'routing.http.response.access_control_allow_origin.header_value': '',
  'routing.http.response.access_control_allow_methods.header_value': '',
  'routing.http.response.access_control_allow_headers.header_value': '',
  'routing.http.response.access_control_allow_credentials.header_value': '',
  'routing.http.response.access_control_expose_headers.header_value': '',
  'routing.http.response.access_control_max_age.header_value': '',
  'routing.http.response.content_security_policy.header_value': '',
  'routing.http.response.x_content_type_options.header_value': '',
  'routing.http.response.x_frame_options.header_value': '',
};

export function listenerAttributeDefaults(lbType: LoadBalancerRecord['type'], protocol: string | undefined): Record<string, string> {
  if (lbType === 'application') return { ...ALB_LISTENER_ATTRIBUTES };
  if (protocol === 'TCP' || lbType === 'gateway') return { 'tcp.idle_timeout.seconds': '350' };
  return {};
}
