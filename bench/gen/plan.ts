import type { Rng } from "../prng";
import type { SizeSpec } from "../sizes";
import { uuid } from "./ids";
import { INGRESS_LABEL, POOL_LABEL } from "./nodes";
import type { Flavour, NodeGen, PortPlan, ServicePlan } from "./types";

const A = "service.beta.kubernetes.io/";
export const LBC_CLASS = "service.k8s.aws/nlb";
/** Most ports a generated Service gets: enough for an Istio-style gateway plus a few extra TCP ports. */
const MAX_PORTS = 8;

const WORDS = [
  "orders", "payments", "checkout", "catalog", "search", "identity", "billing", "media", "analytics", "profile",
  "inventory", "shipping", "pricing", "reviews", "cart", "ledger", "notify", "reports", "gateway", "session",
  "assets", "images", "feeds", "ranking", "fraud", "quotes", "tax", "loyalty", "geo", "chat",
];
const KINDS = ["api", "web", "worker", "grpc", "cache", "db", "svc", "edge"];

/** Istio-gateway-like port list first (realistic multi-port LoadBalancer Services), then extra TCP ports. */
const PORTS: Omit<PortPlan, "nodePort">[] = [
  { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
  { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
  { name: "status-port", port: 15021, targetPort: 15021, protocol: "TCP" },
  { name: "tls", port: 15443, targetPort: 15443, protocol: "TCP" },
  { name: "tcp", port: 31400, targetPort: 31400, protocol: "TCP" },
  { name: "dns-udp", port: 53, targetPort: 5353, protocol: "UDP" },
  { name: "grpc", port: 50051, targetPort: 50051, protocol: "TCP" },
  { name: "metrics", port: 9090, targetPort: 9090, protocol: "TCP" },
];

/** Node ports, unique in the cluster, from the default range 30000–32767. */
class NodePorts {
  private next: number;
  constructor(private readonly rng: Rng) {
    this.next = 30000 + rng.int(400);
  }
  take(): number {
    this.next += 1 + this.rng.int(5);
    if (this.next > 32767) throw new Error("node port range exhausted");
    return this.next;
  }
}

function namespaces(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(i < WORDS.length ? WORDS[i] : `${WORDS[i % WORDS.length]}-${Math.floor(i / WORDS.length)}`);
  return out;
}

/** How many ports (= listeners = target groups) each ordinary NLB gets, summing exactly to `total`. */
function portCounts(rng: Rng, nlbs: number, total: number): number[] {
  if (nlbs === 0) return [];
  if (total < nlbs || total > nlbs * MAX_PORTS) throw new Error(`cannot spread ${total} target groups over ${nlbs} load balancers`);
  const counts = new Array<number>(nlbs).fill(1);
  for (let extra = total - nlbs; extra > 0; ) {
    // Half uniform, half preferential, so a few gateways get many ports and most Services one or two.
    const owner = rng.chance(0.5) ? rng.int(nlbs) : weightedPick(rng, counts);
    if (counts[owner] < MAX_PORTS) { counts[owner]++; extra--; }
    else { const free = counts.findIndex((c) => c < MAX_PORTS); counts[free]++; extra--; }
  }
  return counts;
}

function weightedPick(rng: Rng, weights: number[]): number {
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return weights.length - 1;
}

/** Split `total` over `n` parts, each ≥ 1, with a skewed (exponential) spread. */
export function spread(rng: Rng, n: number, total: number): number[] {
  if (n === 0) return [];
  if (total < n) throw new Error(`cannot give ${n} workloads at least one pod from ${total}`);
  const w = Array.from({ length: n }, () => Math.exp(2.5 * rng.next()));
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => 1 + Math.floor(((total - n) * x) / sum));
  let left = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) out[i]++;
  return out;
}

/**
 * Decide every Service: which have a load balancer and made by which controller (JOIN-1), their ports,
 * traffic policy, node pool and replica count. The rest are ClusterIP. Counts match the size exactly.
 */
