import { PATH_CODES, TARGET_CODES, type FindingCode } from "@/lib/api/codes";
import type { FindingDoc } from "./findingDocTypes";
import { PATH_DOCS } from "./findingDocsPaths";
import { TARGET_DOCS } from "./findingDocsTargets";

export type { FindingDoc } from "./findingDocTypes";

/**
 * The one source of truth for finding-code documentation: docs/findings.md and the /findings page are both
 * rendered from it (lib/summary/findingsMarkdown.ts). Order: target codes, then path codes, as in codes.ts.
 */
export const FINDING_DOCS: Record<FindingCode, FindingDoc> = { ...TARGET_DOCS, ...PATH_DOCS };

export const TARGET_CODE_LIST = Object.keys(TARGET_CODES) as (keyof typeof TARGET_CODES)[];
export const PATH_CODE_LIST = Object.keys(PATH_CODES) as (keyof typeof PATH_CODES)[];

export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDING_DOCS, code);
}

/** The doc of a code, or undefined for a code this build does not know (a newer server). */
export function findingDoc(code: string): FindingDoc | undefined {
  return isFindingCode(code) ? FINDING_DOCS[code] : undefined;
}

/** In-app link to a code's explanation; the anchor is the code itself. */
export function findingHref(code: string): string {
  return `/findings#${encodeURIComponent(code)}`;
}
