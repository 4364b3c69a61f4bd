// Prints the one closing line CI reads: "N passed, N failed, N skipped", summed over vitest's and
// Playwright's JSON reports. A missing or unreadable report counts as a failure, never as a pass.
import { readFileSync } from "node:fs";

let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  let r;
  try { r = JSON.parse(readFileSync(file, "utf8")); } catch { console.error(`missing report ${file}`); failed++; continue; }
  if (r.stats && "expected" in r.stats) {
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected + (r.errors ?? []).length;
    skipped += r.stats.skipped;
  } else if ("numPassedTests" in r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    if (r.success === false && r.numFailedTests === 0) failed++; // an import error or unhandled rejection
  } else {
    failed++;
  }
}
const extra = Number(process.env.EXTRA_FAILED ?? 0);
failed += extra;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
