import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadAllYaml, type V1ClusterRole, type V1ClusterRoleBinding, type V1ServiceAccount } from "@kubernetes/client-node";
import { emptyInventory, permissionOfMethod, resourceOfPath, scanSource, scanTree, type Site } from "./scanServer";

/**
 * Issue 5: "A test checks that the code calls nothing outside these lists." The lists are deploy/rbac.yaml
 * and deploy/iam-policy.json; the code is everything under server/, app/ and lib/.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const read = (p: string) => readFileSync(`${ROOT}${p}`, "utf8");

// Exactly the Describe calls lbpath makes (ELBv2 and Classic share the elasticloadbalancing: prefix), and the one
// CloudWatch read for observed traffic (issue 12).
const EXPECTED_ACTIONS = [
  "cloudwatch:GetMetricData",
  "elasticloadbalancing:DescribeInstanceHealth",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeRules",
  "elasticloadbalancing:DescribeTags",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetHealth",
];
// "verb group/resource"; core is the "" API group. Issue 13 adds the Ingress, TargetGroupBinding, Gateway API and
// EKS Auto Mode objects (read only, like the rest).
const EXPECTED_RBAC = ["services", "pods", "nodes"]
  .map((r) => `core/${r}`)
  .concat("discovery.k8s.io/endpointslices")
  .concat("networking.k8s.io/ingresses", "networking.k8s.io/ingressclasses")
  .concat("elbv2.k8s.aws/ingressclassparams", "elbv2.k8s.aws/targetgroupbindings", "eks.amazonaws.com/ingressclassparams")
  .concat(["gatewayclasses", "gateways", "httproutes", "tcproutes", "udproutes", "tlsroutes"].map((r) => `gateway.networking.k8s.io/${r}`))
  .concat(["loadbalancerconfigurations", "targetgroupconfigurations", "listenerruleconfigurations"].map((r) => `gateway.k8s.aws/${r}`))
  .flatMap((r) => ["get", "list", "watch"].map((v) => `${v} ${r}`))
  .sort();

// CustomObjectsApi takes group/version/plural at run time: allowed only where they come from literal paths that the
// path check below covers (server/sources/live/extraResources.ts), never anywhere else.
const CUSTOM_OBJECT_FILES = new Set(["server/sources/live/extraResources.ts"]);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  NotAction?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}
const policy = JSON.parse(read("deploy/iam-policy.json")) as { Version: string; Statement: Statement[] };
const policyActions = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

const rbacDocs = loadAllYaml(read("deploy/rbac.yaml")) as Array<{ kind?: string }>;
const clusterRole = rbacDocs.find((d) => d.kind === "ClusterRole") as V1ClusterRole;
const binding = rbacDocs.find((d) => d.kind === "ClusterRoleBinding") as V1ClusterRoleBinding;
const serviceAccount = rbacDocs.find((d) => d.kind === "ServiceAccount") as V1ServiceAccount;
const granted = new Set(
  (clusterRole?.rules ?? []).flatMap((r) =>
    (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).flatMap((res) => r.verbs.map((v) => `${v} ${g === "" ? "core" : g}/${res}`))),
  ),
);

/** True when an informer/watch on this REST path needs more than the ClusterRole grants, or cannot be checked. */
function pathOutsideRole(path: string): boolean {
  const r = resourceOfPath(path);
  // lbpath's own /api/v1/clusters/... routes are not Kubernetes paths; a path built at run time
  // ("/apis/{}/…", "/api/{}/…") cannot be checked and must be spelled out.
  if (r === null) return /^\/apis\//.test(path) || /^\/api\/\{\}/.test(path);
  // An informer on a path lists and then watches it.
  return !(granted.has(`list ${r}`) && granted.has(`watch ${r}`));
}

const where = (sites: Site[]) => sites.map((s) => `${s.file}:${s.line}`).join(", ");

describe("deploy/iam-policy.json", () => {
  it("allows exactly the ELBv2/Classic Describe actions and cloudwatch:GetMetricData lbpath calls, on Resource *", () => {
    expect(policy.Version).toBe("2012-10-17");
    expect([...policyActions].sort()).toEqual(EXPECTED_ACTIONS);
    for (const s of policy.Statement) {
      expect(s.Effect).toBe("Allow");
      // ELB Describe actions support no resource-level scoping, so "*" is the only working value.
      expect(s.Resource).toBe("*");
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
    }
    // Reads only: Describe* on the load balancers, GetMetricData (no PutMetricData, alarms or dashboards).
    for (const a of policyActions) expect(a).toMatch(/^(elasticloadbalancing:Describe[A-Za-z]+|cloudwatch:GetMetricData)$/);
  });
});

describe("deploy/rbac.yaml", () => {
  it("ClusterRole lbpath-reader: exactly get/list/watch on the objects lbpath reads (services, pods, nodes, endpointslices, ingress and gateway objects)", () => {
    expect(clusterRole.metadata?.name).toBe("lbpath-reader");
    expect([...granted].sort()).toEqual(EXPECTED_RBAC);
    for (const r of clusterRole.rules ?? []) {
      expect(r.resourceNames ?? []).toEqual([]);
      expect(r.nonResourceURLs ?? []).toEqual([]);
      for (const x of [...(r.resources ?? []), ...(r.verbs ?? []), ...(r.apiGroups ?? [])]) expect(x).not.toContain("*");
    }
    expect(clusterRole.aggregationRule).toBeUndefined();
  });

  it("binds that role, and only it, to ServiceAccount lbpath/lbpath", () => {
    expect(serviceAccount.metadata).toMatchObject({ name: "lbpath", namespace: "lbpath" });
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "lbpath-reader" });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "lbpath", namespace: "lbpath" }]);
    expect(rbacDocs.map((d) => d.kind).sort()).toEqual(["ClusterRole", "ClusterRoleBinding", "ServiceAccount"]);
  });
});

