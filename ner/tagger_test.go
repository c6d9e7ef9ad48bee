package ner

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/internal/shareddata"
)

func mustModel(tb testing.TB) *Model {
	tb.Helper()
	m, err := DefaultModel()
	if err != nil {
		tb.Fatalf("DefaultModel: %v", err)
	}
	return m
}

// Hand-written sentences (not from any corpus) with the tags we expect.
var handTagged = []struct{ text, tags string }{
	{"Vladimir Putin met NATO officials in Kiev .", "B-PER I-PER O B-ORG O O B-LOC O"},
	{"Angela Merkel flew to Washington on Tuesday .", "B-PER I-PER O O B-LOC O O O"},
	{"The United Nations said on Friday that aid reached Syria .", "O B-ORG I-ORG O O O O O O B-LOC O"},
	{"Microsoft said on Tuesday it would cut 10,000 jobs in New York .", "B-ORG O O O O O O O O O B-LOC I-LOC O"},
	{"“ We will not give up , ” said Volodymyr Zelenskiy .", "O O O O O O O O O B-PER I-PER O"},
	{"Boris Johnson ’s government", "B-PER I-PER O O"},
}

func TestTagHandWritten(t *testing.T) {
	m := mustModel(t)
	for _, c := range handTagged {
		got := strings.Join(m.Tag(strings.Fields(c.text)), " ")
		if got != c.tags {
			t.Errorf("%s\n got %s\nwant %s", c.text, got, c.tags)
		}
	}
}

func TestTagDocumentConsistent(t *testing.T) {
	m := mustModel(t)
	doc := [][]string{
		strings.Fields("Kremlin spokesman Dmitry Peskov told reporters in Moscow that talks would go on ."),
		strings.Fields("Peskov did not say when ."),
	}
	got := m.TagDocument(doc)
	if len(got) != 2 || len(got[0]) != len(doc[0]) || len(got[1]) != len(doc[1]) {
		t.Fatalf("shape mismatch: %v", got)
	}
	if got[0][3] != "I-PER" || got[1][0] != "B-PER" {
		t.Errorf("Peskov: %v / %v", got[0], got[1])
	}
	if got[0][7] != "B-LOC" {
		t.Errorf("Moscow: %v", got[0])
	}
	if r := m.TagDocument(nil); len(r) != 0 {
		t.Errorf("TagDocument(nil) = %v", r)
	}
	if r := m.Tag(nil); len(r) != 0 {
		t.Errorf("Tag(nil) = %v", r)
	}
}

// Curly and straight quotes must give the same tags.
func TestCurlyQuotes(t *testing.T) {
	m := mustModel(t)
	a := m.Tag(strings.Fields("“ It is over , ” Mr. O’Neill told the BBC ’s reporter ."))
	b := m.Tag(strings.Fields("\" It is over , \" Mr. O'Neill told the BBC 's reporter ."))
	if !reflect.DeepEqual(a, b) {
		t.Errorf("curly %v\nplain %v", a, b)
	}
}

func TestConcurrentTagging(t *testing.T) {
	m := mustModel(t)
	want := m.Tag(strings.Fields(handTagged[0].text))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if got := m.Tag(strings.Fields(handTagged[0].text)); !reflect.DeepEqual(got, want) {
					errs <- strings.Join(got, " ")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Tag gave %s", e)
	}
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	f, err := os.Open("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadConll(f)
	if err != nil {
		t.Fatal(err)
	}
	train := func() []byte {
		m, err := Train(context.Background(), docs, TrainOptions{Epochs: 5, Seed: 7, History: true, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := train(), train()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with the same seed gave different models")
	}
	m, err := LoadModel(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	// the model learned its training data
	got := m.TagDocument(docs[1].Tokens())
	if want := docs[1].Column(-1); !reflect.DeepEqual(got, want) {
		t.Errorf("tiny model on its training data: %v, want %v", got, want)
	}
}

// The embedded model on the CoNLL-2003 English test set (eng.testb). The floor
// is a little under the measured score (see docs/ner.md), so that a
// regression fails the test.
func TestConllTestSetF1(t *testing.T) {
	docs := conllTestSet(t)
	s := EvalConll(mustModel(t), docs, false)
	var buf bytes.Buffer
	_ = s.Report(&buf)
	t.Logf("eng.testb:\n%s", buf.String())
	const floor = 0.89
	if f1 := s.Micro().F1(); f1 < floor {
		t.Errorf("micro F1 %.4f below floor %.2f", f1, floor)
	}
	for typ, min := range map[string]float64{"PER": 0.92, "ORG": 0.82, "LOC": 0.90} {
		if f1 := s.ByType[typ].F1(); f1 < min {
			t.Errorf("%s F1 %.4f below floor %.2f", typ, f1, min)
		}
	}
	// The junk stage, as extraction runs it, must not cost F1: what it
	// clears is almost never a gold span.
	j := EvalConll(DefaultJunkFilter().Tagger(mustModel(t)), docs, false)
	if bare, junk := s.Micro().F1(), j.Micro().F1(); junk < bare-0.001 {
		t.Errorf("micro F1 with the junk stage %.4f, bare tagger %.4f", junk, bare)
	}
}

// conllTestSet reads the CoNLL-2003 English test set from the shared data.
func conllTestSet(tb testing.TB) []ConllDoc {
	tb.Helper()
	path := shareddata.Path(tb, "data/conll2003/eng.testb.test.iob2.txt")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadConll(f)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkTag tags the CoNLL-2003 test set document by document and reports
// tokens per second (one goroutine) and allocations per token.
func BenchmarkTag(b *testing.B) {
	docs := conllTestSet(b)
	m := mustModel(b)
	toks := make([][][]string, len(docs))
	n := 0
	for i := range docs {
		toks[i] = docs[i].Tokens()
		for _, s := range toks[i] {
			n += len(s)
		}
	}
	b.ReportAllocs()
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range toks {
			m.TagDocument(d)
		}
	}
	b.StopTimer()
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n*b.N)/sec, "tokens/s")
	// CPU time is what one core spends, whatever else the machine runs.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n*b.N)/cpu, "tokens/cpu-s")
	}
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		for _, d := range toks {
			m.TagDocument(d)
		}
	}))/float64(n), "allocs/token")
}

// cpuSeconds is the user+system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
