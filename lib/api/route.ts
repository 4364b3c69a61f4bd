import { z } from "zod";
import { RuleActionView, RuleView } from "./topology";

/**
 * The rule simulator's contract: `POST /api/v1/clusters/{cluster}/namespaces/{namespace}/ingresses/{name}/route` and
 * `…/gateways/{name}/route` (docs/api.md, docs/alb.md). The request body is validated with RouteRequest; a bad field is a 400 naming it.
 */
const header = z.string().min(1).max(100).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be an HTTP header name");

export const RouteRequest = z
  .object({
    host: z.string().min(1, "must not be empty").max(253).regex(/^[A-Za-z0-9.*?:-]+$/, "must be a host name (letters, digits, . - and an optional :port)"),
    path: z.string().max(2048).regex(/^\/[^\s]*$/, "must start with / and contain no spaces").default("/"),
    headers: z.record(header, z.string().max(1024)).refine((h) => Object.keys(h).length <= 20, "at most 20 headers").optional(),
    method: z.string().regex(/^[A-Z_-]{1,40}$/, "must be an upper-case HTTP method (A-Z, - or _)").optional(),
    /** Query string without "?": "a=1&b=2". */
    query: z.string().max(2048).optional(),
    sourceIp: z.union([z.ipv4(), z.ipv6()]).optional(),
    /** The listener port (default: 80, else the first listener). */
    port: z.number().int().min(1).max(65535).optional(),
  })
  .strict();
export type RouteRequest = z.infer<typeof RouteRequest>;

export const RoutePod = z.object({
  namespace: z.string(),
  name: z.string(),
  ip: z.string().nullable(),
  node: z.string().nullable(),
  /** Share of the matching requests this pod gets (weighted forward and target health included). */
  share: z.number(),
  targetGroup: z.string(),
});
export type RoutePod = z.infer<typeof RoutePod>;

export const RouteResult = z.object({
  cluster: z.string(),
  /** The Ingress or Gateway whose load balancer evaluated the request. */
  subject: z.object({ kind: z.enum(["Ingress", "Gateway"]), namespace: z.string(), name: z.string() }),
  /** The Ingress (Ingress simulator only; the same as `subject`, kept for clients of the first version). */
  ingress: z.object({ namespace: z.string(), name: z.string() }).optional(),
  request: RouteRequest,
  loadBalancer: z.object({ name: z.string(), dnsName: z.string() }).nullable(),
  listener: z.object({ port: z.number(), protocol: z.string() }).nullable(),
  /** Every rule in evaluation order with its outcome for this request (ALB-R1, ALB-R2). */
  evaluated: z.array(z.object({ priority: z.string(), outcome: z.enum(["match", "no-match", "unknown", "not-reached"]) })),
  winner: RuleView.nullable(),
  /** Later rules that match this request too but lose to the winner. */
  alsoMatching: z.array(z.string()),
  /** Earlier rules whose outcome depends on what the request did not say (e.g. the source IP). */
  undecided: z.array(z.string()),
  action: RuleActionView.nullable(),
  targetPods: z.array(RoutePod),
  /** Plain-words summary: which rule wins and where the request lands. */
  summary: z.string(),
});
export type RouteResult = z.infer<typeof RouteResult>;
