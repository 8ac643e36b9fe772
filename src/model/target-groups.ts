/**
 * Target groups and TargetGroupBindings (pkg/gateway/model/model_build_target_group.go). A TG is
 * shared by every use with the same resource id; the first build wins (ports ascend, so the
 * lowest listener port decides e.g. the protocol version).
 */
import type { AttachedRoute, LoadedBackend } from '../resolve/types.js';
import type { TargetGroupProps } from '../source/lbc-crds.js';
import type { BuildContext, At } from './context.js';
import { CODES } from './context.js';
import { unknown, type UnknownValue } from './discovery.js';
import { buildHealthCheck } from './health-checks.js';
import { targetGroupName, targetGroupResourceId } from './names.js';
import { externalManagedTagMessage, processTags } from './tags.js';
import { buildTargetGroupNetworking } from './tg-networking.js';
import { servicePropsForRoute, propsForRoute } from './tg-props.js';
import { computeTargets } from './targets.js';
import type { Service, ServicePort } from '../source/core-kinds.js';
import type { Assigned, IPAddressType, Protocol, ProtocolVersion, StringToken, TargetGroupSpec, TargetType } from './stack.js';
import { RT, resourceRef } from './stack.js';

export interface TgRequest {
  readonly port: number;
  readonly listenerProtocol: Protocol;
  readonly lbIpType: IPAddressType;
  readonly attached: AttachedRoute;
  readonly backend: LoadedBackend;
  /** Where the backendRef is, for diagnostics. */
  readonly at: At;
}

function protocolFor(ctx: BuildContext, props: TargetGroupProps | undefined, routeKind: string, listenerProtocol: Protocol): Protocol | string {
  const lb = ctx.gw.loadBalancerType;
  if (lb === 'network' && (listenerProtocol === 'TCP_UDP' || listenerProtocol === 'QUIC' || listenerProtocol === 'TCP_QUIC')) return listenerProtocol;
  if (props?.protocol !== undefined) {
    if (lb === 'application') {
      return props.protocol === 'HTTP' || props.protocol === 'HTTPS' ? props.protocol : `backend protocol must be within [HTTP, HTTPS]: ${props.protocol}`;
    }
    return ['TCP', 'TLS', 'UDP', 'TCP_UDP'].includes(props.protocol)
      ? (props.protocol as Protocol)
      : `backend protocol must be within [TCP, UDP, TCP_UDP, TLS, QUIC, TCP_QUIC]: ${props.protocol}`;
  }
  switch (routeKind) {
    case 'UDPRoute':
      return 'UDP';
    case 'HTTPRoute':
    case 'GRPCRoute':
      return 'HTTP';
    case 'TLSRoute':
      return lb === 'network' ? 'TLS' : 'HTTPS';
    default:
      return 'TCP';
  }
}

/** `buildTargetGroupProtocolVersion`: ALB only; non-HTTPS listeners always HTTP1. */
function versionFor(ctx: BuildContext, props: TargetGroupProps | undefined, routeKind: string, listenerProtocol: Protocol, appProtocol?: string): ProtocolVersion | undefined {
  if (ctx.gw.loadBalancerType === 'network') return undefined;
  if (listenerProtocol !== 'HTTPS') return 'HTTP1';
  if (props?.protocolVersion !== undefined) return props.protocolVersion;
  if (routeKind === 'GRPCRoute') return 'GRPC';
  if (appProtocol === 'kubernetes.io/h2c') return 'HTTP2';
  return 'HTTP1';
}

function tgArn(id: string): StringToken {
  return resourceRef(RT.targetGroup, id, 'targetGroupARN');
}

