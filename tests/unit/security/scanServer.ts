import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import * as k8s from "@kubernetes/client-node";

/**
 * Static inventory of what server code can call upstream, read from the TypeScript AST (comments are not
 * code, and regular expressions or URLs in strings cannot confuse it). Used by leastPrivilege.test.ts to
 * compare the code with deploy/iam-policy.json and deploy/rbac.yaml.
 */

export interface Site {
  file: string;
  line: number;
}

export interface Inventory {
  /** IAM actions, e.g. "elasticloadbalancing:DescribeTargetHealth", with where they are called. */
  awsActions: Map<string, Site[]>;
  /** Kubernetes API client methods called (WithHttpInfo stripped), e.g. "listPodForAllNamespaces". */
  k8sMethods: Map<string, Site[]>;
  /** Kubernetes REST paths in string literals ("/api/v1/pods", "/apis/discovery.k8s.io/v1/endpointslices"). */
  k8sPaths: Map<string, Site[]>;
  /** Anything that defeats the inventory or is forbidden outright (Secrets, generic clients, unknown AWS packages). */
  problems: string[];
}

// AWS SDK packages and the IAM prefix of their operations. A package not listed here is a problem until
// someone decides which IAM actions it needs.
const AWS_PACKAGES: Record<string, string | null> = {
  "@aws-sdk/client-elastic-load-balancing": "elasticloadbalancing",
  "@aws-sdk/client-elastic-load-balancing-v2": "elasticloadbalancing",
  // Observed traffic (issue 12): GetMetricData only.
  "@aws-sdk/client-cloudwatch": "cloudwatch",
  // Credentials and plumbing: no IAM action of their own.
  "@aws-sdk/credential-providers": null,
  "@aws-sdk/credential-provider-node": null,
  "@aws-sdk/types": null,
};
const AWS_AGGREGATED_CLIENTS = new Set(["ElasticLoadBalancing", "ElasticLoadBalancingV2"]);

/** Every method of every Kubernetes API class client-node exports (CoreV1Api, DiscoveryV1Api, …). */
function kubernetesApiMethods(): Set<string> {
  const methods = new Set<string>();
  const exported = k8s as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(exported)) {
    // CustomObjectsApi too: its calls take the group and plural at run time (the RBAC test confines them).
    if (!(/V\d\w*Api$/.test(name) || name === "CustomObjectsApi") || typeof value !== "function") continue;
    for (const m of Object.getOwnPropertyNames((value as { prototype: object }).prototype)) {
      if (m !== "constructor") methods.add(m.replace(/WithHttpInfo$/, ""));
    }
  }
  return methods;
}
const K8S_METHODS = kubernetesApiMethods();

function add(map: Map<string, Site[]>, key: string, site: Site) {
  const list = map.get(key) ?? [];
  list.push(site);
  map.set(key, list);
}

/** Text of a string or template literal, with each `${…}` as "{}". */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join("");
  return null;
}

