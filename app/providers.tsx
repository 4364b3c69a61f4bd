"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";

// Zod 4 probes `new Function("")` to decide whether it may compile parsers; under the nonce CSP (no
// 'unsafe-eval') the probe is blocked and reported as a CSP violation on every page load. Jitless parsing
// skips the probe (docs/security.md).
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created once, not on every render.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
