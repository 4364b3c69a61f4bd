#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need, then runs typecheck, lint, unit,
# live-path (real clients vs the local emulator) and Playwright tests. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true AWS_EC2_METADATA_DISABLED=true NO_COLOR=1
export AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=test-secret AWS_REGION=us-east-1

if [ -z "${LBPATH_CHROMIUM:-}" ] && ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "no system chromium: the browser tests use Playwright's own (npx playwright install chromium)"
  fi
fi
[ -d node_modules ] && [ "${LBPATH_SKIP_INSTALL:-}" = 1 ] || npm ci --no-audit --no-fund || exit 1

extra=0
# Each step says how long it took, so a slow CI run shows where the time went.
timed() { local t0=$SECONDS; "$@"; local rc=$?; echo "== $* took $((SECONDS - t0)) s"; return $rc; }
step() { echo "== $1"; local name=$1; shift; local t0=$SECONDS; if ! "$@"; then echo "FAILED: $*"; extra=$((extra+1)); fi; echo "== $name took $((SECONDS - t0)) s"; }
mkdir -p .reports
# typecheck and lint read the same files and write nothing: run them side by side, each into its own log.
t0=$SECONDS
npm run -s typecheck > .reports/typecheck.log 2>&1 & tc=$!
npm run -s lint > .reports/lint.log 2>&1 & li=$!
wait $tc; tc_rc=$?
wait $li; li_rc=$?
echo "== typecheck"; cat .reports/typecheck.log; [ $tc_rc = 0 ] || { echo "FAILED: npm run typecheck"; extra=$((extra+1)); }
echo "== lint"; cat .reports/lint.log; [ $li_rc = 0 ] || { echo "FAILED: npm run lint"; extra=$((extra+1)); }
echo "== typecheck + lint took $((SECONDS - t0)) s"
step "npm audit (production deps)" bash scripts/audit.sh
step build npx next build

rm -f .reports/*.json
# The live-mode browser tests spend most of their time waiting for faults and recoveries, and so do the live-path
# unit tests: run the two side by side (own ports, own servers), then the demo browser tests on their own.
t0=$SECONDS
npx playwright test -c playwright.live.config.ts > .reports/e2e-live.log 2>&1 & live=$!
timed npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/unit.json
wait $live
echo "== npx playwright test -c playwright.live.config.ts (beside vitest)"; cat .reports/e2e-live.log
echo "== vitest + live browser tests took $((SECONDS - t0)) s"
timed npx playwright test
EXTRA_FAILED=$extra node scripts/test-summary.mjs .reports/unit.json .reports/e2e.json .reports/e2e-live.json
