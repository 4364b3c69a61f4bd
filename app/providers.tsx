"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
// Before any schema is built (lib/zodConfig.ts).
import "@/lib/zodConfig";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created once, not on every render.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
