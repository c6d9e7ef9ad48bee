package main

import (
	"testing"

	"github.com/spf13/cobra"
)

// TestConnectionFlags: every command that connects to Neo4j (has --uri) has
// the whole connection-flag set, --tls-ca included, and the root has no
// --tls-ca of its own.
func TestConnectionFlags(t *testing.T) {
	root := newRoot(nil)
	if root.PersistentFlags().Lookup("tls-ca") != nil {
		t.Errorf("--tls-ca is still a flag of the root command")
	}
	var connecting []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("uri") != nil {
			connecting = append(connecting, c.Name())
			for _, f := range []string{"username", "password", "database", "tls-ca"} {
				if c.Flags().Lookup(f) == nil {
					t.Errorf("%s has --uri but no --%s", c.CommandPath(), f)
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, want := range []string{"ingest", "load", "schema", "entities", "identity"} {
		found := false
		for _, c := range connecting {
			found = found || c == want
		}
		if !found {
			t.Errorf("%s has no connection flags (commands with them: %v)", want, connecting)
		}
	}
}

// TestTLSCAFlagOverridesEnv: NEO4J_TLS_CA is the default of --tls-ca; the
// flag wins.
func TestTLSCAFlagOverridesEnv(t *testing.T) {
	t.Setenv("NEO4J_TLS_CA", "/from/env.pem")
	var f dbFlags
	if got := f.config().TLSCAFile; got != "/from/env.pem" {
		t.Errorf("no flag: TLSCAFile = %q, want the variable's", got)
	}
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	f.register(cmd)
	cmd.SetArgs([]string{"--tls-ca", "/from/flag.pem"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got := f.config().TLSCAFile; got != "/from/flag.pem" {
		t.Errorf("--tls-ca: TLSCAFile = %q, want the flag's", got)
	}
}
