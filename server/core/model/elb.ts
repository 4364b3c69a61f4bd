/**
 * Classic ELB descriptions (DescribeLoadBalancers, DescribeLoadBalancerAttributes, DescribeTags,
 * DescribeInstanceHealth; shapes: botocore elb 2012-06-01, W2), camelCased, folded like elbv2.ts.
 */

export interface ListenerDescription {
  listener: { protocol: string; loadBalancerPort: number; instanceProtocol?: string; instancePort: number };
  policyNames?: string[];
}

export interface InstanceState {
  instanceId: string;
  state: "InService" | "OutOfService" | "Unknown";
  reasonCode?: string;
  description?: string;
}

export interface LoadBalancerDescription {
  loadBalancerName: string;
  dnsName: string;
  scheme?: "internet-facing" | "internal";
  listenerDescriptions: ListenerDescription[];
  backendServerDescriptions?: { instancePort: number; policyNames?: string[] }[];
  policies?: { policyName: string; policyTypeName?: string }[];
  instances: { instanceId: string }[];
  availabilityZones: string[];
  subnets?: string[];
  healthCheck?: { target: string; interval?: number; timeout?: number; healthyThreshold?: number; unhealthyThreshold?: number };
  attributes: { crossZoneLoadBalancing?: boolean; connectionDraining?: { enabled: boolean; timeout?: number } };
  tags: Record<string, string>;
  /** DescribeInstanceHealth; undefined when it could not be read. */
  instanceStates?: InstanceState[];
}
