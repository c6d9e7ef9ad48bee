// Command newsgraph turns English news articles into an entity knowledge graph
// in Neo4j. See "newsgraph --help" and the README.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/loader"
)

// Exit statuses.
const (
	exitOK          = 0   // everything was used
	exitInputFailed = 1   // some inputs could not be used; the rest were
	exitUsage       = 2   // usage, configuration or connection error
	exitInterrupted = 130 // stopped by Ctrl-C (128+SIGINT, the shells' convention); 143 for SIGTERM
)

// errInputsFailed is returned by a command that finished but skipped inputs.
var errInputsFailed = errors.New("some inputs could not be used")

// errInterrupted is returned (wrapped, with what the interruption left) by a
// command that stopped early because of SIGINT or SIGTERM.
var errInterrupted = errors.New("interrupted")

func main() {
	// Ctrl-C cancels the context: ingest finishes its current batch and stops.
	ctx, cancel := context.WithCancel(context.Background())
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, os.Interrupt, syscall.SIGTERM)
	first := make(chan os.Signal, 1) // the signal that cancelled ctx, or nil
	go func() {
		var s os.Signal
		select {
		case s = <-caught:
			cancel()
		case <-ctx.Done():
		}
		first <- s
	}()
	var prof cpuProfile
	root := newRoot(&prof)
	err := root.ExecuteContext(ctx)
	prof.stop()
	signal.Stop(caught)
	cancel()
	sig := <-first
	if err == nil {
		return
	}
	if !errors.Is(err, errInputsFailed) {
		fmt.Fprintln(os.Stderr, "newsgraph:", message(err))
	}
	os.Exit(exitStatus(err, sig))
}

// exitStatus is the exit status for the error a command returned, given the
// signal that stopped it (nil: none): an interruption exits with 128 plus
// the signal's number (130 for SIGINT, 143 for SIGTERM), as a shell reports
// a process its signal ended.
func exitStatus(err error, sig os.Signal) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInterrupted):
		if sig == syscall.SIGTERM {
			return 128 + int(syscall.SIGTERM)
		}
		return exitInterrupted
	case errors.Is(err, errInputsFailed):
		return exitInputFailed
	default:
		return exitUsage
	}
}

// message is the one line the user reads for err. When the connection to
// Neo4j was lost after connecting (the server stopped mid-ingest), it says
// what that means for the graph and what to do.
func message(err error) string {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if lostConnection(err) {
		msg = "lost the connection to Neo4j: " + msg + ". The batches written before are complete and the one in flight was committed whole or not at all; when the server is back, run the same command again to continue (nothing is counted twice)"
	}
	if errors.Is(err, loader.ErrCountBy) || errors.Is(err, loader.ErrMinConfidence) {
		msg += " (another --database, or a new server; the local server of make demo starts empty after make neo4j-reset, which deletes its database)"
	}
	return msg
}

// lostConnection tells a connection lost while loading from a failure to
// connect at all (loader.ErrUnreachable, which says so itself).
func lostConnection(err error) bool {
	if errors.Is(err, loader.ErrUnreachable) || errors.Is(err, loader.ErrAuth) {
		return false
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var tel *neo4j.TransactionExecutionLimit
	if errors.As(err, &tel) {
		for _, e := range tel.Errors {
			if errors.As(e, &ce) {
				return true
			}
		}
	}
	return false
}

// newRoot is the root command; prof, when not nil, is started by the
// --cpuprofile flag (main stops it).
func newRoot(prof *cpuProfile) *cobra.Command {
	var logLevel string
	if prof == nil {
		prof = &cpuProfile{}
	}
	root := &cobra.Command{
		Use:   "newsgraph",
		Short: "Turn English news articles into an entity knowledge graph in Neo4j",
		Long: `newsgraph reads news articles (.txt, .md, .html, .jsonl, .jsonl.gz, WARC archives
.warc and .warc.gz, http(s) URLs and --urls FILE, folders, stdin),
finds the people, organizations and places in them, who is mentioned with whom and
who said what about whom, and writes the result to Neo4j (ingest) or as JSON Lines
(extract), which load writes to Neo4j later (the same graph as ingest).

Neo4j settings come from NEO4J_URI (default bolt://localhost:7687), NEO4J_USERNAME
(default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j) and NEO4J_TLS_CA (a
CA file for neo4j+s:// and bolt+s:// URIs); the connection flags of the commands that
connect (ingest, load, schema, entities, eval identity --neo4j: --uri, --username,
--password, --database, --tls-ca) override them. The password is never printed.

Exit status: 0 all inputs used; 1 some inputs could not be used (each is reported,
the rest are processed); 2 usage, configuration or connection error; 130 interrupted
by Ctrl-C (SIGINT; 143 for SIGTERM): what was written is complete, run the same
command again to continue.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			var lvl slog.Level
			if err := lvl.UnmarshalText([]byte(logLevel)); err != nil {
				return fmt.Errorf("--log-level: %w", err)
			}
			slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl})))
			return prof.start()
		},
	}
	root.PersistentFlags().StringVar(&logLevel, "log-level", "info", "log level: debug, info, warn, error")
	root.PersistentFlags().StringVar(&prof.path, "cpuprofile", "", "write a Go CPU profile of the command to this file (go tool pprof)")
	root.AddCommand(extractCommand(), ingestCommand(), loadCommand(), exportCommand(), schemaCommand(), entitiesCommand())
	addToolCommands(root)
	root.AddCommand(quoteCommand())
	return root
}
