package deploy

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// passwordRE finds a password set in a command or a file: NEO4J_PASSWORD=X,
// --password X, NEO4J_AUTH=neo4j/X.
var passwordRE = regexp.MustCompile(`(?:NEO4J_PASSWORD=|--password[ =]|NEO4J_AUTH[=:] *"?neo4j/)([^\s"'` + "`" + `;)]*)`)

// minPassword is Neo4j's default minimum password length
// (dbms.security.auth_minimum_password_length).
const minPassword = 8

// TestDocumentedPasswordsWork: every password the README, docs/, the
// deploy scripts, the Makefile and docker-compose.yml set can actually be
// set: 8 characters or more, and not "neo4j". Placeholders ("...",
// "$VAR", "<password>") are not passwords.
func TestDocumentedPasswordsWork(t *testing.T) {
	root := ".."
	var files []string
	for _, f := range []string{"README.md", "Makefile", "docker-compose.yml"} {
		files = append(files, filepath.Join(root, f))
	}
	for _, dir := range []string{"docs", "deploy"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".sh")) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range passwordRE.FindAllStringSubmatch(line, -1) {
				pw := m[1]
				if pw == "" || strings.HasPrefix(pw, "$") || strings.HasPrefix(pw, "<") || strings.Contains(pw, "...") {
					continue
				}
				checked++
				if len([]rune(pw)) < minPassword || pw == "neo4j" {
					t.Errorf("%s:%d: password %q: Neo4j refuses it (8 characters or more, not neo4j)", f, i+1, pw)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no documented password found: has the pattern gone stale?")
	}
}
