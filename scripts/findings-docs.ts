// Regenerates docs/findings.md from lib/summary/findingDocs*.ts (the one source the /findings page renders too).
import { writeFileSync } from "node:fs";
import { renderFindingsMarkdown } from "@/lib/summary/findingsMarkdown";

writeFileSync(new URL("../docs/findings.md", import.meta.url), renderFindingsMarkdown());
console.log("wrote docs/findings.md");
