#!/usr/bin/env bash
# Run every fuzz target of the repository (each `func FuzzX` in a _test.go
# file), one after another, for a bounded time each.
#
# Usage: scripts/fuzz.sh [TIME] [PATTERN]
#   TIME     per target, as go test -fuzztime takes it (default 1m; "30s", "2h", "100000x")
#   PATTERN  only targets whose name matches this grep pattern (default: all)
#
# Seeds are in the code (f.Add) and under each package's testdata/fuzz/.
# When a target fails, Go writes the input that broke it to
# <package>/testdata/fuzz/<FuzzX>/; fix the bug and commit that file: from
# then on `go test ./...` runs it as a regression test.
# Environment: PARALLEL, fuzzing processes per target (default: one per CPU).
# Exit status: 1 if any target failed (all are still run), 0 otherwise.
set -uo pipefail

fuzztime=${1:-1m}
pattern=${2:-.}
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

mapfile -t targets < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' cmd internal |
	sed -E 's|^(.*)/[^/]*_test\.go:func (Fuzz.*)$|\1 \2|' | sort -u | grep -E -- "$pattern")
if [ ${#targets[@]} -eq 0 ]; then
	echo "no fuzz target matches $pattern" >&2
	exit 2
fi

failed=()
for t in "${targets[@]}"; do
	pkg=${t% *}
	name=${t#* }
	echo "== $name in ./$pkg for $fuzztime"
	if ! go test "./$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" ${PARALLEL:+-parallel "$PARALLEL"}; then
		failed+=("$name in ./$pkg")
	fi
done

echo
echo "${#targets[@]} targets run for $fuzztime each; ${#failed[@]} failed"
for f in "${failed[@]}"; do
	echo "FAILED: $f (its input is under ./${f#* in ./}/testdata/fuzz/)"
done
[ ${#failed[@]} -eq 0 ]
