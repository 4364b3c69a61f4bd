/**
 * The four synthetic cluster sizes of the scale benchmark (issue 6; perf-reliability.md "reference fixtures").
 * L is the ELB Region quota: 50 load balancers and 200 target groups, with the two stress Services the issue
 * names (500 instance targets over 3 zones; 3,000 ip targets, the NLB's per-LB maximum).
 */
export type SizeName = "S" | "M" | "L" | "XL";

export interface SizeSpec {
  name: SizeName;
  pods: number;
  nodes: number;
  /** All Services; those without a load balancer are ClusterIP. */
  services: number;
  /** NLBs + Classic ELBs, one per LoadBalancer Service. */
  loadBalancers: number;
  classicLoadBalancers: number;
  /** ELBv2 target groups (one per NLB listener, i.e. per Service port). */
  targetGroups: number;
  /** One instance-mode Service registered on this many nodes (over 3 zones); 0: none. */
  bigInstanceTargets: number;
  /** One ip-mode Service with this many pods, each an ip target; 0: none. */
  bigIpPods: number;
  /** Nodes per node pool that instance-mode Services pick with aws-load-balancer-target-node-labels; 0: all nodes. */
  nodePoolSize: number;
  /** Too big to push through the emulator and the browser in the time budget: server memory only. */
  memoryOnly: boolean;
}

export const SIZES: Record<SizeName, SizeSpec> = {
  S: { name: "S", pods: 100, nodes: 10, services: 20, loadBalancers: 4, classicLoadBalancers: 1, targetGroups: 5, bigInstanceTargets: 0, bigIpPods: 0, nodePoolSize: 0, memoryOnly: false },
  M: { name: "M", pods: 1_000, nodes: 50, services: 200, loadBalancers: 10, classicLoadBalancers: 1, targetGroups: 40, bigInstanceTargets: 0, bigIpPods: 100, nodePoolSize: 0, memoryOnly: false },
  L: { name: "L", pods: 10_000, nodes: 500, services: 2_000, loadBalancers: 50, classicLoadBalancers: 4, targetGroups: 200, bigInstanceTargets: 500, bigIpPods: 3_000, nodePoolSize: 20, memoryOnly: false },
  XL: { name: "XL", pods: 50_000, nodes: 2_000, services: 5_000, loadBalancers: 50, classicLoadBalancers: 4, targetGroups: 200, bigInstanceTargets: 500, bigIpPods: 3_000, nodePoolSize: 20, memoryOnly: true },
};

export function parseSizes(list: string): SizeName[] {
  const names = list.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const n of names) if (!(n in SIZES)) throw new Error(`unknown size "${n}" (use S, M, L, XL)`);
  return [...new Set(names)] as SizeName[];
}
