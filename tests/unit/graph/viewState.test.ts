import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, mergeQuery, parseViewState, serializeViewState, setFind, setPage, toggleExpanded, type ViewState } from "@/lib/url/viewState";
import { decodeSegment, servicePagePath } from "@/lib/url/paths";

const full: ViewState = {
  path: "network:k8s-shop-web-1a2b3c:80",
  sel: "Target:i-0abc123:31234",
  expand: ["Pods:ip-10-0-1-5.ec2.internal", "Targets:us-east-1a"],
  page: ["Targets:us-east-1a:3"],
  find: "ip-10-0-1 & more",
  view: "table",
  finding: "UNEVEN_TRAFFIC",
  verdict: ["expected", "fault"],
  tw: "15m",
  tend: "2026-11-20T09:50:00Z",
};

describe("viewState", () => {
  it("round-trips every field through the URL", () => {
    const qs = serializeViewState(full);
    expect(parseViewState(new URLSearchParams(qs))).toEqual(full);
    expect(qs).toBe(
      "?path=network:k8s-shop-web-1a2b3c:80&sel=Target:i-0abc123:31234&expand=Pods:ip-10-0-1-5.ec2.internal,Targets:us-east-1a&page=Targets:us-east-1a:3&find=ip-10-0-1%20%26%20more&view=table&finding=UNEVEN_TRAFFIC&verdict=expected,fault&tw=15m&tend=2026-11-20T09:50:00Z",
    );
  });

  it("omits defaults, so the default view has a bare URL", () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe("");
    expect(serializeViewState({ view: "graph", sel: "Pod:shop/web-1" })).toBe("?sel=Pod:shop/web-1");
  });

  it("falls back to defaults for bad values, one parameter at a time", () => {
    const s = parseViewState(new URLSearchParams("view=pie&sel=has%20space&finding=lower&verdict=fault,bogus&expand=ok,,bad%20one&path=p1&page=Pods:x:2,Targets:a:0,Targets:b&find=%20%20"));
    expect(s).toEqual({ ...DEFAULT_VIEW, path: "p1", expand: ["ok"], verdict: ["fault"] });
  });

  it("the timeline's zoom: windows of 5 min to 6 h and an ISO end; anything else falls back to 1 h and the data's time", () => {
    expect(parseViewState(new URLSearchParams("view=timeline&tw=3h&tend=2026-11-20T08:00:00.000Z"))).toMatchObject({ view: "timeline", tw: "3h", tend: "2026-11-20T08:00:00.000Z" });
    for (const bad of ["7h", "1m", "fortnight", "90"]) expect(parseViewState(new URLSearchParams(`tw=${bad}`)).tw).toBe("1h");
    expect(parseViewState(new URLSearchParams("tend=yesterday")).tend).toBeNull();
    expect(serializeViewState({ view: "timeline", tw: "1h" })).toBe("?view=timeline");
  });

  it("accepts Next's searchParams record shape, taking the first of repeated parameters", () => {
    expect(parseViewState({ sel: ["Pod:a/b", "Pod:c/d"], view: "table" })).toMatchObject({ sel: "Pod:a/b", view: "table" });
  });

  it("percent-encodes what would break the query string", () => {
    const qs = serializeViewState({ sel: "Pod:a&b=c#d" });
    expect(qs).toBe("?sel=Pod:a%26b%3Dc%23d");
    expect(parseViewState(new URLSearchParams(qs)).sel).toBe("Pod:a&b=c#d");
  });

  it("keeps expand sorted and unique whatever the click order", () => {
    let s = toggleExpanded(DEFAULT_VIEW, "Targets:b", true);
    s = toggleExpanded(s, "Targets:a", true);
    s = toggleExpanded(s, "Targets:a", true);
    expect(s.expand).toEqual(["Targets:a", "Targets:b"]);
    expect(toggleExpanded(s, "Targets:b", false).expand).toEqual(["Targets:a"]);
  });

  it("keeps one page per opened zone; closing the zone or a new search forgets it", () => {
    let s = toggleExpanded(DEFAULT_VIEW, "Targets:a", true);
    s = setPage(s, "Targets:a", 2);
    s = setPage(s, "Targets:a", 4);
    expect(s.page).toEqual(["Targets:a:5"]);
    expect(parseViewState(new URLSearchParams("page=Targets:a:2,Targets:a:7")).page).toEqual(["Targets:a:7"]);
    expect(setPage(s, "Targets:a", 0).page).toEqual([]);
    expect(toggleExpanded(s, "Targets:a", false).page).toEqual([]);
    expect(setFind(s, " ip-10 ")).toMatchObject({ find: "ip-10", page: [] });
    expect(setFind(s, "   ").find).toBeNull();
  });

  it("encodes cluster names that are EKS ARNs as one path segment", () => {
    const p = servicePagePath({ cluster: "arn:aws:eks:us-east-1:1:cluster/prod", namespace: "shop", name: "web" });
    expect(p).toBe("/clusters/arn%3Aaws%3Aeks%3Aus-east-1%3A1%3Acluster%2Fprod/namespaces/shop/services/web");
    expect(decodeSegment(p.split("/")[2])).toBe("arn:aws:eks:us-east-1:1:cluster/prod");
    expect(decodeSegment("100%")).toBe("100%");
  });
});

describe("mergeQuery", () => {
  it("keeps parameters the view does not own (asOf/digest pins), after the view's own", () => {
    const current = new URLSearchParams("sel=Pod:a/b&asOf=2026-11-20T10:00:00.000Z&digest=abc123");
    expect(mergeQuery({ sel: "Pod:c/d", view: "table" }, current)).toBe("?sel=Pod:c/d&view=table&asOf=2026-11-20T10%3A00%3A00.000Z&digest=abc123");
    expect(mergeQuery({}, new URLSearchParams("digest=abc123"))).toBe("?digest=abc123");
    expect(mergeQuery({}, new URLSearchParams("sel=x"))).toBe("");
  });
});
