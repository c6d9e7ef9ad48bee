#!/usr/bin/env bash
# Neo4j 5.26 Community as a plain local process, for machines with no Docker
# engine. Uses the same Maven-built lib/ as the local image.
#
# usage: local.sh start|stop|restart|status|logs [-f]|reset
#
#   start    fetch the jars if needed, write conf/neo4j.conf, set the password
#            of user neo4j on first start (NEO4J_PASSWORD, default
#            newsgraph-demo), start the server in the background and wait until
#            it has started: Bolt on bolt://localhost:7687, Neo4j Browser on
#            http://localhost:7474/browser/
#   stop     SIGTERM, wait for a clean shutdown (SIGKILL after 60 s)
#   status   exit 0 when running, 3 when not
#   logs     the server's console log (-f to follow)
#   reset    stop and delete the database (the next start sets the password)
#
# Everything lives under $NEWSGRAPH_NEO4J_HOME (default
# ~/.cache/newsgraph/neo4j-5.26): lib/, conf/, data/, logs/, neo4j.pid.
# NEWSGRAPH_NEO4J_INSTANCE puts conf/, data/, logs/ and the pid file of a
# second server elsewhere (the jars stay shared): make test does that.
# NEO4J_<setting> variables are settings, as for the image
# (NEO4J_server_bolt_listen__address=:7688 moves Bolt to port 7688).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

home="${NEWSGRAPH_NEO4J_INSTANCE:-$NEO4J_CACHE}"
conf_dir="$home/conf"
pid_file="$home/neo4j.pid"
console="$home/logs/console.log"
password="${NEO4J_PASSWORD:-newsgraph-demo}"
start_timeout="${NEO4J_START_TIMEOUT:-300}"

running_pid() {
	local pid
	[[ -f "$pid_file" ]] || return 1
	pid="$(cat "$pid_file")"
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
		grep -q CommunityEntryPoint "/proc/$pid/cmdline" 2>/dev/null; then
		echo "$pid"
		return 0
	fi
	return 1
}

# setting NAME prints the last value of NAME in the generated neo4j.conf.
setting() {
	awk -F= -v k="$1" '$1 == k { v = substr($0, length(k) + 2) } END { print v }' "$conf_dir/neo4j.conf"
}

port_of() { local a; a="$(setting "$1")"; echo "${a##*:}"; }

cmd_start() {
	local pid
	if pid="$(running_pid)"; then
		log "already running (pid $pid)"
		cmd_status
		return 0
	fi
	ensure_cmd java openjdk-17-jre-headless
	ensure_lib
	"$NEO4J_DEPLOY_DIR/../browser/embed.sh" "$NEO4J_CACHE/lib" # the Browser guide and style
	mkdir -p "$conf_dir" "$home/data" "$home/logs" "$home/import"
	if [[ "$home" != "$NEO4J_CACHE" ]]; then
		ln -sfn "$NEO4J_CACHE/lib" "$home/lib"
	fi
	"$NEO4J_DEPLOY_DIR/neo4j-run.sh" conf "$NEO4J_DEPLOY_DIR/neo4j.conf.template" \
		"$conf_dir/neo4j.conf" "$home/data" "$home/logs" "$home/import" \
		"${NEO4J_LISTEN_ADDRESS:-localhost}"
	if [[ ! -f "$home/data/dbms/auth.ini" && ! -d "$home/data/databases/system" ]]; then
		log "setting the initial password of user neo4j"
		"$NEO4J_DEPLOY_DIR/neo4j-run.sh" password "$home" "$conf_dir" "$password"
	fi
	[[ -f "$console" ]] && mv -f "$console" "$console.1"
	log "starting Neo4j (log: $console)"
	setsid "$NEO4J_DEPLOY_DIR/neo4j-run.sh" exec "$home" "$conf_dir" </dev/null >"$console" 2>&1 &
	pid=$!
	echo "$pid" >"$pid_file"
	local waited=0
	until grep -q '^.* INFO  Started\.$' "$console" 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 30 "$console" >&2 || true
			rm -f "$pid_file"
			die "Neo4j exited during start (log: $console)"
		fi
		if ((waited >= start_timeout * 2)); then
			tail -n 30 "$console" >&2 || true
			die "Neo4j did not start within ${start_timeout}s (still running as pid $pid; local.sh stop)"
		fi
		sleep 0.5
		waited=$((waited + 1))
	done
	log "started in ~$((waited / 2))s (pid $pid)"
	cmd_status
}

cmd_stop() {
	local pid waited=0
	if ! pid="$(running_pid)"; then
		rm -f "$pid_file"
		log "not running"
		return 0
	fi
	log "stopping pid $pid"
	kill -TERM "$pid"
	while kill -0 "$pid" 2>/dev/null; do
		if ((waited >= 120)); then
			log "no clean shutdown after 60s: SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
		fi
		sleep 0.5
		waited=$((waited + 1))
	done
	rm -f "$pid_file"
	log "stopped"
}

cmd_status() {
	local pid
	if pid="$(running_pid)"; then
		echo "Neo4j is running (pid $pid)"
		echo "  Bolt:    bolt://localhost:$(port_of server.bolt.listen_address)  (user neo4j)"
		echo "  Browser: http://localhost:$(port_of server.http.listen_address)/browser/"
		echo "  Home:    $home"
		return 0
	fi
	echo "Neo4j is not running"
	return 3
}

cmd_logs() {
	[[ -f "$console" ]] || die "no log yet ($console)"
	if [[ "${1:-}" == -f ]]; then
		exec tail -n 100 -f "$console"
	fi
	tail -n 100 "$console"
}

cmd_reset() {
	cmd_stop
	log "deleting $home/data"
	rm -rf "$home/data"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
restart) cmd_stop && cmd_start ;;
status) cmd_status ;;
logs) shift; cmd_logs "$@" ;;
reset) cmd_reset ;;
*) echo "usage: $0 start|stop|restart|status|logs [-f]|reset" >&2; exit 2 ;;
esac
