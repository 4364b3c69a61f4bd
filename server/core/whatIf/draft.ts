import type * as k8s from "../model/kubernetes";
import type * as elbv2 from "../model/elbv2";
import type * as elb from "../model/elb";
import type { Snapshot } from "../model/snapshot";

/**
 * A snapshot being edited into "the cluster after the change": copy-on-write, so the original snapshot (shared
 * by every viewer and memoised by identity) is never touched. Only the objects a change edits are copied.
 */
export class Draft {
  services: k8s.Service[];
  endpointSlices: k8s.EndpointSlice[];
  nodes: k8s.Node[];
  pods: k8s.Pod[];
  loadBalancers: elbv2.LoadBalancer[];
  targetGroups: elbv2.TargetGroup[];
  classic: elb.LoadBalancerDescription[];

  constructor(readonly base: Snapshot) {
    this.services = [...base.kubernetes.services];
    this.endpointSlices = [...base.kubernetes.endpointSlices];
    this.nodes = [...base.kubernetes.nodes];
    this.pods = [...base.kubernetes.pods];
    this.loadBalancers = [...base.aws.loadBalancers];
    this.targetGroups = [...base.aws.targetGroups];
    this.classic = [...base.aws.classicLoadBalancers];
  }

  /** Replace `old` (by identity) with an edited deep copy; returns the copy. */
  edit<T extends object>(list: T[], old: T, change: (copy: T) => void): T {
    const i = list.indexOf(old);
    if (i < 0) throw new Error("what-if: object not in the draft");
    const copy = structuredClone(old);
    change(copy);
    list[i] = copy;
    return copy;
  }

  remove<T>(list: T[], old: T): void {
    const i = list.indexOf(old);
    if (i >= 0) list.splice(i, 1);
  }

  /**
   * The edited cluster. Observations (CloudWatch metrics, the health timeline) describe the past of the cluster as it
   * is, not of the one predicted: they are left out, so the prediction never compares old traffic with a new split.
   */
  snapshot(): Snapshot {
    const { metrics: _metrics, timeline: _timeline, ...base } = this.base;
    return {
      ...base,
      kubernetes: { services: this.services, endpointSlices: this.endpointSlices, nodes: this.nodes, pods: this.pods },
      aws: { loadBalancers: this.loadBalancers, targetGroups: this.targetGroups, classicLoadBalancers: this.classic },
    };
  }
}
