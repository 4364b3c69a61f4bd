import { describe, expect, it } from "vitest";
import { topologySummaryMarkdown, triageSummaryMarkdown } from "@/lib/summary/markdown";
import { mdCode, mdText } from "@/lib/summary/mdEscape";
import { snapshot, topologyOf, triageOf } from "./scenario";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";

const LINK = "http://127.0.0.1:3000/clusters/demo-mixed-health/namespaces/default/services/web?asOf=2026-11-20T10%3A00%3A00.000Z&digest=0123456789";

describe("topology summary of an Ingress (issue 13)", () => {
  const t = buildIngressTopology(snapshot("alb-canary"), { namespace: "default", name: "web" })!;
  const md = topologySummaryMarkdown(t, { link: LINK });
  it("names the Ingress, its class and backend Services, and claims no externalTrafficPolicy", () => {
    expect(md.split("\n")[0]).toMatch(/^\*\*lbpath: Ingress `default\/web`\*\*/);
    expect(md).toContain("- Class: `alb`, controller `ingress.k8s.aws/alb`");
    expect(md).toContain("- Backend Services: `default/web-stable (Cluster)`, `default/web-canary (Cluster)`");
    expect(md).not.toContain("externalTrafficPolicy");
    // One line per path, told apart by backend and weight.
    expect(md).toMatch(/- Load balancer: .*HTTP:80, → `default\/web-stable` \(weight 90%\), ip targets/);
    expect(md).toMatch(/- Load balancer: .*HTTP:80, → `default\/web-canary` \(weight 10%\), ip targets/);
  });
});

describe("topology summary", () => {
  const t = topologyOf("mixed-health");
  const md = topologySummaryMarkdown(t, { link: LINK });

  it("names the Service, the load balancer and the link", () => {
    expect(md).toContain("`default/web`");
    expect(md).toContain(`\`${t.paths[0].loadBalancer.name}\``);
    expect(md).toContain(`- Link: ${LINK}`);
    expect(md).toContain("data as of 2026-11-20 10:00:00 UTC");
  });

  it("gives the verdict counts the topology has", () => {
    const h = t.paths.reduce((a, p) => ({ fault: a.fault + p.health.fault, transient: a.transient + p.health.transient, healthy: a.healthy + p.health.healthy }), { fault: 0, transient: 0, healthy: 0 });
    expect(h.fault).toBeGreaterThan(0);
    expect(md).toContain(`✕ ${h.fault} fault · ◔ ${h.transient} transient`);
    expect(md).toContain(`${h.healthy} healthy`);
  });

  it("lists every finding code and the worst targets' codes, faults first", () => {
    for (const f of t.findings) expect(md).toContain(`\`${f.code}\``);
    const lines = md.split("\n");
    const worst = lines.slice(lines.indexOf("- Worst targets:") + 1).filter((l) => l.startsWith("  - "));
    expect(worst[0]).toMatch(/^ {2}- ✕ FAULT `HC_BLOCKED`/);
    expect(worst.some((l) => l.includes("TRANSIENT"))).toBe(true);
  });

  it("says expected targets are by design (blog example)", () => {
    const blog = topologySummaryMarkdown(topologyOf("blog-local"), { link: "http://x/" });
    expect(blog).toContain("◌ 1 expected (by design) · ✓ 1 healthy");
    expect(blog).toContain("`LOCAL_NO_ENDPOINT`");
    expect(blog).toContain("Pods see: client IP");
  });

  it("keeps hostile cluster text inert", () => {
    const hostile = topologyOf("hostile-text");
    const out = topologySummaryMarkdown(hostile, { link: "http://x/" });
    // No raw HTML tag and no Markdown link can come out of cluster-provided text.
    expect(out).not.toMatch(/<[a-z/!]/i);
    expect(out.replace("http://x/", "")).not.toMatch(/\]\(/);
  });
});

describe("escaping", () => {
  it("code spans cannot be closed early and text cannot form links or HTML", () => {
    expect(mdCode("a`b\nc")).toBe("`a'b c`");
    expect(mdText("[x](http://evil) <img src=x> *b*")).toBe("\\[x\\](http://evil) \\<img src=x\\> \\*b\\*");
    expect(mdText("ping @here now")).not.toContain("@here");
  });
});

describe("triage summary", () => {
  it("puts what needs a human first, with codes, and counts the expected ones", () => {
    const md = triageSummaryMarkdown([triageOf("mixed-health"), triageOf("blog-local")], { link: "http://127.0.0.1/triage" });
    expect(md).toContain("2 clusters");
    expect(md).toContain("`HC_BLOCKED`");
    expect(md).toContain("`REGISTERING`");
    expect(md).toContain("Expected by design: `LOCAL_NO_ENDPOINT` ×1");
    expect(md).toContain("- Link: http://127.0.0.1/triage");
    const human = md.split("\n").filter((l) => l.startsWith("  - "));
    expect(human[0]).toContain("Faults: `HC_BLOCKED`");
    expect(human[0]).toContain("`demo-mixed-health/default/web`");
  });

  it("within a rank, lists faults before expected targets (fail-open scenario)", () => {
    const md = triageSummaryMarkdown([triageOf("ppv2-local-broken-hc")], { link: "http://x/" });
    const human = md.split("\n").filter((l) => l.startsWith("  - "));
    expect(human[0]).toContain("Load balancer failing open: `PPV2_BREAKS_HC`");
    expect(human.at(-1)).toContain("`LOCAL_NO_ENDPOINT`");
  });

  it("says so when nothing needs a human", () => {
    const md = triageSummaryMarkdown([triageOf("blog-local")], { link: "http://x/" });
    expect(md).toContain("Nothing needs a human");
    expect(md).toContain("cluster `demo-blog-local`");
  });
});
