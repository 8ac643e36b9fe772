/**
 * Target groups and TargetGroupBindings (pkg/gateway/model/model_build_target_group.go). A TG is
 * shared by every use with the same resource id; the first build wins (ports ascend, so the
 * lowest listener port decides e.g. the protocol version).
 */
import type { AttachedRoute, LoadedBackend } from '../resolve/types.js';
import type { BuildContext, At } from './context.js';
import { CODES } from './context.js';
import { unknown, type UnknownValue } from './discovery.js';
import { buildHealthCheck, healthCheckPort } from './health-checks.js';
import { targetGroupName, targetGroupResourceId } from './names.js';
import { externalManagedTagMessage } from './tags.js';
import { buildTargetGroupNetworking } from './tg-networking.js';
import { servicePropsForRoute, propsForRoute } from './tg-props.js';
import { computeTargets } from './targets.js';
import { targetControlPort, targetGroupAttributes, targetGroupProtocol, targetGroupProtocolVersion } from './tg-fields.js';
import type { Service, ServicePort } from '../source/core-kinds.js';
import type { Assigned, IPAddressType, Protocol, StringToken, TargetGroupSpec, TargetType } from './stack.js';
import { RT, resourceRef } from './stack.js';

export interface TgRequest {
  readonly port: number;
  readonly listenerProtocol: Protocol;
  readonly lbIpType: IPAddressType;
  readonly attached: AttachedRoute;
  readonly backend: LoadedBackend;
  /** Where the backendRef is (`spec.rules[ruleIndex].backendRefs[backendIndex]` of the route), for diagnostics. */
  readonly ruleIndex: number;
  readonly backendIndex: number;
}

/** The backendRef's location; built only for a diagnostic (a TG is requested once per rule and backend). */
function backendAt(req: TgRequest): At {
  return { object: req.attached.route, path: ['spec', 'rules', req.ruleIndex, 'backendRefs', req.backendIndex] };
}

function fail(ctx: BuildContext, req: TgRequest, message: string): undefined {
  const route = req.attached.route;
  ctx.error(CODES.targetGroup, `${route.kind} ${route.metadata.namespace}/${route.metadata.name}: ${message}`, backendAt(req));
  return undefined;
}

/** The target group's ARN token: one object per target group, shared by all its uses (same JSON). */
function tgArn(ctx: BuildContext, id: string): StringToken {
  let arn = ctx.tgArns.get(id);
  if (arn === undefined) ctx.tgArns.set(id, (arn = resourceRef(RT.targetGroup, id, 'targetGroupARN')));
  return arn;
}

/**
 * The resource id of a Service backend's target group (`buildTargetGroupResourceID`; the
 * identifier port is the targetPort), built once per route, Service and port: every rule of a
 * route that names the backend asks again, and building and hashing the long id per rule cost
 * more than the rest of the dedupe. A route has few backends (at most 16 rules × 16 backendRefs),
 * so a scan of its list finds the entry.
 */
