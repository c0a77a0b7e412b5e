#!/usr/bin/env bash
# Build one generated site of the plan's content model with Hugo (+ Pagefind)
# and with kehoach (without and with its search index), alternately, and report
# each step's median wall time and peak memory and the search indexes' sizes.
#
# Usage: scripts/bench-build.sh [RUNS] [PAGES]
#   RUNS   timed runs per step (default 3, at most 20); PAGES pages to generate
#          (default 10000)
# Environment:
#   CORPUS    text to sample sentences from (default: ../shared/source/ke-hoach-nq21.txt
#             beside the repository; the built-in excerpt when missing)
#   SEED      generator seed (default 1)
#   TIMEOUT   seconds allowed per build or indexing run (default 900)
#   PAGEFIND  npm version spec of pagefind to install (default 1: the newest 1.x)
#   KEEP=1    keep the temporary folder (its path is printed)
#
# Steps, in this order in every run (one untimed warm-up run first):
#   hugo             hugo --source <config+layouts> --contentDir <content> into a NEW folder
#   pagefind         Pagefind (npm package `pagefind`, installed under the temp
#                    folder) indexing that run's fresh Hugo output (its pagefind/
#                    bundle is written there; that folder has no bundle yet)
#   kehoach-nosearch kehoach build --search=false into a NEW folder
#   kehoach          kehoach build (the default: with its bleve index in _search/)
# Each timed with /usr/bin/time (wall seconds, peak RSS). The last line,
# hugo+pagefind, is the median of the per-run sums of those two wall times.
# Output folders are only removed at the end, since deleting large trees
# between runs slows later file creation on this disk: on ext4 without a
# journal (/sys/fs/ext4/<dev>/journal_task is "<none>"), Linux skips inodes
# deleted less than 60-300 s ago when it creates files. Wait five minutes
# after a run (or any large deletion) before timing anything else there. Sizes are `du -sk`
# (KiB on disk), shown also as MB (10^6 bytes).
# Needs: hugo, go, node/npm (apt-get installs any missing) and the npm registry.
set -euo pipefail

runs=${1:-3}
pages=${2:-10000}
seed=${SEED:-1}
timeout_s=${TIMEOUT:-900}
pagefind_spec=${PAGEFIND:-1}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${CORPUS:-$root/../shared/source/ke-hoach-nq21.txt}

case $runs in '' | *[!0-9]* | 0) echo "RUNS must be a positive integer" >&2; exit 2 ;; esac
case $pages in '' | *[!0-9]*) echo "PAGES must be a non-negative integer" >&2; exit 2 ;; esac
case $timeout_s in '' | *[!0-9]* | 0) echo "TIMEOUT must be a positive integer" >&2; exit 2 ;; esac
if [ "$runs" -gt 20 ]; then echo "RUNS is capped at 20" >&2; exit 2; fi

need() { # need CMD PACKAGE: install PACKAGE with apt-get when CMD is missing
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "installing $2 ..." >&2
		timeout 600 apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "$2" >/dev/null
	fi
}
need hugo hugo
need /usr/bin/time time
need go golang-go
need npm npm

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

# disk DIR: "<MB> MB (<KiB> KiB)" from du -sk.
disk() {
	local kib
	kib=$(du -sk "$1" | awk '{print $1}')
	awk -v k="$kib" 'BEGIN {printf "%.1f MB (%d KiB)", k * 1024 / 1e6, k}'
}

echo "building gensite and kehoach ..." >&2
(cd "$root" && timeout 900 go build -o "$work/gensite" ./internal/sitegen/gensite &&
	timeout 900 go build -o "$work/kehoach" ./cmd/kehoach)

echo "installing pagefind@$pagefind_spec from npm ..." >&2
npm_dir=$work/npm
mkdir -p "$npm_dir"
echo '{"private": true}' >"$npm_dir/package.json"
timeout 600 npm install --prefix "$npm_dir" --no-audit --no-fund --no-save \
	--loglevel=error "pagefind@$pagefind_spec" >&2
