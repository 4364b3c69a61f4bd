import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadAllYaml, type V1Deployment, type V1Namespace, type V1Service } from "@kubernetes/client-node";

/** deploy/deployment.yaml, service.yaml and the Dockerfile agree with each other and with the security baseline. */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const read = (p: string) => readFileSync(`${ROOT}${p}`, "utf8");
const deployment = loadAllYaml(read("deploy/deployment.yaml"))[0] as V1Deployment;
const service = loadAllYaml(read("deploy/service.yaml"))[0] as V1Service;
const namespace = loadAllYaml(read("deploy/namespace.yaml"))[0] as V1Namespace;
const pod = deployment.spec!.template.spec!;
const container = pod.containers[0];
const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
const dockerfile = read("Dockerfile");

describe("deploy/deployment.yaml", () => {
  it("runs as the lbpath ServiceAccount in namespace lbpath", () => {
    expect(deployment.metadata?.namespace).toBe("lbpath");
    expect(pod.serviceAccountName).toBe("lbpath");
    expect(namespace.metadata?.name).toBe("lbpath");
  });

  it("is locked down: non-root, read-only root fs, no capabilities, no escalation, seccomp RuntimeDefault", () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.securityContext?.capabilities?.add ?? []).toEqual([]);
    expect(container.securityContext?.privileged ?? false).toBe(false);
    expect(pod.hostNetwork ?? false).toBe(false);
  });

  it("has writable emptyDirs exactly where Next writes: /tmp and the cache dir", () => {
    const emptyDirs = new Set((pod.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
    const writable = (container.volumeMounts ?? []).filter((m) => emptyDirs.has(m.name)).map((m) => m.mountPath).sort();
    expect(writable).toEqual(["/app/.next/cache", "/tmp"]);
  });

  it("requires token auth, with the token mounted read-only from a Secret volume", () => {
    expect(env.LBPATH_AUTH).toBe("token");
    const volume = (pod.volumes ?? []).find((v) => v.secret);
    const mount = (container.volumeMounts ?? []).find((m) => m.name === volume?.name);
    expect(mount?.readOnly).toBe(true);
    const file = volume?.secret?.items?.[0]?.path;
    expect(env.LBPATH_TOKEN_FILE).toBe(`${mount?.mountPath}/${file}`);
  });

  it("takes AWS credentials from IRSA / Pod Identity only, never the node role via IMDS", () => {
    expect(env.AWS_EC2_METADATA_DISABLED).toBe("true");
    for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) expect(env[k]).toBeUndefined();
  });

  it("listens on all interfaces (HOSTNAME overrides the pod name the kubelet puts there)", () => {
    expect(env.HOSTNAME).toBe("0.0.0.0");
    expect(env.HOST).toBe("0.0.0.0");
    expect(Number(env.PORT)).toBe(container.ports?.[0].containerPort);
  });

  it("probes liveness on /api/healthz and readiness on /api/readyz", () => {
    expect(container.livenessProbe?.httpGet?.path).toBe("/api/healthz");
    expect(container.readinessProbe?.httpGet?.path).toBe("/api/readyz");
    expect(container.resources?.limits?.memory).toBeTruthy();
  });

  it("the Service is ClusterIP and selects these pods on the named port", () => {
    expect(service.spec?.type).toBe("ClusterIP");
    expect(service.metadata?.namespace).toBe("lbpath");
    for (const [k, v] of Object.entries(service.spec?.selector ?? {})) expect(deployment.spec?.template.metadata?.labels?.[k]).toBe(v);
    expect(container.ports?.map((p) => p.name)).toContain(service.spec?.ports?.[0].targetPort);
  });
});

describe("Dockerfile", () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1], name: m[2] }));

  it("is multi-stage and ends on node:20-bookworm-slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(stages.at(-1)?.image).toBe("${NODE_IMAGE}");
  });

  it("builds the standalone output and runs node server.js as the Deployment's non-root UID", () => {
    expect(dockerfile).toMatch(/LBPATH_STANDALONE=1/);
    expect(dockerfile).toMatch(/\.next\/standalone/);
    expect(dockerfile).toMatch(/^CMD \["node", "server\.js"\]$/m);
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    expect(user).not.toBeNull();
    expect(Number(user![1])).toBe(pod.securityContext?.runAsUser);
    expect(Number(user![2])).toBe(pod.securityContext?.runAsGroup);
    expect(dockerfile).toMatch(/HOSTNAME=0\.0\.0\.0/);
  });

  it("keeps secrets and local state out of the build context", () => {
    const ignore = read(".dockerignore").split("\n").map((l) => l.trim());
    for (const p of [".git", "node_modules", ".next", ".env*"]) expect(ignore).toContain(p);
  });
});
