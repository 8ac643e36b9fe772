/**
 * The output of `resolve`: for every Gateway of our GatewayClasses, which listeners are valid,
 * which routes attach on which port with which hostnames, what each route rule's backends and
 * ListenerRuleConfiguration resolve to — and the status LBC would write for every object.
 * `model` builds AWS resources from this and nothing else (plus discovery facts).
 */
import type { Diagnostic, ObjectRef } from '../diagnostics.js';
import type { Service, ServicePort } from '../source/core-kinds.js';
import type {
  BackendRef,
  Gateway,
  GatewayClass,
  Listener,
  ListenerSet,
  Route,
  RouteGroupKind,
} from '../source/gateway-api.js';
import type { Condition } from '../source/kube.js';
import type {
  ListenerRuleConfiguration,
  LoadBalancerConfiguration,
  LoadBalancerConfigurationSpec,
  TargetGroupConfiguration,
} from '../source/lbc-crds.js';

export type LoadBalancerType = 'application' | 'network';

export interface ControllerNames {
  readonly alb: string;
  readonly nlb: string;
}

export const DEFAULT_CONTROLLER_NAMES: ControllerNames = { alb: 'gateway.k8s.aws/alb', nlb: 'gateway.k8s.aws/nlb' };

/**
 * What LBC's provisioning step reported, which decides `Programmed`. A load balancer that exists
 * but is still provisioning already has its DNS name, which LBC writes to `status.addresses`
 * (gateway_controller.go `updateGatewayStatusSuccess`); absent when nothing was deployed yet.
 */
export type LoadBalancerState =
  | { readonly kind: 'provisioning'; readonly arn?: string; readonly dnsName?: string }
  | { readonly kind: 'active'; readonly arn: string; readonly dnsName: string };

export interface ResolveOptions {
  readonly controllerNames: ControllerNames;
  /** LBC feature gate `GatewayListenerSet` (default on). */
  readonly listenerSets: boolean;
  /** Per Gateway `ns/name`; absent means "still provisioning", as after a first successful reconcile. */
  readonly loadBalancerStates?: ReadonlyMap<string, LoadBalancerState>;
  /** GatewayClasses known to exist in the cluster but absent from the input: name → controllerName (setting `gatewayClasses`). */
  readonly gatewayClasses?: Readonly<Record<string, string>>;
  /**
   * Resolve only these Gateways (`ns/name`): the others get no resolution, status or diagnostic.
   * For watch's incremental rounds, which keep the other Gateways' stacks from earlier rounds.
   */
  readonly only?: ReadonlySet<string>;
}

export const DEFAULT_RESOLVE_OPTIONS: ResolveOptions = {
  controllerNames: DEFAULT_CONTROLLER_NAMES,
  listenerSets: true,
};

/** Listener validation outcome (listener_utils.go `validateListeners`). */
export type ListenerReason =
  | 'Accepted'
  | 'InvalidRouteKinds'
  | 'PortUnavailable'
  | 'UnsupportedProtocol'
  | 'ProtocolConflict'
  | 'HostnameConflict';

export interface ResolvedListener {
  readonly listener: Listener;
  /** The Gateway or the accepted ListenerSet that declares it. */
  readonly owner: Gateway | ListenerSet;
  /** Index in the owner's `spec.listeners`. */
  readonly index: number;
  readonly reason: ListenerReason;
  readonly message: string;
  readonly valid: boolean;
  readonly supportedKinds: readonly RouteGroupKind[];
  /** LBC counts every (route, parentRef) attachment, including to invalid listeners. */
  readonly attachedRoutes: number;
}

/** A backendRef that survived loading (route_utils backend loaders). */
export type LoadedBackend =
  | {
      readonly kind: 'service';
      readonly ref: BackendRef;
      readonly weight: number;
      readonly service: Service;
      readonly servicePort: ServicePort;
      /** TargetGroupConfiguration whose targetReference names this Service (same namespace). */
      readonly targetGroupConfig?: TargetGroupConfiguration;
    }
  | {
      readonly kind: 'targetGroupName';
      readonly ref: BackendRef;
      readonly weight: number;
      /** Literal target group name, resolved to an ARN against AWS at model time. */
      readonly name: string;
    }
  | {
      readonly kind: 'gateway';
      readonly ref: BackendRef;
      readonly weight: number;
      readonly gateway: Gateway;
      readonly port: number;
      /** From the backend Gateway's `Programmed=True` condition message. */
      readonly albArn: string;
      /** TargetGroupConfiguration with targetReference kind Gateway naming the ALB Gateway. */
      readonly targetGroupConfig?: TargetGroupConfiguration;
    };

export interface LoadedRule {
  /** Index of the rule in the route's `spec.rules`. */
  readonly index: number;
  readonly backends: readonly LoadedBackend[];
  /** Present only when exactly one ListenerRuleConfiguration is referenced, found and accepted. */
  readonly listenerRuleConfig?: ListenerRuleConfiguration;
}

