import "./globals.css";
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { connection } from "next/server";
import { earlyFetchScript } from "@/lib/query/earlyFetch";
import type { ReactNode } from "react";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: "lbpath",
  description: "How traffic reaches your Kubernetes pods through AWS load balancers",
  // An internal dashboard: never indexed (public/robots.txt keeps well-behaved crawlers out entirely).
  robots: { index: false, follow: false },
  icons: { icon: [{ url: "/favicon.ico", sizes: "any" }, { url: "/icon.svg", type: "image/svg+xml" }], apple: "/apple-touch-icon.png" },
  manifest: "/site.webmanifest",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The nonce CSP set in proxy.ts needs every page rendered per request: a prerendered page has no nonce on
  // its scripts and would not hydrate (docs/security.md). connection() opts the whole tree into dynamic rendering.
  await connection();
  // The per-request nonce from proxy.ts: the inline script below needs it under the CSP.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        {/* Our own constant code, no server or cluster data in it (lib/query/earlyFetch.ts). */}
        {/* eslint-disable-next-line no-restricted-syntax */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyFetchScript() }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <header className="flex items-center gap-6 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
          <Link href="/" className="font-semibold tracking-tight">lbpath</Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link href="/" className="hover:underline">Overview</Link>
            <Link href="/triage" className="hover:underline">Triage</Link>
            <Link href="/findings" className="hover:underline">Findings</Link>
            <Link href="/rules" className="hover:underline">Rules</Link>
          </nav>
        </header>
        <Providers>
          <main className="px-4 py-4">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
