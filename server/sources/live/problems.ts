import type { SourceProblem } from "@/server/core/model/snapshot";
import { SourceError } from "@/server/sources/errors";

/**
 * Pure: errors from @kubernetes/client-node and the AWS SDK → SourceProblem with a stable code, a message that
 * names the cause and a fix that names what to change (RBAC verb/resource, IAM action, setting). docs/live.md
 * lists every code.
 */

export const RBAC_FIX = "grant the ClusterRole lbpath-reader to the dashboard's identity (kubectl apply -f deploy/rbac.yaml)";
export const IAM_FIX_FILE = "deploy/iam-policy.json";

export interface KubeOp {
  verb: "list" | "watch" | "get";
  resource: string;
  group: string;
}

/** "list endpointslices.discovery.k8s.io", "list services": the RBAC rule that is missing. */
export function kubeDetail(op: KubeOp): string {
  return `${op.verb} ${op.group ? `${op.resource}.${op.group}` : op.resource}`;
}

type ErrLike = {
  name?: string; message?: string; code?: unknown; body?: unknown; cause?: unknown;
  $metadata?: { httpStatusCode?: number }; Code?: string;
};

/** The network-level error code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT, TLS codes…) anywhere in the cause chain. */
export function networkCode(err: unknown): string | undefined {
  for (let e = err as ErrLike | undefined, depth = 0; e && depth < 5; e = e.cause as ErrLike | undefined, depth++) {
    // The SDK's HTTP handler renames ECONNRESET/EPIPE/ETIMEDOUT errors "TimeoutError" (so they are retried) but
    // keeps the code: the code says what happened.
    if (typeof e.code === "string") return e.code;
    if (e.name === "TimeoutError" || e.name === "AbortError") return e.name;
  }
  return undefined;
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body !== "string") return (body as { message?: string } | undefined)?.message;
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return body.slice(0, 200) || undefined;
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY/;

export function kubernetesProblem(err: unknown, op: KubeOp, ctx: { cluster: string; server?: string; timeoutMs?: number }): SourceProblem {
  const e = (err ?? {}) as ErrLike;
  const detail = kubeDetail(op);
  const where = `cluster "${ctx.cluster}"${ctx.server ? ` (${ctx.server})` : ""}`;
  // ApiException carries the HTTP status in `code`, a refused watch in `statusCode`; DOMException (TimeoutError,
  // AbortError) has a numeric code too.
  const isAbort = e.name === "TimeoutError" || e.name === "AbortError";
  const raw = typeof e.code === "number" ? e.code : (err as { statusCode?: unknown } | null)?.statusCode;
  const status = !isAbort && typeof raw === "number" && raw >= 100 && raw < 600 ? raw : undefined;
  const cause = (e.cause as ErrLike | undefined)?.message;
  const said = (statusMessage(e.body) ?? e.message ?? String(err)) + (cause && !e.body ? ` (${cause})` : "");
  const p = (code: string, message: string, fix: string): SourceProblem => ({ code, source: "kubernetes", message, fix, detail });
  if (status === 403) return p("K8S_FORBIDDEN", `${where}: the dashboard may not ${detail} (403 Forbidden: ${said})`, RBAC_FIX);
  if (status === 401) {
    return p("K8S_UNAUTHORIZED", `${where}: the API server rejected the credentials (401 Unauthorized): they are expired or invalid`,
      "refresh the kubeconfig credentials (e.g. `aws eks update-kubeconfig`, re-login) or the service-account token, then reload");
  }
  if (status === 404) {
    return p("K8S_NOT_FOUND", `${where}: the API server does not serve ${detail} (404)`,
      "lbpath needs discovery.k8s.io/v1 EndpointSlices (Kubernetes ≥ 1.21); check the server URL points at the apiserver");
  }
  if (status === 429) return p("K8S_THROTTLED", `${where}: the API server is rate-limiting the dashboard (429 on ${detail})`, "wait; raise LBPATH_REFRESH_SECONDS if this persists");
  if (status !== undefined) return p("K8S_ERROR", `${where}: ${detail} failed with HTTP ${status}: ${said}`, "check the API server's health (kubectl get --raw /readyz)");
  const net = networkCode(err);
  if (net === "TimeoutError" || net === "AbortError" || net === "UND_ERR_CONNECT_TIMEOUT" || net === "UND_ERR_HEADERS_TIMEOUT") {
    const secs = ctx.timeoutMs ? ` after ${ctx.timeoutMs / 1000} s` : "";
    return p("K8S_UNREACHABLE", `${where}: ${detail} timed out${secs}`, "check network access to the API server (VPN, security groups, private endpoint) and that it is healthy");
  }
  if (net && TLS_CODES.test(net)) {
    return p("K8S_UNREACHABLE", `${where}: TLS to the API server failed (${net})`, "check certificate-authority-data / certificate-authority in the kubeconfig cluster entry");
  }
  if (net) {
    return p("K8S_UNREACHABLE", `${where}: cannot connect to the API server (${net})`, "check the server URL in the kubeconfig and network access to it (VPN, security groups, private endpoint)");
  }
  return p("K8S_ERROR", `${where}: ${detail} failed: ${said}`, "check the kubeconfig context (kubectl --context … get services -A)");
}

