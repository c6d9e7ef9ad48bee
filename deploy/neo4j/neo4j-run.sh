#!/usr/bin/env bash
# Runs Neo4j 5.26 Community from a lib/ of Maven jars, the way the
# distribution's launcher does, but with one JVM and `exec` (so an init such
# as tini, or local.sh, signals the server itself). Used by the image's
# entrypoint and by local.sh.
#
#   neo4j-run.sh conf TEMPLATE OUT DATA LOGS IMPORT LISTEN
#       write OUT from TEMPLATE, then append every NEO4J_<setting> environment
#       variable the way the official image does: NEO4J_ is dropped, "_"
#       becomes "." and "__" becomes "_" (NEO4J_server_memory_heap_max__size
#       -> server.memory.heap.max_size). Only names that start with a lower
#       case letter are settings, so NEO4J_AUTH, NEO4J_URI, NEO4J_PASSWORD...
#       are never written.
#   neo4j-run.sh password HOME CONFDIR PASSWORD
#       neo4j-admin dbms set-initial-password (before the first start).
#   neo4j-run.sh exec HOME CONFDIR
#       exec java ... org.neo4j.server.CommunityEntryPoint --console-mode
set -euo pipefail

java_bin() {
	if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
		echo "$JAVA_HOME/bin/java"
	else
		command -v java || { echo "neo4j-run: java not found" >&2; exit 1; }
	fi
}

# last_setting FILE NAME prints the last value of NAME in FILE.
last_setting() {
	awk -F= -v k="$2" '$1 == k { v = substr($0, length(k) + 2) } END { print v }' "$1"
}

# jvm_size turns a Neo4j byte size (512m, 1g, 512MiB, 1GB) into a -Xmx value.
jvm_size() {
	local v="${1// /}"
	v="${v%[bB]}"
	v="${v%i}"
	case "$v" in
	*[kKmMgGtT] | *[0-9]) echo "$v" ;;
	*) echo "neo4j-run: cannot read memory size '$1'" >&2; exit 1 ;;
	esac
}

cmd_conf() {
	local template="$1" out="$2" data="$3" logs="$4" import="$5" listen="$6"
	local tmp="$out.tmp" name setting value
	sed -e "s|@DATA@|$data|" -e "s|@LOGS@|$logs|" -e "s|@IMPORT@|$import|" \
		-e "s|@LISTEN@|$listen|" "$template" >"$tmp"
	while IFS= read -r name; do
		[[ "$name" =~ ^NEO4J_[a-z] ]] || continue
		value="${!name}"
		[[ -n "$value" ]] || continue
		setting="${name#NEO4J_}"
		setting="${setting//__/$'\x01'}"
		setting="${setting//_/.}"
		setting="${setting//$'\x01'/_}"
		# The last value wins; drop earlier ones to keep the file readable
		# (server.jvm.additional is a list, so it is only ever appended).
		if [[ "$setting" != server.jvm.additional ]]; then
			awk -F= -v k="$setting" '$1 != k' "$tmp" >"$tmp.2" && mv "$tmp.2" "$tmp"
		fi
		printf '%s=%s\n' "$setting" "$value" >>"$tmp"
	done < <(compgen -e | sort)
	mv "$tmp" "$out"
}

cmd_password() {
	local home="$1" confdir="$2" password="$3"
	NEO4J_HOME="$home" NEO4J_CONF="$confdir" "$(java_bin)" -cp "$home/lib/*" \
		org.neo4j.cli.AdminTool dbms set-initial-password "$password" >/dev/null
}

cmd_exec() {
	local home="$1" confdir="$2" conf="$2/neo4j.conf"
	local -a jvm=()
	local line heap_init heap_max
	while IFS= read -r line; do
		jvm+=("$line")
	done < <(awk -F= '$1 == "server.jvm.additional" { print substr($0, length($1) + 2) }' "$conf")
	heap_init="$(last_setting "$conf" server.memory.heap.initial_size)"
	heap_max="$(last_setting "$conf" server.memory.heap.max_size)"
	[[ -n "$heap_init" ]] && jvm+=("-Xms$(jvm_size "$heap_init")")
	[[ -n "$heap_max" ]] && jvm+=("-Xmx$(jvm_size "$heap_max")")
	# shellcheck disable=SC2206 # JAVA_OPTS is a list of flags by design
	[[ -n "${JAVA_OPTS:-}" ]] && jvm+=($JAVA_OPTS)
	cd "$home"
	exec "$(java_bin)" "${jvm[@]}" -Dfile.encoding=UTF-8 -cp "$home/lib/*" \
		org.neo4j.server.CommunityEntryPoint \
		--home-dir="$home" --config-dir="$confdir" --console-mode
}

case "${1:-}" in
conf) shift; cmd_conf "$@" ;;
password) shift; cmd_password "$@" ;;
exec) shift; cmd_exec "$@" ;;
*) echo "usage: neo4j-run.sh conf|password|exec ..." >&2; exit 2 ;;
esac
