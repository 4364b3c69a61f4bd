import { CoreV1Api, DiscoveryV1Api, Observable, type KubeConfig, type RequestContext, type ResponseContext } from "@kubernetes/client-node";
import type * as k8s from "@/server/core/model/kubernetes";
import type { Snapshot, SourceProblem } from "@/server/core/model/snapshot";
import { reshapeEndpointSlice, reshapeNode, reshapePod, reshapeService, type NodeIn } from "./reshapeKubernetes";
import { targetNodeLabelKeys } from "./trim";
import { LiveSourceError, kubernetesProblem, type KubeOp } from "./problems";
import { EXTRA_RESOURCES, assembleExtra, isNotInstalled, listFunction } from "./extraResources";

/**
 * Read the four resource types the analysis needs with the real client: cluster-wide paginated lists
 * (`limit`, following every `continue`). EndpointSlices only, never legacy Endpoints; never Secrets.
 * A failed resource becomes a problem and an empty list (the snapshot is partial); if all four fail there is
 * nothing to show and this throws a LiveSourceError naming cause and fix.
 */

export interface KubernetesHalf {
  services: k8s.Service[];
  endpointSlices: k8s.EndpointSlice[];
  nodes: k8s.Node[];
  pods: k8s.Pod[];
  /** Ingresses, IngressClasses and the custom resources that are installed (extraResources.ts). */
  extra: Partial<Snapshot["kubernetes"]>;
  problems: SourceProblem[];
  /** ISO time the read started. */
  readAt: string;
}

export interface ReadKubernetesOptions {
  cluster: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Page size (default 500). */
  pageSize?: number;
}

interface Page<T> { items: T[]; metadata?: { _continue?: string } }
type ListFn<T> = (p: { limit: number; _continue?: string }, o: CallOptions) => Promise<Page<T>>;
type CallOptions = Parameters<CoreV1Api["listServiceForAllNamespaces"]>[1];

/**
 * Per-request timeout: client-node 2.x takes an AbortSignal on the request context (fetch/undici underneath).
 * Per-call options take the Observable-style middleware of its generated layer (like its own setHeaderMiddleware).
 */
export function timeoutOptions(timeoutMs: number): CallOptions {
  return {
    middleware: [{
      pre: (ctx: RequestContext) => { ctx.setSignal(AbortSignal.timeout(timeoutMs)); return new Observable(Promise.resolve(ctx)); },
      post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
    }],
    middlewareMergeStrategy: "append",
  };
}

function isExpired(err: unknown): boolean {
  return (err as { code?: unknown }).code === 410;
}

/**
 * Every page of a list, trimmed on arrival. A 410 Expired continue token (the list took longer than etcd keeps
 * the revision) restarts the list once from the beginning, as kubectl does.
 */
export async function listAll<T, R>(list: ListFn<T>, trim: (t: T) => R, pageSize: number, options: CallOptions): Promise<R[]> {
  for (let attempt = 0; ; attempt++) {
    const out: R[] = [];
    let cont: string | undefined;
    try {
      do {
        const page = await list({ limit: pageSize, ...(cont ? { _continue: cont } : {}) }, options);
        for (const item of page.items) out.push(trim(item));
        cont = page.metadata?._continue || undefined;
      } while (cont);
      return out;
    } catch (e) {
      if (!(cont && isExpired(e) && attempt === 0)) throw e;
    }
  }
}

const OPS = {
  services: { verb: "list", resource: "services", group: "" },
  endpointSlices: { verb: "list", resource: "endpointslices", group: "discovery.k8s.io" },
  nodes: { verb: "list", resource: "nodes", group: "" },
  pods: { verb: "list", resource: "pods", group: "" },
} as const satisfies Record<string, KubeOp>;

export async function readKubernetes(kc: KubeConfig, opts: ReadKubernetesOptions): Promise<KubernetesHalf> {
  const readAt = new Date().toISOString();
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pageSize = opts.pageSize ?? 500;
  const core = kc.makeApiClient(CoreV1Api);
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const options = timeoutOptions(timeoutMs);
  const server = kc.getCurrentCluster()?.server;
  const problems: SourceProblem[] = [];
  const guard = async <R>(op: KubeOp, read: () => Promise<R[]>): Promise<R[] | undefined> => {
    try {
      return await read();
    } catch (e) {
      problems.push(kubernetesProblem(e, op, { cluster: opts.cluster, server, timeoutMs }));
      return undefined;
    }
  };

  // The ALB / Gateway objects, read alongside: a custom resource that answers 404 is not installed, no problem.
  const extraReading = Promise.all(EXTRA_RESOURCES.map(async (res) => {
    try {
      return { res, items: await listAll(listFunction(kc, res), res.trim, pageSize, options) };
    } catch (e) {
      if (!(res.crd && isNotInstalled(e))) problems.push(kubernetesProblem(e, res.op, { cluster: opts.cluster, server, timeoutMs }));
      return { res, items: undefined };
    }
  }));
  // Nodes are trimmed after Services: which node labels to keep depends on Services' target-node-labels (JOIN-5).
  const [services, endpointSlices, rawNodes, pods] = await Promise.all([
    guard(OPS.services, () => listAll((p, o) => core.listServiceForAllNamespaces(p, o), reshapeService, pageSize, options)),
    guard(OPS.endpointSlices, () => listAll((p, o) => discovery.listEndpointSliceForAllNamespaces(p, o), reshapeEndpointSlice, pageSize, options)),
    guard(OPS.nodes, () => listAll((p, o) => core.listNode(p, o), (n): NodeIn => n as NodeIn, pageSize, options)),
    guard(OPS.pods, () => listAll((p, o) => core.listPodForAllNamespaces(p, o), reshapePod, pageSize, options)),
  ]);
  if (!services && !endpointSlices && !rawNodes && !pods) throw new LiveSourceError(dedupe(problems));
  const extraRead = await extraReading;
  const nodeLabels = targetNodeLabelKeys(services ?? []);
  return {
    services: services ?? [],
    endpointSlices: endpointSlices ?? [],
    nodes: (rawNodes ?? []).map((n) => reshapeNode(n, nodeLabels)),
    pods: pods ?? [],
    extra: assembleExtra(extraRead),
    problems,
    readAt,
  };
}

/** Same cause on every resource (e.g. connection refused four times) → one problem. */
function dedupe(problems: SourceProblem[]): SourceProblem[] {
  const seen = new Map<string, SourceProblem>();
  for (const p of problems) {
    const key = p.code === "K8S_FORBIDDEN" ? `${p.code}|${p.detail}` : `${p.code}|${p.message.replace(/ (list|watch|get) \S+/, "")}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}