export function planServices(spec: SizeSpec, rng: Rng, nodes: NodeGen[], workloadPods: number): ServicePlan[] {
  const ports = new NodePorts(rng.fork("nodeports"));
  const nsList = namespaces(Math.max(3, Math.ceil(spec.services / 25)));
  const pools = [...new Set(nodes.map((n) => n.pool).filter((p): p is string => !!p))];
  const used = new Set<string>();
  const nameIn = (ns: string) => {
    for (let i = 0; ; i++) {
      const base = `${rng.pick(WORDS)}-${rng.pick(KINDS)}`;
      const name = i < 3 ? base : `${base}-${i}`;
      if (!used.has(`${ns}/${name}`)) { used.add(`${ns}/${name}`); return name; }
    }
  };
  const plans: ServicePlan[] = [];
  const blank = (namespace: string, name: string): ServicePlan => ({
    namespace, name, uid: uuid(rng), flavour: null, etp: "Cluster", ports: [], replicas: 0, pool: null, role: null,
    lbZones: [0, 1, 2], crossZone: false, internal: false, annotations: {}, pods: [],
  });

  // The two Services every cluster has: the API server (no selector) and cluster DNS.
  used.add("default/kubernetes").add("kube-system/kube-dns");
  plans.push({ ...blank("default", "kubernetes"), ports: [{ name: "https", port: 443, targetPort: 443, protocol: "TCP" }] });
  plans.push({ ...blank("kube-system", "kube-dns"), replicas: 2, ports: [{ name: "dns", port: 53, targetPort: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53, targetPort: 53, protocol: "TCP" }] });

  const nlbs = spec.loadBalancers - spec.classicLoadBalancers;
  const bigs = (spec.bigInstanceTargets ? 1 : 0) + (spec.bigIpPods ? 1 : 0);
  // The small Service (first) has one port; the rest share the remaining target groups.
  const counts = [1, ...portCounts(rng, nlbs - bigs - 1, spec.targetGroups - bigs - 1)];
  const flavours = rng.shuffle(Array.from({ length: counts.length }, (_, i) => (["lbc-ip", "legacy-nlb", "lbc-instance"] as const)[i % 3]));
  const lbPlans: ServicePlan[] = [];

  if (spec.bigInstanceTargets) {
    // The blog's case at scale: legacy NLB, instance targets on the labelled nodes, ETP Local (HC-2, HLT-E1).
    lbPlans.push({ ...blank("edge", "gateway"), flavour: "legacy-nlb", etp: "Local", role: "big-instance", replicas: Math.round(spec.bigInstanceTargets * 0.6),
      ports: [{ name: "https", port: 443, targetPort: 8443, protocol: "TCP" }], annotations: { [`${A}aws-load-balancer-target-node-labels`]: `${INGRESS_LABEL}=true` } });
  }
  if (spec.bigIpPods) {
    // LBC ip mode, one target per pod (SRC-11, DST-9); one port so the target group holds every pod.
    lbPlans.push({ ...blank("stream", "ingest"), flavour: "lbc-ip", role: "big-ip", replicas: spec.bigIpPods,
      ports: [{ name: "grpc", port: 443, targetPort: 50051, protocol: "TCP" }] });
  }
  counts.forEach((n, i) => {
    const ns = rng.pick(nsList);
    const small = i === 0;
    const flavour: Flavour = small ? "lbc-ip" : flavours[i];
    lbPlans.push({ ...blank(ns, nameIn(ns)), flavour, role: small ? "small" : null, ports: PORTS.slice(0, n).map((p) => ({ ...p })) });
  });
  for (let i = 0; i < spec.classicLoadBalancers; i++) {
    const ns = rng.pick(nsList);
    lbPlans.push({ ...blank(ns, nameIn(ns)), flavour: "classic", ports: PORTS.slice(0, 1 + rng.int(2)).map((p) => ({ ...p })) });
  }
  for (const p of lbPlans) decorateLoadBalancerService(p, rng, ports, pools);

  const clusterIp = spec.services - plans.length - lbPlans.length;
  const others: ServicePlan[] = [];
  for (let i = 0; i < clusterIp; i++) {
    const ns = rng.pick(nsList);
    others.push({ ...blank(ns, nameIn(ns)), ports: [PORTS[rng.int(2) === 0 ? 0 : 1]].map((p) => ({ ...p })) });
  }

  // Replicas: fixed for the big and small Services and cluster DNS, a skewed spread for the rest.
  const flexible = [...lbPlans.filter((p) => !p.role), ...others];
  const fixed = [...plans, ...lbPlans].reduce((n, p) => n + (p.role === "small" ? 4 : p.replicas), 0);
  const shares = spread(rng, flexible.length, workloadPods - fixed);
  flexible.forEach((p, i) => (p.replicas = shares[i]));
  for (const p of lbPlans) if (p.role === "small") p.replicas = 4;
  return [...plans, ...lbPlans, ...others];
}