export function buildTargetGroup(ctx: BuildContext, req: TgRequest): StringToken | undefined {
  const { backend, attached } = req;
  const route = attached.route;
  const gw = ctx.gw.gateway.metadata;
  const kind = route.kind;
  if (backend.kind === 'targetGroupName') {
    if (ctx.facts.kind === 'unknown') return unknown(`target group ARN of ${backend.name}`);
    const arn = ctx.facts.targetGroupArnsByName[backend.name];
    if (arn === undefined) {
      ctx.error(CODES.targetGroupName, `expecting a single targetGroup with query [${backend.name}] but got 0`, req.at);
      return undefined;
    }
    return arn;
  }
  const fail = (message: string): undefined => {
    ctx.error(CODES.targetGroup, `${route.kind} ${route.metadata.namespace}/${route.metadata.name}: ${message}`, req.at);
    return undefined;
  };

  if (backend.kind === 'gateway') {
    const target = backend.gateway.metadata;
    const id = targetGroupResourceId(gw.namespace, gw.name, route.metadata.namespace, route.metadata.name, kind, target.namespace, target.name, String(backend.port));
    if (ctx.tgByResId.has(id)) return tgArn(id);
    const props = propsForRoute(backend.targetGroupConfig, route.metadata.name, route.metadata.namespace, kind);
    const protocol = protocolFor(ctx, props, kind, req.listenerProtocol);
    if (!isProtocol(protocol)) return fail(protocol);
    const version = versionFor(ctx, props, kind, req.listenerProtocol);
    // Health check port for ALB targets: anything but traffic-port becomes the backendRef port.
    const hcPort = props?.healthCheckConfig?.healthCheckPort;
    const port = hcPort === undefined || hcPort === 'traffic-port' ? 'traffic-port' : backend.port;
    const tags = processTags(props?.tags, ctx.settings);
    if (!tags.ok) return fail(externalManagedTagMessage(tags.key));
    if (props?.targetControlPort !== undefined) return fail('target control port is not supported for ALB target target group');
    const name =
      props?.targetGroupName ??
      targetGroupName({
        cluster: ctx.settings.clusterName,
        gatewayNamespace: gw.namespace,
        gatewayName: gw.name,
        routeNamespace: route.metadata.namespace,
        routeName: route.metadata.name,
        routeKind: kind,
        backendNamespace: target.namespace,
        backendName: target.name,
        port: String(backend.port),
        targetType: 'alb',
        protocol,
        ...(version ? { protocolVersion: version } : {}),
      });
    const spec: TargetGroupSpec = {
      name,
      targetType: 'alb',
      port: backend.port,
      protocol,
      ...(version ? { protocolVersion: version } : {}),
      ipAddressType: 'ipv4',
      healthCheckConfig: buildHealthCheck({ lbType: ctx.gw.loadBalancerType, config: props?.healthCheckConfig, tgProtocol: protocol, protocolVersion: version, targetType: 'alb', localTrafficPolicy: false, port }),
      targetGroupAttributes: props?.targetGroupAttributes?.map((a) => ({ key: a.key, value: a.value })) ?? [],
      tags: tags.tags,
    };
    ctx.tgByResId.set(id, spec);
    ctx.add({ type: RT.targetGroup, id, spec });
    ctx.frontendNlb[name] = { Name: name, ARN: tgArn(id), Port: req.port, TargetARN: backend.albArn, TargetPort: backend.port };
    ctx.targets.push({ kind: 'alb', targetGroupId: id, albArn: backend.albArn, port: backend.port });
    return tgArn(id);
  }

  // Service backend. LBC builds the spec before the dedupe check, so errors surface on every use.
  const svc = backend.service;
  const sp = backend.servicePort;
  const props = servicePropsForRoute(backend.targetGroupConfig, ctx.gw.defaultTargetGroupConfig, route.metadata.name, route.metadata.namespace, kind);
  const targetType: TargetType = props?.targetType ?? ctx.settings.defaultTargetType;
  const protocol = protocolFor(ctx, props, kind, req.listenerProtocol);
  if (!isProtocol(protocol)) return fail(protocol);
  const version = versionFor(ctx, props, kind, req.listenerProtocol, sp.appProtocol);
  const svcSpec = svc.spec as typeof svc.spec & { externalTrafficPolicy?: string; healthCheckNodePort?: number };
  const local = targetType === 'instance' && svcSpec.externalTrafficPolicy === 'Local' && ctx.gw.loadBalancerType === 'network';
  const hc = healthCheckPort(props, targetType, local, svc.spec.ports, svcSpec.healthCheckNodePort);
  if (typeof hc === 'object') return fail(hc.error);
  const ipv6 = (svc.spec.ipFamilies ?? []).includes('IPv6');
  if (ipv6 && req.lbIpType === 'ipv4') return fail('unsupported IPv6 configuration, lb not dual-stack');
  const tags = processTags(props?.tags, ctx.settings);
  if (!tags.ok) return fail(externalManagedTagMessage(tags.key));
  const tgPort = targetType === 'instance' ? (sp.nodePort ?? 0) : typeof sp.targetPort === 'number' ? sp.targetPort : 1;
  const pendingPort = targetType === 'instance' ? pendingNodePort(svc, sp) : undefined;
  const identifierPort = String(sp.targetPort);
  let targetControlPort: number | undefined;
  if (props?.targetControlPort !== undefined) {
    if (protocol !== 'HTTP' && protocol !== 'HTTPS') return fail(`target control port is only supported for HTTP and HTTPS protocols, got: ${protocol}`);
    if (targetType === 'instance') return fail('target control port is not supported for instance target target group');
    targetControlPort = props.targetControlPort;
  }
  if (tgPort === 0 && !pendingPort) {
    return fail(
      targetType === 'ip'
        ? 'TargetGroup port is empty. Are you using the correct service type?'
        : "TargetGroup port is empty. When using Instance targets, your service must be of type 'NodePort' or 'LoadBalancer'",
    );
  }
  const id = targetGroupResourceId(gw.namespace, gw.name, route.metadata.namespace, route.metadata.name, kind, svc.metadata.namespace, svc.metadata.name, identifierPort);
  if (ctx.tgByResId.has(id)) return tgArn(id);
  const hashedName =
    props?.targetGroupName ??
    targetGroupName({
      cluster: ctx.settings.clusterName,
      gatewayNamespace: gw.namespace,
      gatewayName: gw.name,
      routeNamespace: route.metadata.namespace,
      routeName: route.metadata.name,
      routeKind: kind,
      backendNamespace: svc.metadata.namespace,
      backendName: svc.metadata.name,
      port: targetType === 'instance' ? String(tgPort) : identifierPort,
      targetType,
      protocol,
      ...(version ? { protocolVersion: version } : {}),
      ...(targetControlPort !== undefined ? { targetControlPort } : {}),
    });
  // buildTargetGroupName hashes the port: a name set by targetGroupName stays known.
  const name = pendingPort && props?.targetGroupName === undefined ? unknown(`target group name (it hashes the ${pendingPort.$unknown})`) : hashedName;
  if (pendingPort) ctx.pendingNodePorts.push({ service: svc, port: sp.port, targetGroupId: id });
  const spec: TargetGroupSpec = {
    name,
    targetType,
    port: pendingPort ?? tgPort,
    protocol,
    ...(version ? { protocolVersion: version } : {}),
    ipAddressType: ipv6 ? 'ipv6' : 'ipv4',
    healthCheckConfig: buildHealthCheck({ lbType: ctx.gw.loadBalancerType, config: props?.healthCheckConfig, tgProtocol: protocol, protocolVersion: version, targetType, localTrafficPolicy: local, port: hc }),
    targetGroupAttributes: props?.targetGroupAttributes?.map((a) => ({ key: a.key, value: a.value })) ?? [],
    tags: tags.tags,
  };
  ctx.tgByResId.set(id, spec);
  ctx.add({ type: RT.targetGroup, id, spec });
  const trafficPort: Assigned<string | number> = targetType === 'instance' ? (pendingPort ?? tgPort) : sp.targetPort;
  const networking = buildTargetGroupNetworking(ctx, spec, trafficPort, id);
  const infra = ctx.gw.gateway.spec.infrastructure;
  const nodeSelector = targetType === 'instance' ? props?.nodeSelector : undefined;
  ctx.add({
    type: RT.targetGroupBinding,
    id,
    spec: {
      template: {
        metadata: { name, namespace: svc.metadata.namespace, labels: { ...(infra?.labels ?? {}) }, annotations: { ...(infra?.annotations ?? {}) } },
        spec: {
          targetGroupARN: tgArn(id),
          targetType: targetType === 'ip' ? 'ip' : 'instance',
          serviceRef: { name: svc.metadata.name, port: sp.port },
          ...(networking ? { networking } : {}),
          ...(nodeSelector ? { nodeSelector } : {}),
          ipAddressType: spec.ipAddressType,
          vpcID: ctx.vpcId,
          ...(props?.enableMultiCluster === true ? { multiClusterTargetGroup: true } : {}),
          targetGroupProtocol: protocol,
        },
      },
    },
  });
  ctx.targets.push(computeTargets(ctx, id, svc, sp, targetType === 'ip' ? 'ip' : 'instance', nodeSelector));
  return tgArn(id);
}

