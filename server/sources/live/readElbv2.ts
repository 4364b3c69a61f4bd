import {
  DescribeLoadBalancerAttributesCommand, DescribeTagsCommand, DescribeTargetGroupAttributesCommand, DescribeTargetHealthCommand,
  paginateDescribeListeners, paginateDescribeLoadBalancers, paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client, type Listener, type LoadBalancer, type Tag, type TargetGroup,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type * as v2 from "@/server/core/model/elbv2";
import { awsCall, chunks, shortArn, LIST_TIMEOUT_FACTOR, type AwsReadContext } from "./awsCall";
import { reshapeLoadBalancer, reshapeTargetGroup } from "./reshapeAws";

/**
 * ELBv2 (NLB/ALB): DescribeLoadBalancers and DescribeTargetGroups (all, SDK paginators), then per load balancer
 * DescribeListeners (paginated) + DescribeLoadBalancerAttributes, per target group DescribeTargetGroupAttributes +
 * DescribeTargetHealth (not paginated, W1), and DescribeTags in chunks of 20 ARNs (the API's limit).
 */

const PAGE = 400; // the API maximum: fewest calls

async function collect<P, T>(pages: AsyncIterable<P>, pick: (p: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...(pick(p) ?? []));
  return out;
}

export async function readElbv2(client: ElasticLoadBalancingV2Client, ctx: AwsReadContext): Promise<{ loadBalancers: v2.LoadBalancer[]; targetGroups: v2.TargetGroup[] }> {
  const [lbs = [], tgs = []] = await Promise.all([
    awsCall(ctx, "DescribeLoadBalancers", undefined,
      (o) => collect(paginateDescribeLoadBalancers({ client, pageSize: PAGE }, {}, o), (p) => p.LoadBalancers), LIST_TIMEOUT_FACTOR),
    awsCall(ctx, "DescribeTargetGroups", undefined,
      (o) => collect(paginateDescribeTargetGroups({ client, pageSize: PAGE }, {}, o), (p) => p.TargetGroups), LIST_TIMEOUT_FACTOR),
  ]);

  const tags = new Map<string, Tag[]>();
  const arns = [...lbs.map((l) => l.LoadBalancerArn!), ...tgs.map((t) => t.TargetGroupArn!)].filter(Boolean);
  const tagReads = chunks(arns, 20).map(async (chunk) => {
    const out = await awsCall(ctx, "DescribeTags", `${chunk.length} resources`, (o) => client.send(new DescribeTagsCommand({ ResourceArns: chunk }), o));
    for (const d of out?.TagDescriptions ?? []) if (d.ResourceArn) tags.set(d.ResourceArn, d.Tags ?? []);
  });

  const lbReads = lbs.map(async (lb: LoadBalancer) => {
    const arn = lb.LoadBalancerArn!;
    const [listeners, attrs] = await Promise.all([
      awsCall(ctx, "DescribeListeners", shortArn(arn),
        (o) => collect(paginateDescribeListeners({ client, pageSize: PAGE }, { LoadBalancerArn: arn }, o), (p) => p.Listeners), LIST_TIMEOUT_FACTOR),
      awsCall(ctx, "DescribeLoadBalancerAttributes", shortArn(arn),
        (o) => client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }), o)),
    ]);
    return { lb, listeners: listeners as Listener[] | undefined, attributes: attrs?.Attributes };
  });

  const tgReads = tgs.map(async (tg: TargetGroup) => {
    const arn = tg.TargetGroupArn!;
    const [attrs, health] = await Promise.all([
      awsCall(ctx, "DescribeTargetGroupAttributes", shortArn(arn),
        (o) => client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }), o)),
      awsCall(ctx, "DescribeTargetHealth", shortArn(arn),
        (o) => client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }), o)),
    ]);
    return { tg, attributes: attrs?.Attributes, health: health?.TargetHealthDescriptions ?? (health ? [] : undefined) };
  });

  const [lbParts, tgParts] = await Promise.all([Promise.all(lbReads), Promise.all(tgReads), Promise.all(tagReads)]);
  return {
    loadBalancers: lbParts.map((p) => reshapeLoadBalancer(p.lb, { attributes: p.attributes, listeners: p.listeners, tags: tags.get(p.lb.LoadBalancerArn!) })),
    targetGroups: tgParts.map((p) => reshapeTargetGroup(p.tg, { attributes: p.attributes, health: p.health, tags: tags.get(p.tg.TargetGroupArn!) })),
  };
}
