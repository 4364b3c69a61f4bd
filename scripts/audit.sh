#!/usr/bin/env bash
# npm audit of the production dependencies. Fails on a high or critical advisory. Where the registry offers no
# audit endpoint (some mirrors answer 405), it says so and passes: that is a missing service, not a clean bill.
out=$(npm audit --omit=dev --audit-level=high 2>&1); rc=$?
echo "$out" | tail -20
if [ $rc -ne 0 ] && echo "$out" | grep -q "audit endpoint returned an error"; then
  echo "npm audit: the registry has no audit endpoint here; advisories were NOT checked"
  exit 0
fi
exit $rc
