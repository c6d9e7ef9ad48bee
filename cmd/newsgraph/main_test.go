package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// bin is the newsgraph binary built once for the tests, which run it as a
// user would: as a subprocess, checking its exit status and what it prints.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "newsgraph-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	bin = filepath.Join(dir, "newsgraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build newsgraph:", err)
		_ = os.RemoveAll(dir)
		os.Exit(2)
	}
	code := neo4jtest.Main(m)
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stderr:\n%s--- stdout (%d bytes):\n%.2000s", r.code, r.stderr, len(r.stdout), r.stdout)
}

// run runs the binary with args. The NEO4J_* variables of the test's own
// environment are left out (make test exports NEO4J_PASSWORD); env adds
// variables.
func run(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return runStdin(t, nil, env, args...)
}

// runStdin is run with stdin as the binary's standard input.
func runStdin(t *testing.T, stdin io.Reader, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = stdin
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	res := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	default:
		t.Fatalf("run newsgraph %v: %v", args, err)
	}
	return res
}

// doc is the part of an extract line the tests look at.
type doc struct {
	ID       string `json:"id"`
	Source   string `json:"source"`
	Title    string `json:"title"`
	Entities []struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Mentions []span `json:"mentions"`
	} `json:"entities"`
	Attributions []struct {
		Speaker *string `json:"speaker"`
		Source  span    `json:"source"`
		Cue     span    `json:"cue"`
		Content span    `json:"content"`
	} `json:"attributions"`
}

type span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// docs parses extract output.
func docs(t *testing.T, stdout string) []doc {
	t.Helper()
	var out []doc
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if line == "" {
			continue
		}
		var d doc
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("extract output line is not JSON: %v: %.200s", err, line)
		}
		out = append(out, d)
	}
	return out
}

// bySource indexes docs by their source.
func bySource(ds []doc) map[string]doc {
	m := map[string]doc{}
	for _, d := range ds {
		m[d.Source] = d
	}
	return m
}

// input returns the text a doc's offsets point into: the file's bytes, or
// for "FILE.jsonl:N" the decoded text (or body) of line N.
func input(t *testing.T, source string) string {
	t.Helper()
	if i := strings.LastIndex(source, ".jsonl:"); i >= 0 {
		path := source[:i+len(".jsonl")]
		var n int
		if _, err := fmt.Sscan(source[i+len(".jsonl:"):], &n); err != nil {
			t.Fatalf("source %q: %v", source, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		var rec struct{ Text, Body string }
		if err := json.Unmarshal([]byte(lines[n-1]), &rec); err != nil {
			t.Fatalf("%s: %v", source, err)
		}
		if rec.Text != "" {
			return rec.Text
		}
		return rec.Body
	}
	data, err := os.ReadFile(source)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// checkOffsets: every span of d slices its input to its own text.
func checkOffsets(t *testing.T, d doc) {
	t.Helper()
	text := input(t, d.Source)
	check := func(what string, s span) {
		if s.Start < 0 || s.End < s.Start || s.End > len(text) {
			t.Errorf("%s: %s [%d,%d) outside the input (%d bytes)", d.Source, what, s.Start, s.End, len(text))
			return
		}
		if text[s.Start:s.End] != s.Text {
			t.Errorf("%s: %s [%d,%d) is %q in the input, %q in the output", d.Source, what, s.Start, s.End, text[s.Start:s.End], s.Text)
		}
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			check("mention of "+e.ID, m)
		}
	}
	for _, a := range d.Attributions {
		check("attribution source", a.Source)
		check("cue", a.Cue)
		check("content", a.Content)
	}
}

// copyFile copies src into dir and returns the new path.
func copyFile(t *testing.T, src, dir string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, filepath.Base(src), data)
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// linesWith returns the lines of s that contain sub.
func linesWith(s, sub string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return out
}