/** Problems that mean Kubernetes as a whole cannot be read (not a missing permission on one resource). */
export function isKubernetesDown(p: SourceProblem): boolean {
  return p.code === "K8S_UNREACHABLE" || p.code === "K8S_UNAUTHORIZED" || p.code === "K8S_CONFIG";
}

const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess)$/;
const THROTTLED = /^(Throttling|ThrottlingException|RequestLimitExceeded|TooManyRequestsException|RequestThrottled|SlowDown)$/;
const CREDENTIALS = /^(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|MissingAuthenticationToken|IncompleteSignature|CredentialsProviderError|InvalidAccessKeyId|TokenRefreshRequired)$/;

/** The API an action belongs to: ELB (the default prefix) or CloudWatch (`cloudwatch:GetMetricData`, issue 12). */
function awsApi(action: string): { iam: string; name: string; endpoint: string; rateFix: string } {
  if (action.startsWith("cloudwatch:")) {
    return { iam: action, name: "Amazon CloudWatch API", endpoint: "check network access to the monitoring (CloudWatch) endpoint (proxy, VPC endpoint) or AWS_ENDPOINT_URL_CLOUDWATCH",
      rateFix: "other tools share this account's CloudWatch API rate; raise LBPATH_METRICS_SECONDS or wait" };
  }
  return { iam: action.includes(":") ? action : `elasticloadbalancing:${action}`, name: "AWS Elastic Load Balancing API",
    endpoint: "check network access to elasticloadbalancing endpoints (proxy, VPC endpoint) or AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING[_V2]",
    rateFix: "other tools share this account's ELB API rate; raise LBPATH_REFRESH_SECONDS / LBPATH_HEALTH_SECONDS or wait" };
}

/** `action`: an ELB action ("DescribeTargetHealth") or a prefixed one ("cloudwatch:GetMetricData"). */
export function awsProblem(err: unknown, action: string, ctx: { region?: string; timeoutMs?: number }): SourceProblem {
  const e = (err ?? {}) as ErrLike;
  const code = e.name ?? e.Code ?? "Error";
  const said = e.message ?? String(err);
  const api = awsApi(action);
  const iam = api.iam;
  const region = ctx.region ? ` in ${ctx.region}` : "";
  const p = (c: string, message: string, fix: string, detail = iam): SourceProblem => ({ code: c, source: "aws", message, fix, detail });
  if (ACCESS_DENIED.test(code)) {
    return p("AWS_ACCESS_DENIED", `AWS denied ${iam}${region}: ${said}`, `allow ${iam} for the dashboard's IAM identity (see ${IAM_FIX_FILE})`);
  }
  if (THROTTLED.test(code)) {
    return p("AWS_THROTTLED", `AWS throttled ${iam}${region} (${code}: ${said}); stopped calling until the next refresh`, api.rateFix);
  }
  if (CREDENTIALS.test(code) || /credential/i.test(said)) {
    return p("AWS_CREDENTIALS", `AWS credentials are missing, invalid or expired (${code}: ${said})`,
      "provide credentials through the default chain: AWS_PROFILE / ~/.aws, AWS_ACCESS_KEY_ID+AWS_SECRET_ACCESS_KEY, IRSA or EKS Pod Identity; refresh expired SSO sessions (aws sso login)", "credentials");
  }
  if (/region is missing/i.test(said)) {
    return p("AWS_REGION_UNKNOWN", `the AWS region could not be determined, so ${iam} was not called`, "set AWS_REGION (the Nodes carry no topology.kubernetes.io/zone label or aws:/// providerID)");
  }
  const net = networkCode(err);
  if (net || code === "TimeoutError" || code === "AbortError" || code === "RequestTimeout") {
    const why = net === "TimeoutError" || net === "AbortError" || net === "ETIMEDOUT" || (!net && (code === "TimeoutError" || code === "AbortError"))
      ? `timed out${ctx.timeoutMs ? ` after ${ctx.timeoutMs / 1000} s` : ""}` : `cannot connect (${net ?? code})`;
    return p("AWS_UNREACHABLE", `${api.name}${region}: ${iam} ${why}`, api.endpoint);
  }
  const status = e.$metadata?.httpStatusCode;
  return p("AWS_ERROR", `${iam}${region} failed (${code}${status ? `, HTTP ${status}` : ""}): ${said}`, "retry later; if it persists check the AWS Health Dashboard");
}

/** Problems that mean AWS as a whole cannot be read: stop issuing calls, keep the Kubernetes half. */
export function isAwsDown(p: SourceProblem): boolean {
  return p.code === "AWS_UNREACHABLE" || p.code === "AWS_CREDENTIALS" || p.code === "AWS_REGION_UNKNOWN";
}

