# newsgraph: common tasks. `make help` lists them.

NEO4J_PASSWORD ?= newsgraph-demo
export NEO4J_PASSWORD

# go test over everything; the integration tests start Neo4j containers
# (one per package). Two packages at a time at most on these 2-core machines.
# CI lists every test (-v), so its log shows the integration tests ran.
GOTESTFLAGS ?= -count=1 -p 2 -timeout 60m
ifeq ($(CI),true)
GOTESTFLAGS += -v
endif
PKGS ?= ./...

.PHONY: help test demo neo4j-start neo4j-stop neo4j-reset neo4j-status neo4j-logs image compose-config

help:
	@echo "make test          install/start what the tests need (Docker engine, Neo4j image), then go test $(PKGS)"
	@echo "make demo          start the local Neo4j process and ingest examples/ into it"
	@echo "make neo4j-start   start Neo4j 5.26 as a local process (Bolt :7687, Browser http://localhost:7474/browser/)"
	@echo "make neo4j-stop    stop it"
	@echo "make neo4j-reset   stop it and delete its database (the next start is empty)"
	@echo "make neo4j-status  is it running?"
	@echo "make neo4j-logs    its console log"
	@echo "make image         rebuild the local image newsgraph/neo4j:5.26-local (no registry needed)"
	@echo "make compose-config  check docker-compose.yml"

test:
	deploy/neo4j/ensure-test-env.sh go test $(GOTESTFLAGS) $(PKGS)

demo: neo4j-start
	NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j go run ./cmd/newsgraph ingest examples/

neo4j-start:
	deploy/neo4j/local.sh start

neo4j-stop:
	deploy/neo4j/local.sh stop

neo4j-reset:
	deploy/neo4j/local.sh reset

neo4j-status:
	deploy/neo4j/local.sh status

neo4j-logs:
	deploy/neo4j/local.sh logs

image:
	deploy/neo4j/build-image.sh --force

# Checks docker-compose.yml (Debian's docker-compose 1.29, or docker compose v2).
compose-config:
	@if command -v docker-compose >/dev/null; then docker-compose config -q; else docker compose config -q; fi && echo "docker-compose.yml is valid"
