import {
  DescribeLoadBalancerAttributesCommand, DescribeTagsCommand, DescribeTargetGroupAttributesCommand, DescribeTargetHealthCommand,
  paginateDescribeListeners, paginateDescribeLoadBalancers, paginateDescribeRules, paginateDescribeTargetGroups,
  type Listener, type LoadBalancer, type Rule, type LoadBalancerAttribute, type Tag, type TargetGroup, type TargetGroupAttribute,
  type TargetHealthDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  DescribeInstanceHealthCommand, DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand, paginateDescribeLoadBalancers as paginateDescribeClassic,
  type InstanceState, type LoadBalancerAttributes, type LoadBalancerDescription, type Tag as ClassicTag,
} from "@aws-sdk/client-elastic-load-balancing";
import type { AwsClients } from "./awsClients";
import { awsCall, chunks, shortArn, LIST_TIMEOUT_FACTOR, type AwsReadContext } from "./awsCall";

/**
 * The AWS read in three stages, so the polling read can run them back to back and the shared cache (awsCache.ts)
 * on their own schedules: structure (what exists and how it is configured), tags (rarely change), health
 * (changes constantly). Raw SDK shapes; assembleAws.ts turns them into the model.
 *
 * Calls (`elasticloadbalancing:`): DescribeLoadBalancers (ELBv2 and Classic, paginators), DescribeTargetGroups
 * (paginator), DescribeListeners (paginator, per LB), DescribeLoadBalancerAttributes (per LB, both APIs),
 * DescribeTargetGroupAttributes (per TG), DescribeTags (≤ 20 ARNs/names per call, the API's limit),
 * DescribeTargetHealth (per TG, not paginated, W1), DescribeInstanceHealth (per Classic LB), DescribeRules (paginator,
 * per HTTP/HTTPS listener of an Application Load Balancer only: NLB and Classic listeners have no rules).
 */

export interface AwsStructure {
  loadBalancers: LoadBalancer[];
  listeners: Map<string, Listener[] | undefined>;
  /** ALB HTTP/HTTPS listener ARN → its rules (DescribeRules); undefined where the call failed. */
  rules: Map<string, Rule[] | undefined>;
  loadBalancerAttributes: Map<string, LoadBalancerAttribute[] | undefined>;
  targetGroups: TargetGroup[];
  targetGroupAttributes: Map<string, TargetGroupAttribute[] | undefined>;
  classic: LoadBalancerDescription[];
  classicAttributes: Map<string, LoadBalancerAttributes | undefined>;
}

export interface AwsHealth {
  targetHealth: Map<string, TargetHealthDescription[] | undefined>;
  instanceHealth: Map<string, InstanceState[] | undefined>;
}

export interface AwsTags {
  /** ELBv2 ARN → tags; absent when not read. */
  v2: Map<string, Tag[]>;
  /** Classic name → tags. */
  classic: Map<string, ClassicTag[]>;
}

async function collect<P, T>(pages: AsyncIterable<P>, pick: (p: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...(pick(p) ?? []));
  return out;
}

const PAGE = 400; // the APIs' maximum page size: fewest calls