# The npm package's bin is a node wrapper that runs the platform binary from
# its optional dependency @pagefind/<platform>; run that binary itself so
# that the timing and peak RSS are Pagefind's, not node's.
pagefind_bin=
for name in pagefind_extended pagefind; do
	for f in "$npm_dir"/node_modules/@pagefind/*/bin/"$name"; do
		if [ -x "$f" ]; then pagefind_bin=$f; break 2; fi
	done
done
if [ -z "$pagefind_bin" ]; then
	echo "pagefind's platform binary is missing under $npm_dir/node_modules/@pagefind" >&2
	echo "(the optional dependency for $(uname -sm) did not install)" >&2
	exit 1
fi
pagefind_version=$(timeout 60 "$pagefind_bin" --version)
hugo_version=$(timeout 60 hugo version)

corpus_flag=()
if [ -f "$corpus" ]; then
	corpus_flag=(-corpus "$corpus")
else
	echo "warning: $corpus not found, using the built-in corpus" >&2
fi
site=$work/site
timeout "$timeout_s" "$work/gensite" -pages "$pages" -seed "$seed" "${corpus_flag[@]}" -out "$site" >&2
hugo_site=$work/hugo-site # Hugo's config and layouts, kept apart from the content kehoach builds
mkdir -p "$hugo_site"
cp "$root/scripts/hugo-site/hugo.toml" "$hugo_site/"
cp -r "$root/scripts/hugo-site/layouts" "$hugo_site/"
content_bytes=$(find "$site/content" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
content_files=$(find "$site/content" -type f | wc -l)

export HUGO_CACHEDIR=$work/hugo-cache
steps=(hugo pagefind kehoach-nosearch kehoach)

# run STEP TAG: run one step of run TAG (warmup or a number), timing it into
# $work/STEP-TAG.time. pagefind indexes $work/hugo-out-TAG, which the hugo
# step of the same run has just written.
run() {
	local out=$work/$1-out-$2 tf=$work/$1-$2.time
	case $1 in
	hugo) timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$tf" \
		hugo --quiet --source "$hugo_site" --contentDir "$site/content" --destination "$work/hugo-out-$2" ;;
	pagefind)
		if [ -e "$work/hugo-out-$2/pagefind" ]; then
			echo "$work/hugo-out-$2 already has a pagefind bundle" >&2
			exit 1
		fi
		timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$tf" \
			"$pagefind_bin" --site "$work/hugo-out-$2" >"$work/pagefind-$2.log" 2>&1 || {
			echo "pagefind failed on run $2:" >&2
			tail -n 20 "$work/pagefind-$2.log" >&2
			exit 1
		} ;;
	kehoach-nosearch) timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$tf" \
		"$work/kehoach" build --search=false --source "$site" --dest "$out" --now 2026-11-27 >/dev/null ;;
	kehoach) timeout "$timeout_s" /usr/bin/time -f '%e %M' -o "$tf" \
		"$work/kehoach" build --source "$site" --dest "$out" --now 2026-11-27 >/dev/null ;;
	esac
}

for step in "${steps[@]}"; do
	echo "warm-up $step (not timed) ..." >&2
	run "$step" warmup
done
echo "pagefind's summary of the warm-up run:" >&2
grep -E 'Found|Discovered|Indexed' "$work/pagefind-warmup.log" >&2 || true
for i in $(seq 1 "$runs"); do
	for step in "${steps[@]}"; do
		run "$step" "$i"
		read -r secs kib <"$work/$step-$i.time"
		echo "run $i $step: ${secs} s, $(mib "$kib") MiB peak RSS" >&2
	done
done

echo "hugo:            $hugo_version"
echo "pagefind:        $pagefind_version (npm pagefind@$pagefind_spec, binary $(basename "$pagefind_bin"))"
echo "pagefind run 1:  $(grep -E 'Indexed [0-9]+ (pages|words)' "$work/pagefind-1.log" | sed 's/^ *//' | paste -sd, - | sed 's/,/, /g')"
echo "pages:           $pages generated (seed $seed), $content_files content files, $(awk -v b="$content_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB"
echo "runs:            $runs timed per step (after 1 warm-up each), alternating ${steps[*]}"
for step in "${steps[@]}"; do
	wall=$(cat "$work"/"$step"-[0-9]*.time | awk '{print $1}' | median)
	rss_kib=$(cat "$work"/"$step"-[0-9]*.time | awk '{print $2}' | median)
	case $step in
	hugo) files="$(find "$work/hugo-out-1" -path "$work/hugo-out-1/pagefind" -prune -o -type f -print | wc -l) files" ;;
	pagefind) files="$(find "$work/hugo-out-1/pagefind" -type f | wc -l) files in pagefind/" ;;
	kehoach) files="$(find "$work/kehoach-out-1" -type f | wc -l) files, $(find "$work/kehoach-out-1/_search" -type f | wc -l) in _search/" ;;
	*) files="$(find "$work/$step-out-1" -type f | wc -l) files" ;;
	esac
	printf '%-16s median wall %7s s, median peak RSS %5s MiB, %s\n' "$step" "$wall" "$(mib "$rss_kib")" "$files"
done
sum_wall=$(for i in $(seq 1 "$runs"); do
	cat "$work/hugo-$i.time" "$work/pagefind-$i.time" | awk '{s += $1} END {print s}'
done | median)
printf '%-16s median wall %7s s (median of per-run sums of hugo and pagefind)\n' "hugo+pagefind" "$sum_wall"
echo "on disk (du -sk, run 1):"
echo "  kehoach _search/   $(disk "$work/kehoach-out-1/_search")"
echo "  pagefind/ bundle   $(disk "$work/hugo-out-1/pagefind")"
echo "  content/           $(disk "$site/content")"