export function scanSource(file: string, text: string, inv: Inventory): void {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const site = (n: ts.Node): Site => ({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
  // Namespace imports of AWS packages (`import * as elbv2 from ...`) → IAM prefix.
  const awsNamespaces = new Map<string, string>();
  let aggregatedClient = false;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const pkg = node.moduleSpecifier.text;
      if (pkg.startsWith("@aws-sdk/") || pkg.startsWith("aws-sdk")) {
        if (!(pkg in AWS_PACKAGES)) inv.problems.push(`${file}: imports ${pkg}, which is not in the IAM inventory (tests/unit/security/scanServer.ts)`);
        const prefix = AWS_PACKAGES[pkg] ?? null;
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings) && prefix) awsNamespaces.set(bindings.name.text, prefix);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            const imported = (el.propertyName ?? el.name).text;
            if (prefix && AWS_AGGREGATED_CLIENTS.has(imported)) aggregatedClient = true;
            if (prefix && /Command$/.test(imported)) add(inv.awsActions, `${prefix}:${imported.replace(/Command$/, "")}`, site(el));
            if (prefix && /^paginate[A-Z]/.test(imported)) add(inv.awsActions, `${prefix}:${imported.replace(/^paginate/, "")}`, site(el));
          }
        }
      }
      if (pkg === "@kubernetes/client-node" && /\bKubernetesObjectApi\b/.test(node.getText(sf))) {
        inv.problems.push(`${file}: KubernetesObjectApi takes kinds at run time, so its calls cannot be checked against the ClusterRole`);
      }
    }
    // `new elbv2.DescribeTargetHealthCommand(...)` through a namespace import.
    if (ts.isNewExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
      const prefix = awsNamespaces.get(node.expression.expression.text);
      const name = node.expression.name.text;
      if (prefix && /Command$/.test(name)) add(inv.awsActions, `${prefix}:${name.replace(/Command$/, "")}`, site(node));
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const bare = name.replace(/WithHttpInfo$/, "");
      if (K8S_METHODS.has(bare) && /^[a-z]+[A-Z]/.test(bare)) add(inv.k8sMethods, bare, site(node));
      // Aggregated AWS clients (`new ElasticLoadBalancingV2({}).describeTargetHealth(...)`).
      if (aggregatedClient && /^(describe|get|list|create|delete|modify|register|deregister|set|add|remove)[A-Z]/.test(name)) {
        add(inv.awsActions, `elasticloadbalancing:${name[0].toUpperCase()}${name.slice(1)}`, site(node));
      }
    }
    const lit = literalText(node);
    if (lit !== null && /^\/apis?\//.test(lit)) add(inv.k8sPaths, lit, site(node));
    if (lit !== null && /^\s*Secrets?\s*$/.test(lit)) inv.problems.push(`${file}:${site(node).line}: the string "${lit}" (Kubernetes Secrets are out of bounds)`);
    if (ts.isIdentifier(node) && /^(V1)?Secrets?(List)?$/.test(node.text)) inv.problems.push(`${file}:${site(node).line}: identifier ${node.text} (Kubernetes Secrets are out of bounds)`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [p] : [];
  });
}

export function emptyInventory(): Inventory {
  return { awsActions: new Map(), k8sMethods: new Map(), k8sPaths: new Map(), problems: [] };
}

/** Scans every .ts/.tsx file under the given directories (relative paths in the result). */
export function scanTree(root: string, dirs: string[]): Inventory {
  const inv = emptyInventory();
  for (const d of dirs) {
    for (const file of walk(join(root, d))) scanSource(relative(root, file), readFileSync(file, "utf8"), inv);
  }
  return inv;
}

const CORE_RESOURCES = new Set([
  "bindings", "componentstatuses", "configmaps", "endpoints", "events", "limitranges", "namespaces", "nodes",
  "persistentvolumeclaims", "persistentvolumes", "pods", "podtemplates", "replicationcontrollers",
  "resourcequotas", "secrets", "serviceaccounts", "services",
]);

/**
 * "group/resource[/subresource]" a REST path addresses, or null when the path is not a Kubernetes one
 * (lbpath's own /api/v1/clusters/... routes share the prefix).
 */
export function resourceOfPath(path: string): string | null {
  const core = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?([a-z]+)(?:\/[^/?]+(?:\/([a-z]+))?)?/.exec(path);
  if (core) {
    if (!CORE_RESOURCES.has(core[1])) return null;
    return `core/${core[1]}${core[2] ? `/${core[2]}` : ""}`;
  }
  const grouped = /^\/apis\/([^/]+)\/[^/]+\/(?:namespaces\/[^/]+\/)?([a-z]+)(?:\/[^/?]+(?:\/([a-z]+))?)?/.exec(path);
  if (grouped) return `${grouped[1]}/${grouped[2]}${grouped[3] ? `/${grouped[3]}` : ""}`;
  return null;
}

const KIND_RESOURCE: Record<string, string> = {
  Service: "core/services",
  Pod: "core/pods",
  Node: "core/nodes",
  EndpointSlice: "discovery.k8s.io/endpointslices",
  Ingress: "networking.k8s.io/ingresses",
  IngressClass: "networking.k8s.io/ingressclasses",
};

/**
 * The RBAC permission a client-node method needs, as "verb group/resource", or null when the method is
 * anything but a plain read of one of the four kinds (writes, subresources such as pods/log or
 * nodes/proxy, other kinds).
 */
export function permissionOfMethod(method: string): string | null {
  const m = /^(list|read)(Namespaced)?(Service|Pod|Node|EndpointSlice|Ingress|IngressClass)(ForAllNamespaces)?$/.exec(method);
  if (!m) return null;
  return `${m[1] === "read" ? "get" : "list"} ${KIND_RESOURCE[m[3]]}`;
}
