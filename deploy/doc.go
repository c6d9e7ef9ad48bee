// Package deploy holds no Go code of the flow (article -> ner -> quote ->
// graph -> loader): it is where the Neo4j deployment files live
// (docker-compose.yml at the repository root, deploy/neo4j, deploy/browser),
// and its tests check what those files promise a new user: no default
// password, nothing published beyond this machine unless asked.
package deploy
