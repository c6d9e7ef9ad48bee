#!/usr/bin/env bash
# embed.sh LIBDIR
#
# Adds newsgraph's Browser guide and style to the Neo4j Browser jar in LIBDIR
# (the lib/ folder of Maven jars the local server and the image run from), so
# that Neo4j itself serves them next to Browser, with no other web server and
# no internet:
#
#   http://HOST:7474/browser/newsgraph/guide.html      :play it
#   http://HOST:7474/browser/newsgraph/newsgraph.grass  :style it
#
# Neo4j serves /browser/ from the "browser/" folder of the one jar that holds
# it, so the files must go into that jar. Running it again replaces them.
set -euo pipefail

lib="${1:?usage: embed.sh LIBDIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

shopt -s nullglob
jars=("$lib"/neo4j-browser-*.jar)
[[ ${#jars[@]} -eq 1 ]] || { echo "embed.sh: expected one neo4j-browser-*.jar in $lib, found ${#jars[@]}" >&2; exit 1; }
jar_file="$(cd "$(dirname "${jars[0]}")" && pwd)/$(basename "${jars[0]}")"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/browser/newsgraph"
cp "$here/guide.html" "$here/newsgraph.grass" "$stage/browser/newsgraph/"

if command -v jar >/dev/null; then
	(cd "$stage" && jar uf "$jar_file" browser/newsgraph/guide.html browser/newsgraph/newsgraph.grass)
elif command -v zip >/dev/null; then
	(cd "$stage" && zip -q "$jar_file" browser/newsgraph/guide.html browser/newsgraph/newsgraph.grass)
else
	python3 - "$jar_file" "$stage" <<'PY'
import os, sys, zipfile
jar, stage = sys.argv[1], sys.argv[2]
names = ["browser/newsgraph/guide.html", "browser/newsgraph/newsgraph.grass"]
tmp = jar + ".tmp"
with zipfile.ZipFile(jar) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        if item.filename not in names:
            dst.writestr(item, src.read(item.filename))
    for n in names:
        dst.write(os.path.join(stage, n), n)
os.replace(tmp, jar)
PY
fi
echo "embed.sh: newsgraph guide and style added to $jar_file (served at /browser/newsgraph/)" >&2
