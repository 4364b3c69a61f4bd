import type { RuleId } from "@/lib/api/rules";

/**
 * The documentation of one finding code. `lib/summary/findingDocs.ts` holds one per code of lib/api/codes.ts;
 * docs/findings.md and the in-app /findings page are both rendered from it, so there is one source of truth.
 */
export interface FindingDoc {
  /** One line, what an operator would say. */
  title: string;
  /**
   * Target codes: the verdict the code stands for. Path codes: "path" (their severity depends on the case and
   * comes with the finding).
   */
  kind: "healthy" | "expected" | "transient" | "fault" | "unknown" | "path";
  /** What it means, in plain words. */
  meaning: string;
  /** Rule IDs of lib/api/rules.ts (SRC-*, HC-*, HLT-*, DST-*, JOIN-*, or a § where the rule has no ID). */
  rules: RuleId[];
  /** How to confirm it by hand (commands are shown as code). */
  confirm: string[];
  /** How to fix it, or why there is nothing to fix. */
  fix: string[];
}
