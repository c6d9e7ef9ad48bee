#!/usr/bin/env bash
# side-by-side.sh OLD_BIN NEW_BIN [RUNS]: extract and ingest Reuters-21578 with two
# newsgraph binaries, alternately, RUNS times each (default 3), and print one line a
# run: wall and CPU seconds, peak RSS, and for ingest the Neo4j server's CPU seconds.
# Every ingest goes into a fresh local Neo4j of its own (deploy/neo4j/local.sh, Bolt
# on port 7697, HTTP on 7484, under $BENCH_HOME, default /tmp/bench-neo4j), after
# `newsgraph schema`. Run it on an otherwise idle machine (docs/benchmarks.md).
#
#   git worktree add /tmp/old fa3be37 && (cd /tmp/old && go build -o /tmp/ng-old ./cmd/newsgraph)
#   go build -o /tmp/ng-new ./cmd/newsgraph
#   tools/bench/side-by-side.sh /tmp/ng-old /tmp/ng-new
set -euo pipefail
old="${1:?usage: side-by-side.sh OLD_BIN NEW_BIN [RUNS]}"
new="${2:?usage: side-by-side.sh OLD_BIN NEW_BIN [RUNS]}"
runs="${3:-3}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${CORPUS:-$repo/../shared/data/reuters21578/reuters21578.jsonl.gz}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

export NEWSGRAPH_NEO4J_HOME="${BENCH_HOME:-/tmp/bench-neo4j}" NEO4J_PASSWORD=bench-password \
	NEO4J_server_bolt_listen__address=:7697 NEO4J_server_http_listen__address=:7484 \
	NEO4J_server_memory_heap_max__size=1g NEO4J_server_memory_heap_initial__size=1g \
	NEO4J_server_memory_pagecache_size=512m
export NEO4J_URI=bolt://localhost:7697 NEO4J_USERNAME=neo4j

for i in $(seq "$runs"); do
	for b in old new; do
		bin="$old"
		[[ $b == new ]] && bin="$new"
		/usr/bin/time -f "extract $b run $i: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
			"$bin" --log-level error extract -o "$out/x.jsonl" "$corpus" 2>&1 >/dev/null | tail -1 || true
	done
done

cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
for i in $(seq "$runs"); do
	for b in old new; do
		bin="$old"
		[[ $b == new ]] && bin="$new"
		"$repo/deploy/neo4j/local.sh" reset >/dev/null 2>&1 || true
		"$repo/deploy/neo4j/local.sh" start >/dev/null 2>&1
		"$bin" schema >/dev/null
		pid="$(cat "$NEWSGRAPH_NEO4J_HOME/neo4j.pid")"
		before="$(cpu "$pid")"
		# ingest exits with status 1 when inputs were skipped (Reuters has 1,799 empty records)
		/usr/bin/time -o "$out/time" -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" \
			"$bin" --log-level error ingest "$corpus" >/dev/null 2>&1 || true
		echo "ingest $b run $i: $(tail -1 "$out/time"), neo4j CPU $(awk -v a="$(cpu "$pid")" -v b="$before" 'BEGIN { print a - b }') s"
		"$repo/deploy/neo4j/local.sh" stop >/dev/null 2>&1
	done
done
