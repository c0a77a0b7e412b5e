#!/usr/bin/env bash
# Build a generated site of the plan's content model with kehoach and with Hugo,
# alternately, and report each tool's median wall time and peak memory.
#
# Usage: scripts/bench-build.sh [RUNS] [PAGES]
#   RUNS   timed builds per tool (default 3); PAGES pages to generate (default 10000)
# Environment:
#   CORPUS   text to sample sentences from (default: ../shared/source/ke-hoach-nq21.txt
#            beside the repository; the built-in excerpt when missing)
#   SEED     generator seed (default 1)
#   TIMEOUT  seconds allowed per build (default 900)
#   KEEP=1   keep the temporary folder (its path is printed)
#
# Each build (one untimed warm-up per tool, then RUNS timed) writes into a NEW
# output folder; output folders are only removed at the end, since deleting
# large trees between runs slows later file creation on this disk. kehoach
# builds without the search index here (it has none yet).
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

echo "building gensite and kehoach ..." >&2
(cd "$root" && go build -o "$work/gensite" ./internal/sitegen/gensite && go build -o "$work/kehoach" ./cmd/kehoach)

corpus_flag=()
if [ -f "$corpus" ]; then
	corpus_flag=(-corpus "$corpus")
else
	echo "warning: $corpus not found, using the built-in corpus" >&2
fi
site=$work/site
"$work/gensite" -pages "$pages" -seed "$seed" "${corpus_flag[@]}" -out "$site" >&2
hugo_site=$work/hugo-site # Hugo's config and layouts, kept apart from the content kehoach builds
mkdir -p "$hugo_site"
cp "$root/scripts/hugo-site/hugo.toml" "$hugo_site/"
cp -r "$root/scripts/hugo-site/layouts" "$hugo_site/"
content_bytes=$(find "$site/content" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
content_files=$(find "$site/content" -type f | wc -l)

export HUGO_CACHEDIR=$work/hugo-cache
build() { # build TOOL OUTDIR TIMEFILE
	case $1 in
	hugo) timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$3" \
		hugo --quiet --source "$hugo_site" --contentDir "$site/content" --destination "$2" ;;
	kehoach) timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$3" \
		"$work/kehoach" build --source "$site" --dest "$2" --now 2026-11-27 >/dev/null ;;
	esac
}

for tool in hugo kehoach; do
	echo "warm-up $tool build (not timed) ..." >&2
	build "$tool" "$work/$tool-out-warmup" "$work/$tool-warmup.time"
done
for i in $(seq 1 "$runs"); do
	for tool in hugo kehoach; do
		build "$tool" "$work/$tool-out-$i" "$work/$tool-$i.time"
		read -r secs kib <"$work/$tool-$i.time"
		echo "run $i $tool: ${secs} s, $(mib "$kib") MiB peak RSS" >&2
	done
done

echo "hugo:            $(hugo version)"
echo "pages:           $pages generated (seed $seed), $content_files content files, $(awk -v b="$content_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB"
echo "runs:            $runs timed per tool (after 1 warm-up each), alternating"
for tool in hugo kehoach; do
	wall=$(cat "$work"/"$tool"-[0-9]*.time | awk '{print $1}' | median)
	rss_kib=$(cat "$work"/"$tool"-[0-9]*.time | awk '{print $2}' | median)
	files=$(find "$work/$tool-out-1" -type f | wc -l)
	printf '%-8s median wall %6s s, median peak RSS %5s MiB, %s files\n' "$tool" "$wall" "$(mib "$rss_kib")" "$files"
done
