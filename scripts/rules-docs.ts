// Regenerates docs/rules.md from lib/api/rules.ts (the one source the /rules page renders too).
import { writeFileSync } from "node:fs";
import { renderRulesMarkdown } from "@/lib/summary/rulesMarkdown";

writeFileSync(new URL("../docs/rules.md", import.meta.url), renderRulesMarkdown());
console.log("wrote docs/rules.md");
