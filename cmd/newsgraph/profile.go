package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// cpuProfile is the --cpuprofile flag: a Go CPU profile of the whole
// command, for "go tool pprof" (docs/benchmarks.md, "Where the CPU goes").
type cpuProfile struct {
	path string
	f    *os.File
}

// start begins profiling when the flag was given.
func (p *cpuProfile) start() error {
	if p.path == "" {
		return nil
	}
	f, err := os.Create(p.path)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.f = f
	return nil
}

// stop ends the profile and closes its file; it is called once the command
// returned, whatever it returned.
func (p *cpuProfile) stop() {
	if p.f == nil {
		return
	}
	pprof.StopCPUProfile()
	if err := p.f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "newsgraph: --cpuprofile:", err)
	}
	p.f = nil
}
