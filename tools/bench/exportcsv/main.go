// Command exportcsv turns "newsgraph extract" output (JSON Lines) into the
// neo4j-admin import CSV files with loader.ExportCSV and prints the import
// command: the export half of the export-plus-import benchmark in
// docs/benchmarks.md, until the CLI has "newsgraph export".
//
//	go run ./tools/bench/exportcsv -o DIR [EXTRACT.jsonl]   (default: standard input)
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
)

func main() {
	out := flag.String("o", "export", "directory for the CSV files")
	db := flag.String("database", "neo4j", "database name for the printed command")
	flag.Parse()
	if err := run(*out, *db, flag.Args()); err != nil {
		slog.Error("exportcsv", "err", err)
		os.Exit(1)
	}
}

func run(dir, db string, args []string) error {
	var in io.Reader = os.Stdin
	if len(args) > 0 {
		f, err := os.Open(args[0])
		if err != nil {
			return fmt.Errorf("open %s: %w", args[0], err)
		}
		defer f.Close()
		in = f
	}
	start := time.Now()
	var readErr error
	docs := func(yield func(graph.Doc) bool) {
		dec := json.NewDecoder(bufio.NewReaderSize(in, 1<<20))
		for {
			var d graph.Doc
			if err := dec.Decode(&d); err == io.EOF {
				return
			} else if err != nil {
				readErr = fmt.Errorf("read extract output: %w", err)
				return
			}
			if !yield(d) {
				return
			}
		}
	}
	ex, err := loader.ExportCSV(dir, docs, loader.ExportOptions{})
	if err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	fmt.Fprintf(os.Stderr, "exported %d articles to %s in %.1f s\n", ex.Articles, dir, time.Since(start).Seconds())
	fmt.Println(ex.Command(db))
	return nil
}