/**
 * The nodePort of an instance target group's Service port when the input lacks it but the API
 * server would assign one (model_build_target_group.go 280–297 uses it as the TG port and hashes
 * it into the name): a NodePort Service, or a LoadBalancer one that allocates nodePorts. Manifests
 * from files usually lack it; a cluster's Service has it. Anything else (ClusterIP, or
 * `allocateLoadBalancerNodePorts: false`) has no nodePort in the cluster either: LBC's error.
 */
function pendingNodePort(svc: Service, sp: ServicePort): UnknownValue | undefined {
  if (sp.nodePort) return undefined;
  const assigns = svc.spec.type === 'NodePort' || (svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);
  return assigns ? unknown(`nodePort of Service ${svc.metadata.namespace}/${svc.metadata.name} port ${sp.port}`) : undefined;
}

function isProtocol(p: string): p is Protocol {
  return ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'].includes(p);
}

/** `GetHealthCheckPort` (backend_service.go). */
function healthCheckPort(
  props: TargetGroupProps | undefined,
  targetType: TargetType,
  local: boolean,
  ports: readonly { name?: string; port: number; targetPort: number | string; nodePort?: number }[],
  healthCheckNodePort: number | undefined,
): string | number | { error: string } {
  const configured = props?.healthCheckConfig?.healthCheckPort;
  if (configured === undefined && local) return healthCheckNodePort ?? 0;
  if (configured === undefined || configured === 'traffic-port') return 'traffic-port';
  if (/^-?\d+$/.test(configured)) return Number(configured);
  const p = ports.find((x) => x.name === configured);
  if (!p) return { error: `unable to find port ${configured} on service` };
  if (targetType === 'instance') return p.nodePort ?? 0;
  if (typeof p.targetPort === 'number') return p.targetPort;
  return { error: "cannot use named healthCheckPort for IP TargetType when service's targetPort is a named port" };
}
