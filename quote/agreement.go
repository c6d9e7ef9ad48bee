package quote

import (
	"archive/tar"
	"bufio"
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ReleaseArticle is one article of the PolNeAR release tarball with the
// attributions of each annotator who annotated it.
type ReleaseArticle struct {
	Compartment, Name, Text string
	// Annotators are the annotator ids, sorted; Annotations[i] are the
	// attributions of Annotators[i].
	Annotators  []string
	Annotations [][]GoldAttribution
}

// ReadRelease reads the PolNeAR release tarball
// (polnear-v1.0.0-train-dev.tar.gz: data/<compartment>/text/NAME.txt and
// data/<compartment>/attributions/NAME_<annotator>.ann in brat standoff),
// every annotator file of every article, sorted by compartment and name.
// With compartments given ("train", "dev", "annotator-training"), only
// articles of those.
func ReadRelease(ctx context.Context, tarball string, compartments ...string) ([]ReleaseArticle, error) {
	r, closeFn, err := openData(tarball)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	texts := map[string]string{}           // compartment/NAME -> text
	anns := map[string]map[string]string{} // compartment/NAME -> annotator -> .ann
	tr := tar.NewReader(r)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", tarball, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		dir, file := path.Split(h.Name)
		parts := strings.Split(strings.Trim(dir, "/"), "/")
		if len(parts) < 3 {
			continue
		}
		comp, kind := parts[len(parts)-2], parts[len(parts)-1]
		if len(compartments) > 0 && !slices.Contains(compartments, comp) {
			continue
		}
		switch {
		case kind == "text" && strings.HasSuffix(file, ".txt"):
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, fmt.Errorf("read %s in %s: %w", h.Name, tarball, err)
			}
			texts[comp+"/"+strings.TrimSuffix(file, ".txt")] = string(b)
		case kind == "attributions" && strings.HasSuffix(file, ".ann"):
			base := strings.TrimSuffix(file, ".ann")
			i := strings.LastIndexByte(base, '_')
			if i < 0 {
				continue
			}
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, fmt.Errorf("read %s in %s: %w", h.Name, tarball, err)
			}
			key := comp + "/" + base[:i]
			if anns[key] == nil {
				anns[key] = map[string]string{}
			}
			anns[key][base[i+1:]] = string(b)
		}
	}
	keys := make([]string, 0, len(anns))
	for k := range anns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []ReleaseArticle
	for _, k := range keys {
		text, ok := texts[k]
		if !ok {
			continue
		}
		comp, name, _ := strings.Cut(k, "/")
		ra := ReleaseArticle{Compartment: comp, Name: name, Text: text}
		for a := range anns[k] {
			ra.Annotators = append(ra.Annotators, a)
		}
		sort.Strings(ra.Annotators)
		for _, a := range ra.Annotators {
			ats, err := ParseBrat(text, anns[k][a])
			if err != nil {
				return nil, fmt.Errorf("%s_%s.ann in %s: %w", k, a, tarball, err)
			}
			ra.Annotations = append(ra.Annotations, ats)
		}
		out = append(out, ra)
	}
	return out, nil
}

// Agreement scores the annotators of a PolNeAR release against each other
// with the same spans, normalization and matching as Evaluate: for every
// article that more than one annotator annotated, each annotator's
// attributions are scored as predictions against each other annotator's as
// gold, and the tallies are summed over all ordered pairs (so precision and
// recall are equal). It reads the release tarball with ReadRelease. The
// result is the human ceiling of the task under this metric. It returns the
// report and the number of annotator pairs it used.
//
// When predict is not nil, the second report scores its attributions of
// each of those articles against every annotator of the article in turn:
// the model measured the same way as the humans.
func Agreement(ctx context.Context, tarball string, predict func(text string) []GoldAttribution, compartments ...string) (humans, model Report, pairs int, err error) {
	humans, model = newReport(), newReport()
	arts, err := ReadRelease(ctx, tarball, compartments...)
	if err != nil {
		return humans, model, 0, err
	}
	for _, ra := range arts {
		sets := ra.Annotations
		if len(sets) < 2 {
			continue
		}
		humans.Articles++
		for i := range sets {
			for j := range sets {
				if i != j {
					pairs++
					humans.add(ra.Text, sets[i], sets[j])
				}
			}
		}
		if predict != nil {
			pred := predict(ra.Text)
			for i := range sets {
				model.add(ra.Text, sets[i], pred)
			}
			model.Articles++
		}
	}
	return humans, model, pairs, nil
}

// ParseBrat reads the attributions of a brat standoff (.ann) file of
// PolNeAR: text-bound annotations "T<n>\t<Label> <start> <end>[;<start>
// <end>]\t<text>" with character (code point) offsets into text, and events
// "E<n>\tAttribution:T<a> Source:T<b> Cue:T<c> Content:T<d> [Content2:T<e>]".
// Offsets are
// returned as byte offsets of text.
func ParseBrat(text, ann string) ([]GoldAttribution, error) {
	// Code point offset -> byte offset.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	spans := map[string][]Interval{}
	var events []string
	sc := bufio.NewScanner(strings.NewReader(ann))
	sc.Buffer(make([]byte, 1<<16), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		id, _, _ := strings.Cut(l, "\t")
		switch {
		case !isBratID(id):
			// A line of a text field that holds a newline.
			continue
		case id[0] == 'T':
			fs := strings.SplitN(l, "\t", 3)
			if len(fs) < 2 {
				return nil, fmt.Errorf("line %d: malformed text-bound annotation", line)
			}
			sp := strings.IndexByte(fs[1], ' ')
			if sp < 0 {
				return nil, fmt.Errorf("line %d: no offsets", line)
			}
			var iv []Interval
			for _, frag := range strings.Split(fs[1][sp+1:], ";") {
				se := strings.Fields(frag)
				if len(se) != 2 {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, frag)
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(byteAt) {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, frag)
				}
				iv = append(iv, Interval{byteAt[s], byteAt[e]})
			}
			spans[fs[0]] = iv
		case id[0] == 'E':
			if fs := strings.SplitN(l, "\t", 2); len(fs) == 2 {
				events = append(events, fs[1])
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []GoldAttribution
	for _, ev := range events {
		var g GoldAttribution
		for _, arg := range strings.Fields(ev) {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			// A second argument of a role is numbered: "Content2:T22".
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				g.Source = append(g.Source, spans[id]...)
			case "Cue":
				g.Cue = append(g.Cue, spans[id]...)
			case "Content":
				g.Content = append(g.Content, spans[id]...)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// isBratID reports whether s is an annotation id: a letter and digits
// ("T12", "E3").
func isBratID(s string) bool {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
