import type { ObjectMeta } from "./kubernetes";

/**
 * Custom resources of the AWS Load Balancer Controller and the Gateway API that decide AWS data paths, trimmed to
 * the fields the analysis reads (L9; kubernetes-sigs/aws-load-balancer-controller apis/elbv2/v1beta1,
 * apis/gateway/v1beta1; gateway-api v1 / v1alpha2). Field names are the API's; everything is untrusted text.
 */

/** elbv2.k8s.aws/v1beta1 TargetGroupBinding: a target group (made by the controller or by hand) bound to a Service port. */
export interface TargetGroupBinding {
  metadata: ObjectMeta & { namespace: string };
  spec: {
    targetGroupARN?: string;
    targetGroupName?: string;
    targetType?: "instance" | "ip";
    serviceRef: { name: string; port: number | string };
    nodeSelector?: { matchLabels?: Record<string, string> };
    /** The target group may hold targets of other clusters or sources; each cluster manages only its own. */
    multiClusterTargetGroup?: boolean;
    ipAddressType?: string;
  };
}

export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  port?: number;
  weight?: number;
}

/** gateway.networking.k8s.io/v1 GatewayClass. */
export interface GatewayClass {
  metadata: ObjectMeta;
  spec: { controllerName: string; parametersRef?: { group: string; kind: string; name: string; namespace?: string } };
}

/** gateway.networking.k8s.io/v1 Gateway. */
export interface Gateway {
  metadata: ObjectMeta & { namespace: string };
  spec: {
    gatewayClassName: string;
    listeners: { name: string; port: number; protocol: string; hostname?: string }[];
    infrastructure?: { parametersRef?: { group: string; kind: string; name: string } };
  };
  status?: { addresses?: { type?: string; value: string }[] };
}

export interface HTTPRouteMatch {
  path?: { type?: "Exact" | "PathPrefix" | "RegularExpression"; value?: string };
  headers?: { type?: "Exact" | "RegularExpression"; name: string; value: string }[];
  queryParams?: { type?: "Exact" | "RegularExpression"; name: string; value: string }[];
  method?: string;
}

/** A route rule's filter; the controller reads `ExtensionRef` filters naming a ListenerRuleConfiguration (GW-4). */
export interface RouteFilter {
  type: string;
  extensionRef?: { group?: string; kind?: string; name: string };
}

/** HTTPRoute (v1), TCPRoute / UDPRoute / TLSRoute (v1alpha2): one shape, `kind` says which. */
export interface Route {
  kind: "HTTPRoute" | "TCPRoute" | "UDPRoute" | "TLSRoute";
  metadata: ObjectMeta & { namespace: string };
  spec: {
    parentRefs?: ParentReference[];
    hostnames?: string[];
    rules?: { matches?: HTTPRouteMatch[]; backendRefs?: BackendRef[]; filters?: RouteFilter[] }[];
  };
}

/** gateway.k8s.aws/v1beta1 LoadBalancerConfiguration (a Gateway's or GatewayClass's infrastructure parameters). */
export interface LoadBalancerConfiguration {
  metadata: ObjectMeta & { namespace: string };
  spec: {
    loadBalancerName?: string;
    scheme?: string;
    ipAddressType?: string;
    /** Read from the GatewayClass's configuration only: `prefer-gateway-class` (default) or `prefer-gateway`. */
    mergingMode?: string;
    /** A TargetGroupConfiguration without targetReference, in this configuration's namespace: defaults for every Service backend. */
    defaultTargetGroupConfiguration?: { name: string };
  };
}

/** Target-group settings lbpath compares with AWS (the rest is the controller's business). */
export interface TargetGroupProps {
  targetType?: string;
}

/**
 * gateway.k8s.aws/v1beta1 TargetGroupConfiguration: target-group settings for one Service (`targetReference`), with
 * per-route overrides; without `targetReference`, only a default named by a LoadBalancerConfiguration.
 */
export interface TargetGroupConfiguration {
  metadata: ObjectMeta & { namespace: string };
  spec: {
    targetReference?: { group?: string; kind?: string; name: string };
    defaultConfiguration?: TargetGroupProps;
    routeConfigurations?: { routeIdentifier: { kind: string; namespace?: string; name?: string }; targetGroupProps: TargetGroupProps }[];
  };
}

/** gateway.k8s.aws/v1beta1 ListenerRuleConfiguration: extra conditions/actions for routes that reference it. */
export interface ListenerRuleConfiguration {
  metadata: ObjectMeta & { namespace: string };
  spec: { conditions?: { field: string }[]; actions?: { type: string }[] };
}

export const GATEWAY_CONTROLLER_ALB = "gateway.k8s.aws/alb";
export const GATEWAY_CONTROLLER_NLB = "gateway.k8s.aws/nlb";
/** The tag prefixes of the controller's Gateway resources (pkg/gateway/constants): `<prefix>/stack`, `<prefix>/resource`. */
export const GATEWAY_TAG_PREFIXES = ["gateway.k8s.aws.alb", "gateway.k8s.aws.nlb"] as const;
