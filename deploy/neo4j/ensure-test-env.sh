#!/usr/bin/env bash
# Makes sure the integration tests can get a real Neo4j, then runs the given
# command (`make test` runs `go test` through it).
#
# usage: ensure-test-env.sh COMMAND [ARGS...]
#
# In order:
#   - NEO4J_TEST_URI set: that server is used; nothing else is done.
#   - NEWSGRAPH_TEST_NEO4J=local: a local Neo4j process of the tests' own
#     (local.sh with its own data folder and free ports, never the demo's) is
#     started, used, then stopped and deleted.
#   - otherwise Docker: when no engine answers, install Debian's docker.io
#     (as root, when missing) and start dockerd in the background (log:
#     /var/log/newsgraph-dockerd.log). Then, unless NEO4J_TEST_IMAGE is set,
#     use the official image when it is present or can be pulled; where no
#     registry is reachable build the local image (only when missing) and set
#     NEO4J_TEST_IMAGE, TESTCONTAINERS_RYUK_DISABLED=true (the reaper image
#     cannot be pulled) and TESTCONTAINERS_HOST_OVERRIDE=localhost.
#   - if the Docker engine cannot run here at all, fall back to the local
#     process, saying why.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -gt 0 ]] || die "usage: $0 COMMAND [ARGS...]"

official="neo4j:5.26-community"
dockerd_log="/var/log/newsgraph-dockerd.log"

# run_cmd runs the command. Outside CI it then lists which packages' tests
# ran against which Neo4j (CI runs go test -v, where these lines are inline,
# and keeps go test's own summary as the last lines).
run_cmd() {
	local report rc=0 run leftover
	report="$(mktemp /tmp/neo4jtest-report.XXXXXX)"
	run="$(basename "$report")"
	NEO4JTEST_REPORT="$report" NEO4JTEST_RUN="$run" "$@" || rc=$?
	# Containers of this run that a crashed or timed-out test binary left.
	if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
		leftover="$(docker ps -aq --filter "label=newsgraph.neo4jtest.run=$run")"
		if [[ -n "$leftover" ]]; then
			log "removing containers left by this run: $(echo "$leftover" | tr '\n' ' ')"
			# shellcheck disable=SC2086 # one id per word
			docker rm -f $leftover >/dev/null || true
		fi
	fi
	if [[ "${CI:-}" != true ]]; then
		if [[ -s "$report" ]]; then
			cat "$report" >&2
		else
			log "no integration test used Neo4j in this run"
		fi
	fi
	rm -f "$report"
	return "$rc"
}

# free_port prints a TCP port nothing listens on.
free_port() {
	local p
	for p in $(shuf -i 20000-45000 -n 100); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	die "no free port found"
}

# run_with_local_process runs the command against a local Neo4j process of
# its own (its own data folder and ports, never the demo's), deleted and
# stopped afterwards.
run_with_local_process() {
	local rc=0 bolt http
	bolt="$(free_port)"
	http="$(free_port)"
	export NEWSGRAPH_NEO4J_INSTANCE="$NEO4J_CACHE/test-instance"
	export NEO4J_PASSWORD="newsgraph-test"
	export NEO4J_server_bolt_listen__address=":$bolt" NEO4J_server_http_listen__address=":$http"
	"$NEO4J_DEPLOY_DIR/local.sh" reset >&2
	"$NEO4J_DEPLOY_DIR/local.sh" start >&2
	export NEO4J_TEST_URI="bolt://localhost:$bolt" NEO4J_TEST_USERNAME=neo4j \
		NEO4J_TEST_PASSWORD="$NEO4J_PASSWORD"
	log "tests use the local Neo4j process at $NEO4J_TEST_URI"
	run_cmd "$@" || rc=$?
	"$NEO4J_DEPLOY_DIR/local.sh" reset >&2
	exit "$rc"
}

# ensure_docker makes a Docker engine answer, installing and starting it when
# it can. It returns 1 (and says why) when there is none.
ensure_docker() {
	command -v docker >/dev/null && docker info >/dev/null 2>&1 && return 0
	if ! command -v dockerd >/dev/null; then
		if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
			log "no Docker engine, and cannot install one (needs root and apt-get)"
			return 1
		fi
		ensure_cmd dockerd docker.io
	fi
	if [[ -S /var/run/docker.sock ]] && docker info >/dev/null 2>&1; then
		return 0
	fi
	if [[ $EUID -ne 0 ]]; then
		log "dockerd is installed but not running, and only root can start it here"
		return 1
	fi
	if ! pgrep -x dockerd >/dev/null; then
		log "starting dockerd in the background (log: $dockerd_log)"
		# setsid: a session of its own, so that the engine outlives the
		# shell (and process group) that started it.
		setsid nohup dockerd >>"$dockerd_log" 2>&1 </dev/null &
	fi
	for _ in $(seq 1 60); do
		docker info >/dev/null 2>&1 && return 0
		if ! pgrep -x dockerd >/dev/null; then
			break
		fi
		sleep 1
	done
	log "the Docker engine does not run here:"
	tail -n 15 "$dockerd_log" >&2 || true
	docker info 2>&1 | tail -n 3 >&2 || true
	return 1
}

# The real-browser test (queries/browser_test.go) drives Debian's Chromium;
# in CI it must run, so it is installed here.
if [[ "${CI:-}" == true ]]; then
	ensure_cmd chromium chromium
fi

if [[ -n "${NEO4J_TEST_URI:-}" ]]; then
	log "tests use NEO4J_TEST_URI=$NEO4J_TEST_URI"
	run_cmd "$@"
	exit $?
fi
if [[ "${NEWSGRAPH_TEST_NEO4J:-}" == local ]]; then
	run_with_local_process "$@"
fi
if ! ensure_docker; then
	log "falling back to the local Neo4j process (deploy/neo4j/local.sh)"
	run_with_local_process "$@"
fi

if [[ -z "${NEO4J_TEST_IMAGE:-}" ]]; then
	if docker image inspect "$official" >/dev/null 2>&1 ||
		timeout "${NEWSGRAPH_PULL_TIMEOUT:-600}" docker pull -q "$official" >/dev/null 2>&1; then
		export NEO4J_TEST_IMAGE="$official"
	else
		log "no container registry reachable: using the local image $NEO4J_LOCAL_IMAGE"
		"$NEO4J_DEPLOY_DIR/build-image.sh"
		export NEO4J_TEST_IMAGE="$NEO4J_LOCAL_IMAGE"
		export TESTCONTAINERS_RYUK_DISABLED=true
		export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
	fi
elif [[ "$NEO4J_TEST_IMAGE" == "$NEO4J_LOCAL_IMAGE" ]]; then
	"$NEO4J_DEPLOY_DIR/build-image.sh"
	export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
	export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
fi
log "tests start Neo4j containers from $NEO4J_TEST_IMAGE"
run_cmd "$@"
