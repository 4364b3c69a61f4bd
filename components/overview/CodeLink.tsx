import Link from "next/link";
import { findingDoc, findingHref } from "@/lib/summary/findingDocs";

/** A finding code, linked to its explanation (/findings#CODE); the doc title is the hover text. */
export function CodeLink({ code, className = "" }: { code: string; className?: string }) {
  const doc = findingDoc(code);
  return (
    <Link
      href={findingHref(code)}
      title={doc?.title ?? "undocumented code"}
      className={`font-mono text-xs text-blue-700 underline decoration-dotted underline-offset-2 hover:decoration-solid dark:text-blue-300 ${className}`}
    >
      {code}
    </Link>
  );
}
