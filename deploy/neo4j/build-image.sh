#!/usr/bin/env bash
# Builds the local Neo4j image (default newsgraph/neo4j:5.26-local) without any
# container registry:
#   1. a Debian bookworm base with a JRE, made by debootstrap from the mirror
#      this machine's apt already uses, brought in with `docker import`;
#   2. `docker build` FROM that base, adding the Maven-built lib/ (Neo4j 5.26
#      Community + Browser) and an entrypoint that behaves like the official
#      image's (NEO4J_AUTH, NEO4J_* settings).
#
# usage: build-image.sh           build what is missing
#        build-image.sh --force   rebuild the Neo4j image (keeps the base)
#        build-image.sh --all     rebuild the base image too
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

force=0 all=0
case "${1:-}" in
--force) force=1 ;;
--all) force=1 all=1 ;;
"") ;;
*) die "usage: $0 [--force|--all]" ;;
esac

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (see deploy/neo4j/ensure-docker.sh)"

# The image is labelled with a hash of the files it is made from, so that a
# change to any of them (a new Neo4j version in the pom, the entrypoint, the
# conf template) rebuilds it.
inputs="$(cd "$NEO4J_DEPLOY_DIR" && cat Dockerfile docker-entrypoint.sh neo4j-run.sh \
	neo4j.conf.template pom.xml ../browser/guide.html ../browser/newsgraph.grass ../browser/embed.sh |
	sha256sum | cut -c1-16)"
if [[ $force == 0 ]] && have_image "$NEO4J_LOCAL_IMAGE"; then
	have="$(docker image inspect -f '{{index .Config.Labels "newsgraph.inputs"}}' "$NEO4J_LOCAL_IMAGE")"
	if [[ "$have" == "$inputs" ]]; then
		log "$NEO4J_LOCAL_IMAGE is present and up to date (build-image.sh --force rebuilds it)"
		exit 0
	fi
	log "$NEO4J_LOCAL_IMAGE was made from other files (deploy/neo4j changed): rebuilding"
fi

build_base() {
	ensure_cmd debootstrap debootstrap
	local mirror rootfs
	mirror="$(debian_mirror)" || die "cannot find a Debian mirror in /etc/apt (set NEWSGRAPH_DEBIAN_MIRROR)"
	rootfs="$(mktemp -d /tmp/newsgraph-rootfs.XXXXXX)"
	# shellcheck disable=SC2064
	trap "rm -rf '$rootfs'" EXIT
	log "debootstrap bookworm from $mirror into $rootfs"
	debootstrap --variant=minbase \
		--include=openjdk-17-jre-headless,tini,ca-certificates \
		bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 ||
		{ tail -20 "$rootfs.log" >&2; die "debootstrap failed (log: $rootfs.log)"; }
	rm -f "$rootfs.log"
	# Slim it: package caches and docs are not needed at run time.
	rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
		"$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
	log "docker import -> $NEO4J_BASE_IMAGE"
	tar -C "$rootfs" -c . | docker import \
		--change 'ENTRYPOINT ["/usr/bin/tini", "--"]' \
		--change 'ENV LANG=C.UTF-8' \
		- "$NEO4J_BASE_IMAGE" >/dev/null
	rm -rf "$rootfs"
	trap - EXIT
}

if [[ $all == 1 ]] || ! have_image "$NEO4J_BASE_IMAGE"; then
	build_base
fi

ensure_lib

ctx="$(mktemp -d /tmp/newsgraph-neo4j-image.XXXXXX)"
# shellcheck disable=SC2064
trap "rm -rf '$ctx'" EXIT
cp -a "$NEO4J_CACHE/lib" "$ctx/lib"
rm -f "$ctx/lib/.pom.sha256"
# Neo4j serves newsgraph's Browser guide and style from the Browser jar.
"$NEO4J_DEPLOY_DIR/../browser/embed.sh" "$ctx/lib"
cp "$NEO4J_DEPLOY_DIR/Dockerfile" "$NEO4J_DEPLOY_DIR/docker-entrypoint.sh" \
	"$NEO4J_DEPLOY_DIR/neo4j-run.sh" "$NEO4J_DEPLOY_DIR/neo4j.conf.template" "$ctx/"
log "docker build -> $NEO4J_LOCAL_IMAGE"
docker build -q --pull=false --build-arg BASE="$NEO4J_BASE_IMAGE" \
	--label "newsgraph.inputs=$inputs" -t "$NEO4J_LOCAL_IMAGE" "$ctx" >&2
log "built $NEO4J_LOCAL_IMAGE ($(docker image inspect -f '{{.Size}}' "$NEO4J_LOCAL_IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
