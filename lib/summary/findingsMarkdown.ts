import { PATH_CODES, TARGET_CODES } from "@/lib/api/codes";
import { FINDING_DOCS, PATH_CODE_LIST, TARGET_CODE_LIST } from "./findingDocs";
import type { FindingDoc } from "./findingDocTypes";
import { VERDICT, VERDICTS } from "@/lib/vocabulary";

/**
 * Renders docs/findings.md from FINDING_DOCS. tests/unit/summary/findingDocs.test.ts fails when the committed
 * file differs; regenerate with:
 *   npx tsx -e 'import("./lib/summary/findingsMarkdown.ts").then(m => process.stdout.write(m.renderFindingsMarkdown()))' > docs/findings.md
 */
export function renderFindingsMarkdown(): string {
  const out: string[] = [
    "# Finding codes",
    "",
    "<!-- Generated from lib/summary/findingDocs*.ts by lib/summary/findingsMarkdown.ts. Do not edit by hand. -->",
    "",
    "Every verdict and finding lbpath reports carries one of these stable codes. The API (`code` fields), the UI",
    "(each code links to its section, also served in the app at `/findings#CODE`), triage filters (`?code=`) and this",
    "page use the same strings. Rule IDs (SRC-*, HC-*, HLT-*, DST-*, JOIN-*) are explained in [rules.md](rules.md).",
    "",
    `Target verdicts, worst first: ${VERDICTS.map((v) => `${VERDICT[v].symbol} **${VERDICT[v].label}**: ${VERDICT[v].meaning}`).join("; ")}.`,
    "",
    "## Target codes",
    "",
    ...TARGET_CODE_LIST.map((c) => `- [\`${c}\`](#${c}): ${escapeAngles(TARGET_CODES[c])}`),
    "",
    "## Path codes",
    "",
    ...PATH_CODE_LIST.map((c) => `- [\`${c}\`](#${c}): ${escapeAngles(PATH_CODES[c])}`),
    "",
  ];
  for (const c of [...TARGET_CODE_LIST, ...PATH_CODE_LIST]) out.push(...section(c, FINDING_DOCS[c]));
  return out.join("\n");
}

/** `<pending>` would be read as an HTML tag by Markdown renderers. */
function escapeAngles(s: string): string {
  return s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function section(code: string, doc: FindingDoc): string[] {
  return [
    // An explicit anchor equal to the code, so `findings.md#LOCAL_NO_ENDPOINT` works on any renderer.
    `<a id="${code}"></a>`,
    "",
    `### ${code}`,
    "",
    `**${doc.title}** · ${kindLabel(doc.kind)} · rules: ${doc.rules.join(", ")}`,
    "",
    doc.meaning,
    "",
    "How to confirm:",
    "",
    ...doc.confirm.map((s) => `- ${s}`),
    "",
    "How to fix:",
    "",
    ...doc.fix.map((s) => `- ${s}`),
    "",
  ];
}

export function kindLabel(kind: FindingDoc["kind"]): string {
  return kind === "path" ? "path finding" : `verdict: ${VERDICT[kind].symbol} ${VERDICT[kind].label}`;
}