/** Annotations, class, traffic policy, zones and node ports of a LoadBalancer Service (JOIN-1, JOIN-5). */
function decorateLoadBalancerService(p: ServicePlan, rng: Rng, ports: NodePorts, pools: string[]): void {
  const instance = p.flavour === "legacy-nlb" || p.flavour === "lbc-instance" || p.flavour === "classic";
  if (!p.role) {
    p.etp = instance && rng.chance(0.4) ? "Local" : "Cluster";
    p.internal = rng.chance(0.3);
    p.crossZone = rng.chance(0.2);
    // 1 in 10 load balancers has no subnet in zone c: its targets there are unused (DST-3).
    if (p.flavour !== "classic" && rng.chance(0.1)) p.lbZones = [0, 1];
    if (instance && pools.length) p.pool = rng.pick(pools);
  }
  const ann = p.annotations;
  if (p.pool) ann[`${A}aws-load-balancer-target-node-labels`] = `${POOL_LABEL}=${p.pool}`;
  if (p.flavour === "legacy-nlb") {
    ann[`${A}aws-load-balancer-type`] = "nlb";
    if (p.internal) ann[`${A}aws-load-balancer-internal`] = "true";
    if (p.crossZone) ann[`${A}aws-load-balancer-cross-zone-load-balancing-enabled`] = "true";
  } else if (p.flavour === "lbc-instance" || p.flavour === "lbc-ip") {
    // Newer Services carry the class (set by the LBC webhook); older ones the `external` annotation (L8).
    if (p.flavour === "lbc-instance" || rng.chance(0.5)) p.loadBalancerClass = LBC_CLASS;
    else ann[`${A}aws-load-balancer-type`] = "external";
    ann[`${A}aws-load-balancer-nlb-target-type`] = p.flavour === "lbc-ip" ? "ip" : "instance";
    ann[`${A}aws-load-balancer-scheme`] = p.internal ? "internal" : "internet-facing";
    if (p.crossZone) ann[`${A}aws-load-balancer-attributes`] = "load_balancing.cross_zone.enabled=true";
  } else if (p.flavour === "classic") {
    if (p.internal) ann[`${A}aws-load-balancer-internal`] = "true";
    const r = rng.next(); // SRC-1/SRC-2: 30 % PROXY v1 on TCP, 20 % HTTP listeners (X-Forwarded-For), the rest plain TCP
    if (r < 0.3) ann[`${A}aws-load-balancer-proxy-protocol`] = "*";
    else if (r < 0.5) ann[`${A}aws-load-balancer-backend-protocol`] = "http";
    if (p.crossZone) ann[`${A}aws-load-balancer-cross-zone-load-balancing-enabled`] = "true";
  }
  for (const port of p.ports) port.nodePort = ports.take();
  if (p.etp === "Local") p.healthCheckNodePort = ports.take();
}
