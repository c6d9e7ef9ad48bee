package loader

import (
	"context"
	"sort"
	"testing"
	"time"
)

func TestZZTiming(t *testing.T) {
	l := freshLoader(t)
	if err := l.Schema(context.Background()); err != nil {
		t.Fatal(err)
	}
	docs := syntheticDocs(3000, 99)
	load(t, l, docs[:500]) // warm up
	tot := map[string]time.Duration{}
	last, lastName := time.Now(), "start"
	testHookBeforeRun = func(name string) error {
		tot[lastName] += time.Since(last)
		last, lastName = time.Now(), name
		return nil
	}
	defer func() { testHookBeforeRun = nil }()
	t1 := time.Now()
	for i := 500; i < 3000; i += 500 {
		lastName = "start"
		last = time.Now()
		load(t, l, docs[i:i+500])
		tot[lastName] += time.Since(last)
	}
	t.Logf("load %v", time.Since(t1))
	var ks []string
	for k := range tot {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return tot[ks[i]] > tot[ks[j]] })
	for _, k := range ks {
		t.Logf("%-30s %v", k, tot[k])
	}
}
