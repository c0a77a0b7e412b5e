#!/usr/bin/env bash
# Benchmark Hugo on a generated kehoach-style site, for comparison with kehoach.
#
# Usage: scripts/bench-hugo.sh [RUNS] [PAGES]
#   RUNS   timed hugo builds (default 3); PAGES pages to generate (default 10000)
# Environment:
#   CORPUS   text to sample sentences from (default: ../shared/source/ke-hoach-nq21.txt
#            beside the repository; the built-in excerpt when missing)
#   SEED     generator seed (default 1)
#   TIMEOUT  seconds allowed per hugo build (default 900)
#   KEEP=1   keep the temporary folder (its path is printed)
#
# Each build (one untimed warm-up, then RUNS timed) writes into a NEW output
# folder; output folders are only removed at the end, since deleting large
# trees between runs slows later file creation on this disk.
set -euo pipefail

runs=${1:-3}
pages=${2:-10000}
seed=${SEED:-1}
timeout_s=${TIMEOUT:-900}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${CORPUS:-$root/../shared/source/ke-hoach-nq21.txt}

case $runs in '' | *[!0-9]* | 0) echo "RUNS must be a positive integer" >&2; exit 2 ;; esac
case $pages in '' | *[!0-9]*) echo "PAGES must be a non-negative integer" >&2; exit 2 ;; esac
if [ "$runs" -gt 20 ]; then echo "RUNS is capped at 20" >&2; exit 2; fi

need() { # need CMD PACKAGE: install PACKAGE with apt-get when CMD is missing
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "installing $2 ..." >&2
		apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
	fi
}
need hugo hugo
need /usr/bin/time time
need go golang-go

work=$(mktemp -d "${TMPDIR:-/tmp}/kehoach-hugo-bench.XXXXXX")
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "kept $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# median: the middle value of numbers on stdin (mean of the two middle ones
# for an even count).
median() {
	sort -g | awk '{v[NR] = $1} END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

echo "building gensite ..." >&2
(cd "$root" && go build -o "$work/gensite" ./internal/sitegen/gensite)

corpus_flag=()
if [ -f "$corpus" ]; then
	corpus_flag=(-corpus "$corpus")
else
	echo "warning: $corpus not found, using the built-in corpus" >&2
fi
site=$work/site
"$work/gensite" -pages "$pages" -seed "$seed" "${corpus_flag[@]}" -out "$site" >&2
cp "$root/scripts/hugo-site/hugo.toml" "$site/"
cp -r "$root/scripts/hugo-site/layouts" "$site/"
content_bytes=$(find "$site/content" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
content_files=$(find "$site/content" -type f | wc -l)

export HUGO_CACHEDIR=$work/hugo-cache
build() { # build OUTDIR TIMEFILE
	timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$2" \
		hugo --quiet --source "$site" --destination "$1"
}

echo "warm-up build (not timed) ..." >&2
build "$work/out-warmup" "$work/time-warmup"
for i in $(seq 1 "$runs"); do
	build "$work/out-$i" "$work/time-$i"
	read -r secs kib <"$work/time-$i"
	echo "run $i: ${secs} s, $(mib "$kib") MiB peak RSS" >&2
done

out_files=$(find "$work/out-1" -type f | wc -l)
wall=$(cat "$work"/time-[0-9]* | awk '{print $1}' | median)
rss_kib=$(cat "$work"/time-[0-9]* | awk '{print $2}' | median)

echo "hugo:           $(hugo version)"
echo "pages:          $pages generated (seed $seed), $content_files content files, $(awk -v b="$content_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB"
echo "output:         $out_files files per build"
echo "runs:           $runs timed (after 1 warm-up)"
echo "median wall:    ${wall} s"
echo "median peak RSS: $(mib "$rss_kib") MiB"
