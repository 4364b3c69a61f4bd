/**
 * ELBv2 (NLB/ALB) descriptions as read from DescribeLoadBalancers, DescribeListeners, DescribeTargetGroups,
 * Describe*Attributes, DescribeTags and DescribeTargetHealth (shapes: botocore elbv2 2015-12-01, W1).
 * Fields are the SDK's PascalCase names camelCased; literal values are verbatim. Attributes and tags are
 * folded into maps and nested under the resource they describe, so one object holds what the join needs.
 */

export type LoadBalancerType = "application" | "network" | "gateway";

export interface AvailabilityZone {
  zoneName: string;
  subnetId?: string;
  loadBalancerAddresses?: { ipAddress?: string; privateIPv4Address?: string; iPv6Address?: string }[];
}

export interface Action {
  type: string;
  targetGroupArn?: string;
  forwardConfig?: { targetGroups?: { targetGroupArn: string; weight?: number }[] };
  /** Actions run in `order` (authenticate-* first); the last one is forward, redirect or fixed-response. */
  order?: number;
  redirectConfig?: { protocol?: string; port?: string; host?: string; path?: string; query?: string; statusCode: string };
  fixedResponseConfig?: { statusCode: string; contentType?: string; messageBody?: string };
}

/** RuleCondition (W1): `field` plus the typed config; legacy rules carry only `values` (host-header, path-pattern). */
export interface RuleCondition {
  field: string;
  values?: string[];
  hostHeaderConfig?: { values?: string[]; regexValues?: string[] };
  pathPatternConfig?: { values?: string[]; regexValues?: string[] };
  httpHeaderConfig?: { httpHeaderName?: string; values?: string[]; regexValues?: string[] };
  queryStringConfig?: { values?: { key?: string; value?: string }[] };
  httpRequestMethodConfig?: { values?: string[] };
  sourceIpConfig?: { values?: string[] };
}

/** DescribeRules (W1): `priority` is "1".."50000" or "default" (the listener's default rule, evaluated last). */
export interface Rule {
  ruleArn: string;
  priority: string;
  conditions: RuleCondition[];
  actions: Action[];
  isDefault: boolean;
}

export interface Listener {
  listenerArn: string;
  port: number;
  protocol: string;
  defaultActions: Action[];
  /** HTTPS/TLS: the default certificate (DescribeListeners returns only it). */
  certificates?: { certificateArn: string; isDefault?: boolean }[];
  /** ALB HTTP/HTTPS listeners: every rule, the default one included (DescribeRules). Undefined: not read. */
  rules?: Rule[];
}

export interface LoadBalancer {
  loadBalancerArn: string;
  loadBalancerName: string;
  dnsName: string;
  type: LoadBalancerType;
  scheme?: "internet-facing" | "internal";
  state?: string;
  vpcId?: string;
  ipAddressType?: string;
  availabilityZones: AvailabilityZone[];
  /** DescribeLoadBalancerAttributes, Key → Value (strings, verbatim). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  listeners: Listener[];
}

export interface TargetDescription {
  id: string;
  port?: number;
  availabilityZone?: string;
}

export interface TargetHealth {
  state: "initial" | "healthy" | "unhealthy" | "unhealthy.draining" | "unused" | "draining" | "unavailable";
  reason?: string;
  description?: string;
}

export interface TargetHealthDescription {
  target: TargetDescription;
  healthCheckPort?: string;
  targetHealth: TargetHealth;
  /**
   * Independent of TargetHealth (W1 AdministrativeOverride): `zonal_shift_active` while an ARC zonal shift moves
   * traffic away from the target's zone, `zonal_shift_delegated_to_dns`, `no_override`, `unknown` (DST-3).
   */
  administrativeOverride?: { state?: string; reason?: string; description?: string };
}

export interface TargetGroup {
  targetGroupArn: string;
  targetGroupName: string;
  protocol?: string;
  port?: number;
  targetType: "instance" | "ip" | "lambda" | "alb";
  healthCheckEnabled?: boolean;
  healthCheckProtocol?: string;
  /** "traffic-port" or a port number as a string. */
  healthCheckPort?: string;
  healthCheckPath?: string;
  healthCheckIntervalSeconds?: number;
  healthCheckTimeoutSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  matcher?: { httpCode?: string };
  loadBalancerArns: string[];
  ipAddressType?: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** DescribeTargetHealth; undefined when it could not be read (the UI marks health unknown). */
  targetHealthDescriptions?: TargetHealthDescription[];
}
