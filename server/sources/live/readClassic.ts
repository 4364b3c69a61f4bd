import {
  DescribeInstanceHealthCommand, DescribeLoadBalancerAttributesCommand, DescribeTagsCommand,
  paginateDescribeLoadBalancers, type ElasticLoadBalancingClient, type LoadBalancerDescription, type Tag,
} from "@aws-sdk/client-elastic-load-balancing";
import type * as elb from "@/server/core/model/elb";
import { awsCall, chunks, LIST_TIMEOUT_FACTOR, type AwsReadContext } from "./awsCall";
import { reshapeClassic } from "./reshapeAws";

/**
 * Classic ELB: DescribeLoadBalancers (paginator, follows NextMarker), then per load balancer
 * DescribeLoadBalancerAttributes and DescribeInstanceHealth, and DescribeTags in chunks of 20 names (the API's
 * limit). Policy names come from DescribeLoadBalancers (Policies.OtherPolicies, BackendServerDescriptions): the
 * proxy-protocol policy is recognised by its name k8s-proxyprotocol-enabled (SRC-2), so DescribeLoadBalancerPolicies
 * (not in deploy/iam-policy.json) is not needed.
 */
export async function readClassic(client: ElasticLoadBalancingClient, ctx: AwsReadContext): Promise<elb.LoadBalancerDescription[]> {
  const lbs = await awsCall(ctx, "DescribeLoadBalancers", undefined, async (o) => {
    const out: LoadBalancerDescription[] = [];
    for await (const p of paginateDescribeLoadBalancers({ client, pageSize: 400 }, {}, o)) out.push(...(p.LoadBalancerDescriptions ?? []));
    return out;
  }, LIST_TIMEOUT_FACTOR) ?? [];

  const tags = new Map<string, Tag[]>();
  const names = lbs.map((d) => d.LoadBalancerName!).filter(Boolean);
  const tagReads = chunks(names, 20).map(async (chunk) => {
    const out = await awsCall(ctx, "DescribeTags", `${chunk.length} classic load balancers`, (o) => client.send(new DescribeTagsCommand({ LoadBalancerNames: chunk }), o));
    for (const d of out?.TagDescriptions ?? []) if (d.LoadBalancerName) tags.set(d.LoadBalancerName, d.Tags ?? []);
  });

  const reads = lbs.map(async (d) => {
    const name = d.LoadBalancerName!;
    const [attrs, health] = await Promise.all([
      awsCall(ctx, "DescribeLoadBalancerAttributes", name, (o) => client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }), o)),
      awsCall(ctx, "DescribeInstanceHealth", name, (o) => client.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }), o)),
    ]);
    return {
      d,
      attributes: attrs?.LoadBalancerAttributes,
      instanceStates: health ? health.InstanceStates ?? [] : undefined,
    };
  });

  const [parts] = await Promise.all([Promise.all(reads), Promise.all(tagReads)]);
  return parts.map((p) => reshapeClassic(p.d, { ...p, tags: tags.get(p.d.LoadBalancerName!) }));
}
