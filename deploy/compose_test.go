package deploy

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// composeFile is the part of docker-compose.yml the tests read.
type composeFile struct {
	Services map[string]struct {
		Ports       []string          `yaml:"ports"`
		Environment map[string]string `yaml:"environment"`
	} `yaml:"services"`
}

func readCompose(t *testing.T) (composeFile, string) {
	t.Helper()
	path := filepath.Join("..", "docker-compose.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(c.Services) == 0 {
		t.Fatalf("%s has no services", path)
	}
	return c, path
}

// publishedRE is a port mapping that names the host address it publishes
// on: ADDRESS:HOSTPORT:CONTAINERPORT, where ADDRESS may be a variable with
// a default.
var publishedRE = regexp.MustCompile(`^(\$\{[A-Z0-9_]+:-([^}]*)\}|[0-9.]+):(\$\{[A-Z0-9_]+:-[0-9]+\}|[0-9]+):[0-9]+$`)

// TestComposeIsPrivateByDefault reads docker-compose.yml as written: every
// published port names its host address, 127.0.0.1 unless a variable says
// otherwise, and the password has no default (${NEO4J_PASSWORD:?...}), so
// "docker-compose up" on a machine others can reach opens nothing to them
// and never runs with a well-known password.
func TestComposeIsPrivateByDefault(t *testing.T) {
	c, path := readCompose(t)
	for name, s := range c.Services {
		for _, p := range s.Ports {
			m := publishedRE.FindStringSubmatch(p)
			switch {
			case m == nil:
				t.Errorf("%s: service %s publishes %q on every interface (want ADDRESS:PORT:PORT, ADDRESS 127.0.0.1 by default)", path, name, p)
			case m[2] != "127.0.0.1" && m[1] != "127.0.0.1":
				t.Errorf("%s: service %s publishes %q beyond this machine by default", path, name, p)
			}
		}
		auth, ok := s.Environment["NEO4J_AUTH"]
		if !ok {
			t.Errorf("%s: service %s does not set NEO4J_AUTH (Neo4j would start with neo4j/neo4j)", path, name)
			continue
		}
		if !strings.Contains(auth, "${NEO4J_PASSWORD:?") {
			t.Errorf("%s: NEO4J_AUTH %q does not require NEO4J_PASSWORD (${NEO4J_PASSWORD:?message})", path, auth)
		}
	}
}

// compose returns the command that runs Docker Compose (docker-compose 1.x
// or the docker compose plugin), or nil when neither is installed.
func compose(t *testing.T) []string {
	t.Helper()
	if p, err := exec.LookPath("docker-compose"); err == nil {
		return []string{p}
	}
	if p, err := exec.LookPath("docker"); err == nil {
		if exec.Command(p, "compose", "version").Run() == nil {
			return []string{p, "compose"}
		}
	}
	return nil
}

// TestComposeConfig asks Docker Compose itself (when installed; it needs no
// engine): without NEO4J_PASSWORD it refuses, saying which variable to
// set; with one, every port is published on 127.0.0.1, and on every
// interface only when NEO4J_PUBLISH_ADDRESS=0.0.0.0 says so.
func TestComposeConfig(t *testing.T) {
	dc := compose(t)
	if dc == nil {
		t.Skip("neither docker-compose nor docker compose is installed (TestComposeIsPrivateByDefault reads the file)")
	}
	config := func(env ...string) (string, string, error) {
		cmd := exec.Command(dc[0], append(dc[1:], "--project-directory", "..", "-f", filepath.Join("..", "docker-compose.yml"), "config")...)
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "NEO4J_") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, env...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}

	if _, stderr, err := config(); err == nil {
		t.Error("docker-compose config succeeded without NEO4J_PASSWORD")
	} else if !strings.Contains(stderr, "set NEO4J_PASSWORD") {
		t.Errorf("without NEO4J_PASSWORD the message does not say to set it:\n%s", stderr)
	}

	ports := func(out string) []string {
		var c struct {
			Services map[string]struct {
				Ports []any `yaml:"ports"`
			} `yaml:"services"`
		}
		if err := yaml.Unmarshal([]byte(out), &c); err != nil {
			t.Fatalf("docker-compose config output: %v\n%s", err, out)
		}
		var ps []string
		for _, s := range c.Services {
			for _, p := range s.Ports {
				switch p := p.(type) {
				case string: // docker-compose 1.x: "127.0.0.1:7474:7474/tcp"
					ps = append(ps, p)
				case map[string]any: // compose v2: {host_ip, published, target}
					ip, _ := p["host_ip"].(string)
					ps = append(ps, ip+":")
				}
			}
		}
		return ps
	}
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"NEO4J_PASSWORD=a-long-password"}, "127.0.0.1:"},
		{[]string{"NEO4J_PASSWORD=a-long-password", "NEO4J_PUBLISH_ADDRESS=0.0.0.0"}, "0.0.0.0:"},
	} {
		out, stderr, err := config(c.env...)
		if err != nil {
			t.Fatalf("docker-compose config with %v: %v\n%s", c.env, err, stderr)
		}
		ps := ports(out)
		if len(ps) == 0 {
			t.Errorf("with %v: no published ports\n%s", c.env, out)
		}
		for _, p := range ps {
			if !strings.HasPrefix(p, c.want) {
				t.Errorf("with %v: port %q, want it published on %s", c.env, p, strings.TrimSuffix(c.want, ":"))
			}
		}
		if strings.Contains(out, "newsgraph-demo") {
			t.Errorf("with %v: the old default password is in the configuration", c.env)
		}
	}
}
