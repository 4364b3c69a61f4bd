import type {
  Action as SdkAction, Listener as SdkListener, LoadBalancer as SdkLoadBalancer, Rule as SdkRule, RuleCondition as SdkRuleCondition, Tag, TargetGroup as SdkTargetGroup,
  TargetHealthDescription as SdkTargetHealthDescription, LoadBalancerAttribute, TargetGroupAttribute,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type {
  InstanceState as SdkInstanceState, LoadBalancerAttributes as SdkClassicAttributes,
  LoadBalancerDescription as SdkLoadBalancerDescription, Tag as ClassicTag,
} from "@aws-sdk/client-elastic-load-balancing";
import type * as v2 from "@/server/core/model/elbv2";
import type * as elb from "@/server/core/model/elb";
import { defined } from "./reshapeKubernetes";
import { keepAwsTag } from "./trim";
import { sortRules } from "./reshapeSnapshot";

/**
 * Pure: SDK output (PascalCase) → Snapshot model (camelCase; attributes and tags folded into maps and nested
 * under their resource, see server/core/model/elbv2.ts). Values are verbatim; tags pass the trim rule.
 */

export function tagMap(tags: (Tag | ClassicTag)[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key && keepAwsTag(t.Key)) out[t.Key] = t.Value ?? "";
  return out;
}

export function attributeMap(attrs: (LoadBalancerAttribute | TargetGroupAttribute)[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of attrs ?? []) if (a.Key) out[a.Key] = a.Value ?? "";
  return out;
}

export function reshapeAction(a: SdkAction): v2.Action {
  const r = a.RedirectConfig;
  const f = a.FixedResponseConfig;
  return defined({
    type: a.Type ?? "",
    targetGroupArn: a.TargetGroupArn,
    forwardConfig: a.ForwardConfig && defined({
      targetGroups: a.ForwardConfig.TargetGroups?.map((t) => defined({ targetGroupArn: t.TargetGroupArn ?? "", weight: t.Weight })),
    }),
    order: a.Order,
    redirectConfig: r && defined({ protocol: r.Protocol, port: r.Port, host: r.Host, path: r.Path, query: r.Query, statusCode: r.StatusCode ?? "" }),
    fixedResponseConfig: f && defined({ statusCode: f.StatusCode ?? "", contentType: f.ContentType, messageBody: f.MessageBody }),
  });
}

function reshapeCondition(c: SdkRuleCondition): v2.RuleCondition {
  const vals = (x: { Values?: string[]; RegexValues?: string[] } | undefined) => x && defined({ values: x.Values, regexValues: x.RegexValues });
  return defined({
    field: c.Field ?? "",
    values: c.Values,
    hostHeaderConfig: vals(c.HostHeaderConfig),
    pathPatternConfig: vals(c.PathPatternConfig),
    httpHeaderConfig: c.HttpHeaderConfig && defined({ httpHeaderName: c.HttpHeaderConfig.HttpHeaderName, values: c.HttpHeaderConfig.Values, regexValues: c.HttpHeaderConfig.RegexValues }),
    queryStringConfig: c.QueryStringConfig && defined({ values: c.QueryStringConfig.Values?.map((kv) => defined({ key: kv.Key, value: kv.Value })) }),
    httpRequestMethodConfig: c.HttpRequestMethodConfig && defined({ values: c.HttpRequestMethodConfig.Values }),
    sourceIpConfig: c.SourceIpConfig && defined({ values: c.SourceIpConfig.Values }),
  });
}

export function reshapeRule(r: SdkRule): v2.Rule {
  return {
    ruleArn: r.RuleArn ?? "",
    priority: r.Priority ?? "",
    conditions: (r.Conditions ?? []).map(reshapeCondition),
    actions: (r.Actions ?? []).map(reshapeAction),
    isDefault: r.IsDefault ?? false,
  };
}

/** `rules`: DescribeRules by listener ARN; a listener gets `rules` only when its rules were read. */
export function reshapeListener(l: SdkListener, rules?: Map<string, SdkRule[] | undefined>): v2.Listener {
  const own = rules?.get(l.ListenerArn ?? "");
  return defined({
    listenerArn: l.ListenerArn ?? "",
    port: l.Port ?? 0,
    protocol: l.Protocol ?? "",
    defaultActions: (l.DefaultActions ?? []).map(reshapeAction),
    certificates: l.Certificates?.map((c) => defined({ certificateArn: c.CertificateArn ?? "", isDefault: c.IsDefault })),
    rules: own ? sortRules(own.map(reshapeRule)) : undefined,
  });
}

export function reshapeLoadBalancer(
  lb: SdkLoadBalancer,
  parts: { attributes?: LoadBalancerAttribute[]; tags?: Tag[]; listeners?: SdkListener[]; rules?: Map<string, SdkRule[] | undefined> },
): v2.LoadBalancer {
  return defined({
    loadBalancerArn: lb.LoadBalancerArn ?? "",
    loadBalancerName: lb.LoadBalancerName ?? "",
    dnsName: lb.DNSName ?? "",
    type: lb.Type as v2.LoadBalancerType,
    scheme: lb.Scheme as v2.LoadBalancer["scheme"],
    state: lb.State?.Code,
    vpcId: lb.VpcId,
    ipAddressType: lb.IpAddressType,
    availabilityZones: (lb.AvailabilityZones ?? []).map((z) => defined({
      zoneName: z.ZoneName ?? "",
      subnetId: z.SubnetId,
      loadBalancerAddresses: z.LoadBalancerAddresses?.map((a) => defined({
        ipAddress: a.IpAddress, privateIPv4Address: a.PrivateIPv4Address, iPv6Address: a.IPv6Address,
      })),
    })),
    attributes: attributeMap(parts.attributes),
    tags: tagMap(parts.tags),
    listeners: (parts.listeners ?? []).map((l) => reshapeListener(l, parts.rules)),
  });
}

export function reshapeTargetHealth(d: SdkTargetHealthDescription): v2.TargetHealthDescription {
  return defined({
    target: defined({ id: d.Target?.Id ?? "", port: d.Target?.Port, availabilityZone: d.Target?.AvailabilityZone }),
    healthCheckPort: d.HealthCheckPort,
    targetHealth: defined({
      state: (d.TargetHealth?.State ?? "unavailable") as v2.TargetHealth["state"],
      reason: d.TargetHealth?.Reason,
      description: d.TargetHealth?.Description,
    }),
    administrativeOverride: d.AdministrativeOverride && defined({ state: d.AdministrativeOverride.State, reason: d.AdministrativeOverride.Reason, description: d.AdministrativeOverride.Description }),
  });
}

export function reshapeTargetGroup(
  tg: SdkTargetGroup,
  parts: { attributes?: TargetGroupAttribute[]; tags?: Tag[]; health?: SdkTargetHealthDescription[] },
): v2.TargetGroup {
  return defined({
    targetGroupArn: tg.TargetGroupArn ?? "",
    targetGroupName: tg.TargetGroupName ?? "",
    protocol: tg.Protocol,
    port: tg.Port,
    targetType: tg.TargetType as v2.TargetGroup["targetType"],
    healthCheckEnabled: tg.HealthCheckEnabled,
    healthCheckProtocol: tg.HealthCheckProtocol,
    healthCheckPort: tg.HealthCheckPort,
    healthCheckPath: tg.HealthCheckPath,
    healthCheckIntervalSeconds: tg.HealthCheckIntervalSeconds,
    healthCheckTimeoutSeconds: tg.HealthCheckTimeoutSeconds,
    healthyThresholdCount: tg.HealthyThresholdCount,
    unhealthyThresholdCount: tg.UnhealthyThresholdCount,
    matcher: tg.Matcher && defined({ httpCode: tg.Matcher.HttpCode }),
    loadBalancerArns: tg.LoadBalancerArns ?? [],
    ipAddressType: tg.IpAddressType,
    attributes: attributeMap(parts.attributes),
    tags: tagMap(parts.tags),
    // undefined (not []) when DescribeTargetHealth failed: the UI marks health unknown, not "no targets".
    targetHealthDescriptions: parts.health?.map(reshapeTargetHealth),
  });
}

export function reshapeClassic(
  d: SdkLoadBalancerDescription,
  parts: { attributes?: SdkClassicAttributes; tags?: ClassicTag[]; instanceStates?: SdkInstanceState[] },
): elb.LoadBalancerDescription {
  const a = parts.attributes;
  // Names only: the types would need DescribeLoadBalancerPolicies, which lbpath does not call (see readClassic.ts).
  const policies = d.Policies?.OtherPolicies?.map((policyName) => ({ policyName }));
  return defined({
    loadBalancerName: d.LoadBalancerName ?? "",
    dnsName: d.DNSName ?? "",
    scheme: d.Scheme as elb.LoadBalancerDescription["scheme"],
    listenerDescriptions: (d.ListenerDescriptions ?? []).map((ld) => defined({
      listener: defined({
        protocol: ld.Listener?.Protocol ?? "",
        loadBalancerPort: ld.Listener?.LoadBalancerPort ?? 0,
        instanceProtocol: ld.Listener?.InstanceProtocol,
        instancePort: ld.Listener?.InstancePort ?? 0,
      }),
      policyNames: ld.PolicyNames,
    })),
    backendServerDescriptions: d.BackendServerDescriptions?.map((b) => defined({ instancePort: b.InstancePort ?? 0, policyNames: b.PolicyNames })),
    policies: policies?.length ? policies : undefined,
    instances: (d.Instances ?? []).map((i) => ({ instanceId: i.InstanceId ?? "" })),
    availabilityZones: d.AvailabilityZones ?? [],
    subnets: d.Subnets,
    healthCheck: d.HealthCheck && defined({
      target: d.HealthCheck.Target ?? "",
      interval: d.HealthCheck.Interval,
      timeout: d.HealthCheck.Timeout,
      healthyThreshold: d.HealthCheck.HealthyThreshold,
      unhealthyThreshold: d.HealthCheck.UnhealthyThreshold,
    }),
    attributes: defined({
      crossZoneLoadBalancing: a?.CrossZoneLoadBalancing?.Enabled,
      connectionDraining: a?.ConnectionDraining && defined({ enabled: a.ConnectionDraining.Enabled ?? false, timeout: a.ConnectionDraining.Timeout }),
    }),
    tags: tagMap(parts.tags),
    instanceStates: parts.instanceStates?.map((s) => defined({
      instanceId: s.InstanceId ?? "",
      state: (s.State ?? "Unknown") as elb.InstanceState["state"],
      reasonCode: s.ReasonCode,
      description: s.Description,
    })),
  });
}
