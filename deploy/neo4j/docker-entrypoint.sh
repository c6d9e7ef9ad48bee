#!/usr/bin/env bash
# Entrypoint of newsgraph/neo4j:5.26-local. Like the official neo4j image:
#   NEO4J_AUTH=none               authentication off
#   NEO4J_AUTH=neo4j/<password>   initial password of user neo4j (first start)
#   NEO4J_<setting>=<value>       any neo4j.conf setting: "_" -> ".", "__" -> "_"
#                                 (NEO4J_server_memory_pagecache_size=1g)
# then runs the server in the foreground, listening on 0.0.0.0.
set -euo pipefail

home="${NEO4J_HOME:-/var/lib/neo4j}"
conf_dir="$home/conf"

if [[ "${1:-neo4j}" != neo4j ]]; then
	exec "$@"
fi

# A container's environment is the configuration: rewrite neo4j.conf each start.
neo4j-run.sh conf "$home/neo4j.conf.template" "$conf_dir/neo4j.conf" \
	/data /logs /import 0.0.0.0

auth="${NEO4J_AUTH:-}"
case "$auth" in
"") ;; # Neo4j's default: user neo4j, password neo4j, to be changed on first login.
none)
	echo "dbms.security.auth_enabled=false" >>"$conf_dir/neo4j.conf"
	;;
neo4j/*)
	password="${auth#neo4j/}"
	if [[ "$password" == neo4j ]]; then
		echo >&2 "Invalid value for password. It cannot be 'neo4j', which is the default."
		exit 1
	fi
	if [[ ! -f /data/dbms/auth.ini && ! -d /data/databases/system ]]; then
		neo4j-run.sh password "$home" "$conf_dir" "$password"
	fi
	;;
*)
	echo >&2 "Invalid value for NEO4J_AUTH: '$auth'. It must be 'none' or 'neo4j/<password>'."
	exit 1
	;;
esac

exec neo4j-run.sh exec "$home" "$conf_dir"