export interface AttachedRoute {
  readonly route: Route;
  /**
   * Compatible hostnames on this port (§3.5): the union over every listener on the port the route
   * attached to, including invalid ones. Empty means "use the route's own hostnames".
   */
  readonly compatibleHostnames: readonly string[];
  readonly rules: readonly LoadedRule[];
}

export interface PortResolution {
  readonly port: number;
  /** Valid listeners on this port, in evaluation order. */
  readonly listeners: readonly ResolvedListener[];
  /** Routes attached to this port, deduplicated by `<Kind>-<ns>/<name>`, in attachment order. */
  readonly routes: readonly AttachedRoute[];
  /**
   * NLB only: the one route LBC uses for an L4 listener (`pickOneL4Route`: oldest creation time in
   * milliseconds, then `namespace/name`). Undefined on ALB ports and when no route attached.
   */
  readonly l4Route?: AttachedRoute;
}

/** Why LBC would stop before building a model for this Gateway. */
export type GatewayFatal =
  | { readonly kind: 'config'; readonly message: string } // Accepted=False/Invalid, message = error
  | { readonly kind: 'loader'; readonly message: string } // Accepted=False/ListenersNotValid
  | { readonly kind: 'silent'; readonly message: string }; // LBC retries without writing status (weight > 999)

export interface GatewayResolution {
  readonly gateway: Gateway;
  readonly gatewayClass: GatewayClass;
  readonly loadBalancerType: LoadBalancerType;
  readonly controllerName: string;
  /** GatewayClass and Gateway LoadBalancerConfigurations merged per mergingMode (lb_config_merger.go). */
  readonly loadBalancerConfig?: LoadBalancerConfigurationSpec;
  /** The LoadBalancerConfigurations merged into it, the merge's winner first: where a value was written, for diagnostics. */
  readonly loadBalancerConfigSources?: readonly LoadBalancerConfiguration[];
  /** Named by the merged config's `defaultTargetGroupConfiguration`, in the Gateway's namespace. */
  readonly defaultTargetGroupConfig?: TargetGroupConfiguration;
  readonly fatal?: GatewayFatal;
  /** Every listener (Gateway first, then accepted ListenerSets), valid or not. */
  readonly listeners: readonly ResolvedListener[];
  /** Accepted ListenerSets, oldest first (the evaluation order). */
  readonly acceptedListenerSets: readonly ListenerSet[];
  readonly rejectedListenerSets: readonly ListenerSet[];
  /** One entry per port that has at least one valid listener, ascending by port. */
  readonly ports: readonly PortResolution[];
}

// -------------------------------------------------------------------------------------------
// Status, as LBC would write it (`controllers/gateway/*status*.go`).

export interface ListenerStatus {
  readonly name: string;
  readonly supportedKinds: readonly RouteGroupKind[];
  readonly attachedRoutes: number;
  readonly conditions: readonly Condition[];
}

export interface RouteParentStatus {
  readonly parentRef: {
    readonly group?: string;
    readonly kind?: string;
    readonly namespace?: string;
    readonly name: string;
    readonly sectionName?: string;
    readonly port?: number;
  };
  readonly controllerName: string;
  readonly conditions: readonly Condition[];
}

export type ComputedStatus =
  | { readonly kind: 'GatewayClass'; readonly conditions: readonly Condition[] }
  | {
      readonly kind: 'Gateway';
      readonly conditions: readonly Condition[];
      readonly addresses?: readonly { type: string; value: string }[];
      readonly listeners?: readonly ListenerStatus[];
      readonly attachedListenerSets?: number;
    }
  | { readonly kind: 'ListenerSet'; readonly conditions: readonly Condition[]; readonly listeners: readonly ListenerStatus[] }
  | { readonly kind: 'Route'; readonly parents: readonly RouteParentStatus[] };

export interface ObjectStatus {
  readonly object: ObjectRef;
  readonly apiVersion: string;
  readonly status: ComputedStatus;
}

/**
 * A Gateway gwlb does not handle, as LBC ignores it: its GatewayClass is nowhere to be found
 * (`class-missing`, with the closest known class name when one is close), or belongs to another
 * controller (`other-controller`). Its AWS stack, if any, is left as it is: never pruned.
 */
export type UnhandledGateway =
  | { readonly reason: 'class-missing'; readonly gateway: ObjectRef; readonly className: string; readonly suggestion?: string }
  | { readonly reason: 'other-controller'; readonly gateway: ObjectRef; readonly className: string; readonly controllerName: string };

export interface Resolution {
  readonly gateways: readonly GatewayResolution[];
  /** Gateways of the input gwlb does not handle, and why (absent when there are none). */
  readonly unhandled?: readonly UnhandledGateway[];
  /** Statuses for every object LBC would write one for, in input order. */
  readonly statuses: readonly ObjectStatus[];
  readonly diagnostics: readonly Diagnostic[];
}
