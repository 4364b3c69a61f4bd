import type { Metadata } from "next";
import { headers } from "next/headers";
import { checkAccess, currentAuth } from "@/server/http/auth";
import { safeNextPath } from "@/server/http/authCore";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · lbpath" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The token sign-in form (LBPATH_AUTH=token), or an explanation of the mode in force. docs/security.md. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const next = safeNextPath(first(sp.next));
  const failed = first(sp.error) === "invalid";
  const auth = currentAuth();
  const signedIn = checkAccess(new Request("http://localhost/login", { headers: await headers() })).ok;

  return (
    <section className="mx-auto max-w-md space-y-4 py-8" aria-labelledby="login-title">
      <h1 id="login-title" className="text-xl font-semibold">Sign in to lbpath</h1>
      {auth.mode === "misconfigured" && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-medium">{auth.message}</p>
          <p className="mt-1">{auth.fix}</p>
        </div>
      )}
      {auth.mode === "none" && <p className="text-sm">This server listens on 127.0.0.1 only and needs no sign-in. <a className="underline" href={next}>Continue</a>.</p>}
      {auth.mode === "proxy" && (
        <p className="text-sm">This dashboard is signed in through your organisation&apos;s authentication proxy. Open it through the proxy&apos;s address.</p>
      )}
      {auth.mode === "token" && (
        <>
          {signedIn && <p className="text-sm">You are signed in. <a className="underline" href={next}>Continue</a>.</p>}
          <form method="post" action="/api/login" className="space-y-3">
            <input type="hidden" name="next" value={next} />
            <label className="block text-sm font-medium" htmlFor="token">Dashboard token</label>
            <input
              id="token"
              name="token"
              type="password"
              required
              autoComplete="current-password"
              className="w-full rounded border border-slate-300 px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-900"
              aria-describedby={failed ? "login-error" : "login-help"}
            />
            {failed && <p id="login-error" role="alert" className="text-sm text-red-700 dark:text-red-300">That token is not valid.</p>}
            <p id="login-help" className="text-xs text-slate-600 dark:text-slate-400">The token is in the Secret mounted at LBPATH_TOKEN_FILE (docs/deploy.md).</p>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white dark:bg-slate-100 dark:text-slate-900">Sign in</button>
          </form>
          {signedIn && (
            <form method="post" action="/api/logout">
              <button type="submit" className="text-sm underline">Sign out</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
