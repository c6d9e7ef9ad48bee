# Shared settings for the deploy/neo4j scripts. Sourced, not run.
# shellcheck shell=bash

NEO4J_DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Where the Maven-built Neo4j lives (lib/ with every jar), and the local
# process's conf/, data/, logs/ and pid file.
NEO4J_CACHE="${NEWSGRAPH_NEO4J_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/newsgraph/neo4j-5.26}"

# The locally built image (no registry needed) and its Debian base.
NEO4J_LOCAL_IMAGE="${NEO4J_LOCAL_IMAGE:-newsgraph/neo4j:5.26-local}"
NEO4J_BASE_IMAGE="${NEO4J_BASE_IMAGE:-newsgraph/debian-jre17:bookworm}"

log() { printf '[neo4j %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { printf '[neo4j] error: %s\n' "$*" >&2; exit 1; }

# ensure_cmd CMD PACKAGE installs Debian's PACKAGE when CMD is missing (root only).
apt_updated=0
ensure_cmd() {
	command -v "$1" >/dev/null && return 0
	if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
		die "$1 not found (apt-get install -y $2)"
	fi
	log "installing Debian's $2"
	if [[ $apt_updated == 0 ]]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
}

# debian_mirror prints the Debian mirror this machine's apt already uses
# (deb822 .sources or one-line sources.list), so no host is written into the
# project. NEWSGRAPH_DEBIAN_MIRROR overrides it.
debian_mirror() {
	if [[ -n "${NEWSGRAPH_DEBIAN_MIRROR:-}" ]]; then
		echo "$NEWSGRAPH_DEBIAN_MIRROR"
		return
	fi
	local f uri
	# deb822: the URIs of a stanza whose Suites has a plain release name.
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -f "$f" ]] || continue
		uri="$(awk '
			BEGIN { RS=""; FS="\n" }
			{
				u=""; s=""
				for (i = 1; i <= NF; i++) {
					if ($i ~ /^URIs:/)   { u=$i; sub(/^URIs:[ \t]*/, "", u); sub(/[ \t].*/, "", u) }
					if ($i ~ /^Suites:/) { s=$i }
				}
				if (u != "" && s ~ /(bookworm|trixie|bullseye)([ \t]|$)/ && s !~ /security/) { print u; exit }
			}' "$f")"
		if [[ -n "$uri" ]]; then
			echo "$uri"
			return
		fi
	done
	# one-line format
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -f "$f" ]] || continue
		uri="$(awk '$1 == "deb" && $0 !~ /security/ && $0 ~ /debian/ {
			for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit }
		}' "$f")"
		if [[ -n "$uri" ]]; then
			echo "$uri"
			return
		fi
	done
	return 1
}

# ensure_lib makes sure $NEO4J_CACHE/lib holds the Neo4j jars for the pom in
# this folder, running Maven only when the pom changed or lib/ is missing.
ensure_lib() {
	local stamp="$NEO4J_CACHE/lib/.pom.sha256" want
	want="$(sha256sum "$NEO4J_DEPLOY_DIR/pom.xml" | cut -d' ' -f1)"
	if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
		return 0
	fi
	ensure_cmd mvn maven
	log "fetching Neo4j jars from Maven Central into $NEO4J_CACHE/lib"
	local tmp="$NEO4J_CACHE/lib.tmp"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	if ! mvn -B -q -f "$NEO4J_DEPLOY_DIR/pom.xml" dependency:copy-dependencies \
		-DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
		tail -n 30 "$tmp.log" >&2
		die "mvn dependency:copy-dependencies failed (log: $tmp.log)"
	fi
	rm -f "$tmp.log"
	echo "$want" >"$tmp/.pom.sha256"
	rm -rf "${NEO4J_CACHE:?}/lib"
	mv "$tmp" "$NEO4J_CACHE/lib"
}