describe("the code calls nothing outside these lists", () => {
  const inv = scanTree(ROOT, ["server", "app", "lib"]);

  it("every AWS SDK command in the code is in the IAM policy", () => {
    const outside = [...inv.awsActions].filter(([a]) => !policyActions.has(a)).map(([a, s]) => `${a} (${where(s)})`);
    expect(outside, "add the action to deploy/iam-policy.json and docs/deploy.md, or stop calling it").toEqual([]);
  });

  it("and the IAM policy lists nothing the code does not call (exactly, not a superset)", () => {
    const unused = [...policyActions].filter((a) => !inv.awsActions.has(a));
    expect(unused, "drop the action from deploy/iam-policy.json and docs, or the code lost a call").toEqual([]);
  });

  it("every Kubernetes client method is a plain read the ClusterRole grants", () => {
    const outside = [...inv.k8sMethods]
      .filter(([m, sites]) => {
        if (m === "listClusterCustomObject") return sites.some((s) => !CUSTOM_OBJECT_FILES.has(s.file));
        const p = permissionOfMethod(m);
        return p === null || !granted.has(p);
      })
      .map(([m, s]) => `${m} (${where(s)})`);
    expect(outside).toEqual([]);
  });

  it("custom resources are listed from literal paths the ClusterRole grants (list + watch)", () => {
    const sites = inv.k8sMethods.get("listClusterCustomObject") ?? [];
    expect(sites.length).toBeGreaterThan(0);
    const paths = [...inv.k8sPaths].filter(([, s]) => s.some((x) => CUSTOM_OBJECT_FILES.has(x.file))).map(([p]) => p);
    const crdPaths = paths.filter((p) => !/^\/apis\/networking\.k8s\.io\//.test(p));
    expect(crdPaths.length).toBe(12);
    for (const p of crdPaths) expect(pathOutsideRole(p), p).toBe(false);
  });

  it("every Kubernetes REST path (informers, watches) names a granted resource, without subresources", () => {
    const outside = [...inv.k8sPaths].filter(([p]) => pathOutsideRole(p)).map(([p, s]) => `${p} (${where(s)})`);
    expect(outside).toEqual([]);
  });

  it("nothing touches Kubernetes Secrets or uses an uncheckable client", () => {
    expect(inv.problems).toEqual([]);
  });
});

describe("the scanner itself finds violations", () => {
  const bad = `
    import { DescribeTargetHealthCommand, DeleteLoadBalancerCommand as Del, paginateDescribeTargetGroups } from "@aws-sdk/client-elastic-load-balancing-v2";
    import * as classic from "@aws-sdk/client-elastic-load-balancing";
    import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
    import { GetMetricDataCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
    import { CoreV1Api, KubernetesObjectApi, type V1Secret } from "@kubernetes/client-node";
    // new classic.DeleteLoadBalancerPolicyCommand() in a comment is not code
    const re = /["'\`]/; // a regex with quotes must not derail the scan
    export async function f(core: CoreV1Api, ns: string) {
      await send(new classic.SetLoadBalancerPoliciesOfListenerCommand({}));
      await core.listPodForAllNamespaces();
      await core.readNamespacedSecret({ name: "x", namespace: ns });
      await core.readNamespacedPodLogWithHttpInfo({ name: "x", namespace: ns });
      makeInformer(kc, "/api/v1/endpoints", () => core.listEndpointsForAllNamespaces());
      watch(\`/api/v1/namespaces/\${ns}/pods/x/exec\`);
      watch(\`/apis/\${group}/v1/\${resource}\`);
      fetch("/api/v1/clusters/demo/namespaces/default/services/web/topology");
    }`;
  const inv = emptyInventory();
  scanSource("fixture.ts", bad, inv);

  it("sees commands by import, alias and namespace, but not in comments", () => {
    expect([...inv.awsActions.keys()].sort()).toEqual([
      "cloudwatch:GetMetricData",
      "cloudwatch:PutMetricData",
      "elasticloadbalancing:DeleteLoadBalancer",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
      "elasticloadbalancing:SetLoadBalancerPoliciesOfListener",
    ]);
    expect(inv.problems.some((p) => p.includes("@aws-sdk/client-ec2"))).toBe(true);
    expect(inv.problems.some((p) => p.includes("KubernetesObjectApi"))).toBe(true);
    expect(inv.problems.some((p) => p.includes("V1Secret"))).toBe(true);
  });

  it("maps client methods and paths to permissions", () => {
    const methods = [...inv.k8sMethods.keys()].sort();
    expect(methods).toEqual(["listEndpointsForAllNamespaces", "listPodForAllNamespaces", "readNamespacedPodLog", "readNamespacedSecret"]);
    expect(methods.map(permissionOfMethod)).toEqual([null, "list core/pods", null, null]);
    const paths = [...inv.k8sPaths.keys()];
    expect(paths.map(resourceOfPath)).toEqual(["core/endpoints", "core/pods/exec", null, null]);
    expect(paths.map(pathOutsideRole)).toEqual([true, true, true, false]);
    expect(pathOutsideRole("/api/v1/pods")).toBe(false);
    expect(pathOutsideRole("/apis/discovery.k8s.io/v1/endpointslices")).toBe(false);
    expect(resourceOfPath("/apis/discovery.k8s.io/v1/namespaces/x/endpointslices")).toBe("discovery.k8s.io/endpointslices");
    expect(resourceOfPath("/api/v1/nodes/ip-10-0-1-5/proxy")).toBe("core/nodes/proxy");
  });
});