export async function fetchStructure(c: AwsClients, ctx: AwsReadContext): Promise<AwsStructure> {
  const [loadBalancers = [], targetGroups = [], classic = []] = await Promise.all([
    awsCall(ctx, "DescribeLoadBalancers", undefined,
      (o) => collect(paginateDescribeLoadBalancers({ client: c.elbv2, pageSize: PAGE }, {}, o), (p) => p.LoadBalancers), LIST_TIMEOUT_FACTOR),
    awsCall(ctx, "DescribeTargetGroups", undefined,
      (o) => collect(paginateDescribeTargetGroups({ client: c.elbv2, pageSize: PAGE }, {}, o), (p) => p.TargetGroups), LIST_TIMEOUT_FACTOR),
    awsCall(ctx, "DescribeLoadBalancers", undefined,
      (o) => collect(paginateDescribeClassic({ client: c.elb, pageSize: PAGE }, {}, o), (p) => p.LoadBalancerDescriptions), LIST_TIMEOUT_FACTOR),
  ]);
  const s: AwsStructure = {
    loadBalancers, targetGroups, classic,
    listeners: new Map(), rules: new Map(), loadBalancerAttributes: new Map(), targetGroupAttributes: new Map(), classicAttributes: new Map(),
  };
  await Promise.all([
    ...loadBalancers.map(async ({ LoadBalancerArn: arn = "", Type: type }) => {
      const [listeners, attrs] = await Promise.all([
        awsCall(ctx, "DescribeListeners", shortArn(arn),
          (o) => collect(paginateDescribeListeners({ client: c.elbv2, pageSize: PAGE }, { LoadBalancerArn: arn }, o), (p) => p.Listeners), LIST_TIMEOUT_FACTOR),
        awsCall(ctx, "DescribeLoadBalancerAttributes", shortArn(arn),
          (o) => c.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }), o)),
      ]);
      s.listeners.set(arn, listeners);
      s.loadBalancerAttributes.set(arn, attrs?.Attributes ?? (attrs ? [] : undefined));
      if (type !== "application") return;
      await Promise.all((listeners ?? []).filter((l) => l.Protocol === "HTTP" || l.Protocol === "HTTPS").map(async ({ ListenerArn: listenerArn = "" }) => {
        const rules = await awsCall(ctx, "DescribeRules", shortArn(listenerArn),
          (o) => collect(paginateDescribeRules({ client: c.elbv2, pageSize: PAGE }, { ListenerArn: listenerArn }, o), (p) => p.Rules), LIST_TIMEOUT_FACTOR);
        s.rules.set(listenerArn, rules);
      }));
    }),
    ...targetGroups.map(async ({ TargetGroupArn: arn = "" }) => {
      const attrs = await awsCall(ctx, "DescribeTargetGroupAttributes", shortArn(arn),
        (o) => c.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }), o));
      s.targetGroupAttributes.set(arn, attrs?.Attributes ?? (attrs ? [] : undefined));
    }),
    ...classic.map(async ({ LoadBalancerName: name = "" }) => {
      const attrs = await awsCall(ctx, "DescribeLoadBalancerAttributes", name,
        (o) => c.elb.send(new DescribeClassicAttributesCommand({ LoadBalancerName: name }), o));
      s.classicAttributes.set(name, attrs?.LoadBalancerAttributes);
    }),
  ]);
  return s;
}

/** DescribeTargetHealth per target group and DescribeInstanceHealth per Classic LB; undefined where unreadable. */
export async function fetchHealth(c: AwsClients, ctx: AwsReadContext, targetGroupArns: string[], classicNames: string[]): Promise<AwsHealth> {
  const h: AwsHealth = { targetHealth: new Map(), instanceHealth: new Map() };
  await Promise.all([
    ...targetGroupArns.map(async (arn) => {
      const out = await awsCall(ctx, "DescribeTargetHealth", shortArn(arn), (o) => c.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }), o));
      h.targetHealth.set(arn, out ? out.TargetHealthDescriptions ?? [] : undefined);
    }),
    ...classicNames.map(async (name) => {
      const out = await awsCall(ctx, "DescribeInstanceHealth", name, (o) => c.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }), o));
      h.instanceHealth.set(name, out ? out.InstanceStates ?? [] : undefined);
    }),
  ]);
  return h;
}

/** DescribeTags for these ELBv2 ARNs and Classic names, 20 per call. */
export async function fetchTags(c: AwsClients, ctx: AwsReadContext, arns: string[], classicNames: string[]): Promise<AwsTags> {
  const t: AwsTags = { v2: new Map(), classic: new Map() };
  await Promise.all([
    ...chunks(arns, 20).map(async (chunk) => {
      const out = await awsCall(ctx, "DescribeTags", `${chunk.length} resources`, (o) => c.elbv2.send(new DescribeTagsCommand({ ResourceArns: chunk }), o));
      for (const d of out?.TagDescriptions ?? []) if (d.ResourceArn) t.v2.set(d.ResourceArn, d.Tags ?? []);
    }),
    ...chunks(classicNames, 20).map(async (chunk) => {
      const out = await awsCall(ctx, "DescribeTags", `${chunk.length} classic load balancers`, (o) => c.elb.send(new DescribeClassicTagsCommand({ LoadBalancerNames: chunk }), o));
      for (const d of out?.TagDescriptions ?? []) if (d.LoadBalancerName) t.classic.set(d.LoadBalancerName, d.Tags ?? []);
    }),
  ]);
  return t;
}

export function structureArns(s: AwsStructure): { arns: string[]; targetGroupArns: string[]; classicNames: string[] } {
  const targetGroupArns = s.targetGroups.map((t) => t.TargetGroupArn ?? "").filter(Boolean);
  return {
    arns: [...s.loadBalancers.map((l) => l.LoadBalancerArn ?? "").filter(Boolean), ...targetGroupArns],
    targetGroupArns,
    classicNames: s.classic.map((d) => d.LoadBalancerName ?? "").filter(Boolean),
  };
}