/** Progress of the first AWS cycle (awsCache.ts FirstCycle): what is known, and calls asked and finished so far. */
export interface FirstAwsProgress {
  stage: "structure" | "health";
  asked: number;
  finished: number;
  perSecond: number;
}

/**
 * AWS_FIRST_READ: the first AWS cycle is still running, so the Kubernetes half is served alone (issue 5/6 gap).
 * `detail` names the action whose data is not there yet, the way an AccessDenied names it, so the analysis
 * treats that part as missing (snapshotIndex.ts: DescribeLoadBalancers → `missing.aws`, DescribeTargetHealth →
 * `missing.targetHealth`): "AWS unknown", never "no load balancer exists" or TARGETS_MISSING. Only counts the
 * cache really has: before the structure is known, how many calls the rest of the cycle needs is not known
 * either (one per listener set, attribute, target group…), so the time given is a lower bound.
 */
export function firstAwsReadProblem(p: FirstAwsProgress, region?: string): SourceProblem {
  const where = region ? ` in ${region}` : "";
  const left = p.asked - p.finished;
  const secs = Math.ceil(left / p.perSecond);
  const fix = `nothing to do: the rest appears by itself once read. A first read takes about one call per load balancer, listener set, target group and attribute, paced at LBPATH_AWS_CALLS_PER_SECOND (${p.perSecond}/s here); raising it shortens the wait but draws more on the account's ELB API rate, which other tools share`;
  if (p.stage === "health") {
    return {
      code: "AWS_FIRST_READ", source: "aws", detail: "elasticloadbalancing:DescribeTargetHealth", fix,
      message: `AWS${where} is still being read for the first time: load balancers, listeners and target groups are known, target health is not yet (${p.finished} of ${p.asked} calls done at ${p.perSecond} calls/s, about ${secs} s left); target health is unknown meanwhile`,
    };
  }
  return {
    code: "AWS_FIRST_READ", source: "aws", detail: "elasticloadbalancing:DescribeLoadBalancers", fix,
    message: `AWS${where} is still being read for the first time (${p.finished} calls done, ${left} under way or queued: at least ${secs} s more at ${p.perSecond} calls/s, then tags and one target-health call per target group); the Kubernetes half is shown meanwhile, the load balancers are unknown until then`,
  };
}

/**
 * Collects problems during one read and folds repeats (same code and detail, e.g. DescribeTargetHealth denied for
 * 30 target groups) into one entry that names how many resources and the first few.
 */
export class ProblemLog {
  private readonly groups = new Map<string, { problem: SourceProblem; subjects: string[] }>();

  add(problem: SourceProblem, subject?: string): void {
    // "AWS is down" has one cause whatever the action that found it; permission problems differ per action.
    const key = isAwsDown(problem) ? `${problem.source}|${problem.code}` : `${problem.source}|${problem.code}|${problem.detail ?? ""}`;
    const g = this.groups.get(key);
    if (g) { if (subject) g.subjects.push(subject); return; }
    this.groups.set(key, { problem, subjects: subject ? [subject] : [] });
  }

  get size(): number {
    return this.groups.size;
  }

  list(): SourceProblem[] {
    return [...this.groups.values()].map(({ problem, subjects }) => {
      if (subjects.length === 0) return problem;
      const shown = subjects.slice(0, 3).join(", ") + (subjects.length > 3 ? ", …" : "");
      return { ...problem, message: `${problem.message} [${subjects.length} affected: ${shown}]` };
    });
  }
}

/**
 * "AWS is down" (unreachable, credentials) found by several stages of the AWS cache is one cause: one problem that
 * names the other actions it stopped, not one per stage. Other problems (a denied action) stay as they are.
 */
export function foldAwsDown(problems: SourceProblem[]): SourceProblem[] {
  const first = new Map<string, { index: number; others: string[] }>();
  const out: SourceProblem[] = [];
  for (const p of problems) {
    if (!isAwsDown(p)) { out.push(p); continue; }
    const seen = first.get(p.code);
    if (seen) { if (p.detail && p.detail !== out[seen.index].detail && !seen.others.includes(p.detail)) seen.others.push(p.detail); continue; }
    first.set(p.code, { index: out.length, others: [] });
    out.push(p);
  }
  for (const { index, others } of first.values()) {
    if (others.length) out[index] = { ...out[index], message: `${out[index].message} (also stopped: ${others.map((d) => d.replace("elasticloadbalancing:", "")).join(", ")})` };
  }
  return out;
}

/**
 * Thrown when nothing at all can be shown; the message names cause and fix. A SourceError, so the API answers
 * 503 with the problem's own code (K8S_UNREACHABLE, K8S_CONFIG, …) and fix (server/http/respond.ts).
 */
export class LiveSourceError extends SourceError {
  constructor(readonly problems: SourceProblem[]) {
    super(
      problems[0]?.code ?? "K8S_ERROR",
      problems.map((p) => `${p.message}. Fix: ${p.fix ?? "-"}`).join("\n"),
      [...new Set(problems.map((p) => p.fix).filter(Boolean))].join("; ") || undefined,
      503,
    );
    this.name = "LiveSourceError";
  }
}
