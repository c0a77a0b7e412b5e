#!/usr/bin/env bash
# Serve a generated site of the plan's content model with `kehoach serve`,
# save one content file SAVES times, 2 s apart (as an editor saves), check
# that each save is served, and report the process's memory and the
# preview's own rebuild times.
#
# Usage: scripts/preview-saves.sh [PAGES] [SAVES]
#   PAGES  pages to generate (default 10000); SAVES saves (default 10, at most 100)
# Environment:
#   CORPUS  text to sample sentences from (default: ../shared/source/ke-hoach-nq21.txt)
#   ADDR    address to serve on (default 127.0.0.1:18123)
set -euo pipefail
pages=${1:-10000}
saves=${2:-10}
(( saves >= 1 && saves <= 100 )) || { echo "SAVES must be 1–100" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$repo/../shared/source/ke-hoach-nq21.txt}
addr=${ADDR:-127.0.0.1:18123}
tmp=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

cd "$repo"
go build -o "$tmp/kehoach" ./cmd/kehoach
corpus_flag=()
[[ -f $corpus ]] && corpus_flag=(-corpus "$corpus")
go run ./internal/sitegen/gensite -pages "$pages" "${corpus_flag[@]}" -out "$tmp/site" >/dev/null
"$tmp/kehoach" serve --source "$tmp/site" --addr "$addr" >"$tmp/serve.log" 2>&1 &
pid=$!
page=http://$addr/plan/01-part.html
for _ in $(seq 1 300); do curl -sf "$page" >/dev/null && break; sleep 1; done
curl -sf "$page" >/dev/null || { echo "the site was not served in 300 s" >&2; cat "$tmp/serve.log" >&2; exit 1; }
file=$tmp/site/content/plan/01-part.md
cp "$file" "$tmp/original.md"
missed=0
for i in $(seq 1 "$saves"); do
	{ cat "$tmp/original.md"; echo; echo "Lần sửa $i."; } >"$file"
	sleep 2
	curl -sf "$page" | grep -q "Lần sửa $i\." || { echo "save $i not served after 2 s" >&2; missed=$((missed + 1)); }
done
sleep 10 # the search index and the background rendering of the last save
grep -E '^(VmHWM|VmRSS)' "/proc/$pid/status"
grep -o 'rebuilt in [^,]*, search in [^ ]*' "$tmp/serve.log"
echo "saves not served within 2 s: $missed of $saves"
(( missed == 0 ))
