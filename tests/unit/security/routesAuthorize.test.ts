import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every route handler checks access itself (CVE-2025-29927: a check only in middleware/proxy can be
 * skipped). Static check over app/**\/route.ts: each exported HTTP method calls authorize(...) or is built
 * with apiRoute(...) from server/http/respond.ts, which authorizes before anything else.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
// Reachable without credentials by design (docs/security.md): probes and the login/logout form posts.
const PUBLIC = new Set(["app/api/healthz/route.ts", "app/api/readyz/route.ts", "app/api/login/route.ts", "app/api/logout/route.ts"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? routeFiles(p) : /^route\.tsx?$/.test(n) ? [relative(ROOT, p)] : [];
  });
}

/** Exported HTTP handlers of a route file and whether each one authorizes. */
function handlers(file: string, text: string): Array<{ method: string; authorizes: boolean }> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Array<{ method: string; authorizes: boolean }> = [];
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const calls = (n: ts.Node, name: string): boolean => {
    let found = false;
    const visit = (c: ts.Node) => {
      if (ts.isCallExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === name) found = true;
      if (!found) ts.forEachChild(c, visit);
    };
    visit(n);
    return found;
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && METHODS.has(st.name.text) && exported(st)) {
      out.push({ method: st.name.text, authorizes: !!st.body && calls(st.body, "authorize") });
    }
    if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !METHODS.has(d.name.text) || !d.initializer) continue;
        const init = d.initializer;
        const wrapped = ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "apiRoute";
        out.push({ method: d.name.text, authorizes: wrapped || calls(init, "authorize") });
      }
    }
  }
  return out;
}

describe("every route handler authorizes itself", () => {
  const files = routeFiles(join(ROOT, "app"));

  it("finds the route files (the scan is not empty)", () => {
    expect(files).toContain("app/api/healthz/route.ts");
  });

  it("each exported handler outside the public probes/login calls authorize() or apiRoute()", () => {
    const missing = files
      .filter((f) => !PUBLIC.has(f))
      .flatMap((f) => handlers(f, readFileSync(join(ROOT, f), "utf8")).filter((h) => !h.authorizes).map((h) => `${f} ${h.method}`));
    expect(missing, "call authorize(req) first, or build the handler with apiRoute()").toEqual([]);
  });

  it("apiRoute() in server/http/respond.ts authorizes before it does anything else", () => {
    const text = readFileSync(join(ROOT, "server/http/respond.ts"), "utf8");
    const body = text.slice(text.indexOf("export function apiRoute"));
    const inner = body.slice(body.indexOf("return async"));
    expect(inner.indexOf("authorize(req)")).toBeGreaterThan(0);
    expect(inner.indexOf("authorize(req)")).toBeLessThan(inner.indexOf("await"));
  });

  it("the check itself tells handlers apart", () => {
    const sample = `
      export const GET = apiRoute(z.object({}), async () => json({}));
      export async function POST(req: Request) { const d = authorize(req); if (d) return d; return new Response(); }
      export function DELETE() { return new Response(); }
      export const PUT = async () => new Response();`;
    expect(handlers("x.ts", sample)).toEqual([
      { method: "GET", authorizes: true },
      { method: "POST", authorizes: true },
      { method: "DELETE", authorizes: false },
      { method: "PUT", authorizes: false },
    ]);
  });
});
