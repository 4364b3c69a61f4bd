"use client";
import Link from "next/link";
import { ErrorState } from "@/components/ui/ErrorState";

/** A bug while drawing the page: say so, offer a retry, and a way back. (Data errors have their own states.) */
export default function ServiceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="This service page failed to render"
      message={error.message || "An unexpected error occurred in the page."}
      fix="Try again; if it persists, switch to the Table view (add ?view=table to the address) and report the problem with the server log line."
      code={error.digest ? `digest ${error.digest}` : undefined}
      actions={
        <>
          <button type="button" onClick={reset} className="rounded border border-red-400 px-2 py-0.5 font-semibold">
            Try again
          </button>
          <Link href="/" className="font-semibold underline">
            ← Back to all clusters and services
          </Link>
        </>
      }
    />
  );
}
