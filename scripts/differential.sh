#!/bin/sh
# The differential test on many programs: generates COUNT (default 5000) seeded random programs
# from SEED (default 10000) with PyTorch 1.13 into a temporary file, then replays them through
# gradlab (test/differential.test.ts reads GRADLAB_DIFFERENTIAL) and prints the agreement figure.
#   scripts/differential.sh 20000 1
set -e
count=${1:-5000}
seed=${2:-10000}
file=$(mktemp /tmp/gradlab-differential-XXXXXX.json)
trap 'rm -f "$file"' EXIT
cd "$(dirname "$0")/.."
nice -n 10 /usr/bin/python3 scripts/fixtures/gen_differential.py "$count" "$seed" "$file"
GRADLAB_DIFFERENTIAL="$file" npx vitest run test/differential.test.ts