function serviceTargetGroupId(ctx: BuildContext, route: AttachedRoute['route'], svc: Service, targetPort: number | string): string {
  let ids = ctx.serviceTgIds.get(route);
  if (ids === undefined) ctx.serviceTgIds.set(route, (ids = []));
  for (const e of ids) if (e.service === svc && e.targetPort === targetPort) return e.id;
  const gw = ctx.gw.gateway.metadata;
  const id = targetGroupResourceId(gw.namespace, gw.name, route.metadata.namespace, route.metadata.name, route.kind, svc.metadata.namespace, svc.metadata.name, String(targetPort));
  ids.push({ service: svc, targetPort, id });
  return id;
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
      ctx.error(CODES.targetGroupName, `expecting a single targetGroup with query [${backend.name}] but got 0`, backendAt(req));
      return undefined;
    }
    return arn;
  }
  if (backend.kind === 'gateway') {
    const target = backend.gateway.metadata;
    const id = targetGroupResourceId(gw.namespace, gw.name, route.metadata.namespace, route.metadata.name, kind, target.namespace, target.name, String(backend.port));
    if (ctx.tgByResId.has(id)) return tgArn(ctx, id);
    const props = propsForRoute(backend.targetGroupConfig, route.metadata.name, route.metadata.namespace, kind);
    const protocolResult = targetGroupProtocol(ctx.gw.loadBalancerType, props, kind, req.listenerProtocol);
    if (!protocolResult.ok) return fail(ctx, req, protocolResult.error);
    const protocol = protocolResult.value;
    const version = targetGroupProtocolVersion(ctx.gw.loadBalancerType, props, kind, req.listenerProtocol);
    // Health check port for ALB targets: anything but traffic-port becomes the backendRef port.
    const hcPort = props?.healthCheckConfig?.healthCheckPort;
    const port = hcPort === undefined || hcPort === 'traffic-port' ? 'traffic-port' : backend.port;
    const tags = ctx.specTags(props?.tags);
    if (!tags.ok) return fail(ctx, req, externalManagedTagMessage(tags.key));
    const control = targetControlPort(props, protocol, 'alb');
    if (!control.ok) return fail(ctx, req, control.error);
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
        port: backend.port,
        targetType: 'alb',
        protocol,
        ...(version ? { protocolVersion: version } : {}),
      });
    const clash = nameClash(ctx, name, id, props?.targetGroupName !== undefined);
    if (clash) return fail(ctx, req, clash);
    const spec: TargetGroupSpec = {
      name,
      targetType: 'alb',
      port: backend.port,
      protocol,
      ...(version ? { protocolVersion: version } : {}),
      ipAddressType: 'ipv4',
      healthCheckConfig: buildHealthCheck({ lbType: ctx.gw.loadBalancerType, config: props?.healthCheckConfig, tgProtocol: protocol, protocolVersion: version, targetType: 'alb', localTrafficPolicy: false, port }),
      targetGroupAttributes: targetGroupAttributes(props?.targetGroupAttributes),
      tags: tags.tags,
    };
    ctx.addTargetGroup(id, spec);
    ctx.frontendNlb[name] = { Name: name, ARN: tgArn(ctx, id), Port: req.port, TargetARN: backend.albArn, TargetPort: backend.port };
    ctx.targets.push({ kind: 'alb', targetGroupId: id, albArn: backend.albArn, port: backend.port });
    return tgArn(ctx, id);
  }

  // Service backend. LBC builds the spec before the dedupe check, so errors surface on every use.
  const svc = backend.service;
  const sp = backend.servicePort;
  const props = servicePropsForRoute(backend.targetGroupConfig, ctx.gw.defaultTargetGroupConfig, route.metadata.name, route.metadata.namespace, kind);
  const targetType: TargetType = props?.targetType ?? ctx.settings.defaultTargetType;
  const protocolResult = targetGroupProtocol(ctx.gw.loadBalancerType, props, kind, req.listenerProtocol);
  if (!protocolResult.ok) return fail(ctx, req, protocolResult.error);
  const protocol = protocolResult.value;
  const version = targetGroupProtocolVersion(ctx.gw.loadBalancerType, props, kind, req.listenerProtocol, sp.appProtocol);
  const local = targetType === 'instance' && svc.spec.externalTrafficPolicy === 'Local' && ctx.gw.loadBalancerType === 'network';
  const hcPort = healthCheckPort(props, targetType, local, svc);
  if (!hcPort.ok) return fail(ctx, req, hcPort.error);
  const hc = hcPort.value;
  const ipv6 = svc.spec.ipFamilies?.includes('IPv6') ?? false;
  if (ipv6 && req.lbIpType === 'ipv4') return fail(ctx, req, 'unsupported IPv6 configuration, lb not dual-stack');
  const tags = ctx.specTags(props?.tags);
  if (!tags.ok) return fail(ctx, req, externalManagedTagMessage(tags.key));
  // GetTargetGroupPort (backend_service.go 77–88): a named targetPort of ip targets is port 1, in
  // the spec and in the name hash alike.
  const tgPort = targetType === 'instance' ? (sp.nodePort ?? 0) : typeof sp.targetPort === 'number' ? sp.targetPort : 1;
  const pendingPort = targetType === 'instance' ? pendingNodePort(svc, sp) : undefined;
  const control = targetControlPort(props, protocol, targetType);
  if (!control.ok) return fail(ctx, req, control.error);
  if (tgPort === 0 && !pendingPort) {
    return fail(
      ctx,
      req,
      targetType === 'ip'
        ? 'TargetGroup port is empty. Are you using the correct service type?'
        : "TargetGroup port is empty. When using Instance targets, your service must be of type 'NodePort' or 'LoadBalancer'",
    );
  }
  const id = serviceTargetGroupId(ctx, route, svc, sp.targetPort);
  if (ctx.tgByResId.has(id)) return tgArn(ctx, id);
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
      port: tgPort,
      targetType,
      protocol,
      ...(version ? { protocolVersion: version } : {}),
      ...(control.value !== undefined ? { targetControlPort: control.value } : {}),
    });
  // buildTargetGroupName hashes the port: a name set by targetGroupName stays known.
  const name = pendingPort && props?.targetGroupName === undefined ? unknown(`target group name (it hashes the ${pendingPort.$unknown})`) : hashedName;
  const clash = typeof name === 'string' ? nameClash(ctx, name, id, props?.targetGroupName !== undefined) : undefined;
  if (clash) return fail(ctx, req, clash);
  if (pendingPort) ctx.pendingNodePorts.push({ service: svc, port: sp.port, targetGroupId: id });
  const spec: TargetGroupSpec = {
    name,
    targetType,
    port: pendingPort ?? tgPort,
    protocol,
    ...(version ? { protocolVersion: version } : {}),
    ipAddressType: ipv6 ? 'ipv6' : 'ipv4',
    healthCheckConfig: buildHealthCheck({ lbType: ctx.gw.loadBalancerType, config: props?.healthCheckConfig, tgProtocol: protocol, protocolVersion: version, targetType, localTrafficPolicy: local, port: hc }),
    targetGroupAttributes: targetGroupAttributes(props?.targetGroupAttributes),
    tags: tags.tags,
  };
  ctx.addTargetGroup(id, spec);
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
          targetGroupARN: tgArn(ctx, id),
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
  ctx.targets.push(computeTargets(ctx, id, svc, sp, targetType === 'ip' ? 'ip' : 'instance', nodeSelector, spec.ipAddressType === 'ipv6'));
  return tgArn(ctx, id);
}

/**
 * gwlb: two target groups of one stack with one name. AWS keeps TG names unique per region, so
 * LBC v3.5.0's deploy of this stack fails (DuplicateTargetGroupName, or one TG and two
 * TargetGroupBindings of one name); gwlb says so before any write. Without a configured name the
 * cause is v3.5.0 hashing port 1 for every named targetPort of ip targets (a later LBC, #4876,
 * hashes the port name).
 */
function nameClash(ctx: BuildContext, name: string, id: string, configured: boolean): string | undefined {
  const otherId = ctx.tgIdByName.get(name);
  if (otherId === undefined || otherId === id) return undefined;
  const fix = configured
    ? 'give each route its own targetGroupName in the TargetGroupConfiguration (routeConfigurations)'
    : 'LBC v3.5.0 names every named targetPort of an ip-target Service as port 1; use numeric targetPorts in the Service, or set targetGroupName per route in a TargetGroupConfiguration';
  return `target group ${id} would be named ${name}, like target group ${otherId}, and AWS target group names are unique (DuplicateTargetGroupName); ${fix}`;
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
