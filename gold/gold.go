// Package gold reads the team's hand-made answer files (the seeds' gold.json
// and examples/gold.json) and scores extracted Docs against them: entities by
// canonical name and type, said-about edges (speaker, target), and pairwise
// alias merges. It also scores corpus-scale identity (identity.go): an
// extraction or the graph against an audit of a corpus's most frequent
// entities (groups of names that are one entity, pairs that must stay apart,
// strings that are not entities). It measures the end of the flow, article ->
// ner -> quote -> graph -> loader, and is used by "newsgraph eval".
package gold

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// File is a gold file: articles by file name, and the canonical names.
type File struct {
	Articles  map[string]Article   `json:"articles"`
	Canonical map[string]Canonical `json:"canonical"`
	SameStory []struct {
		Files []string `json:"files"`
	} `json:"same_story"`
}

// Canonical is one canonical entity and the names it goes by.
type Canonical struct {
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// Article is the gold answer for one article.
type Article struct {
	Title              string      `json:"title"`
	Published          string      `json:"published"`
	Credit             string      `json:"credit"`
	Publisher          string      `json:"publisher"`
	URL                string      `json:"url"`
	Boilerplate        []string    `json:"boilerplate"`
	MetadataLines      []string    `json:"metadata_lines"`
	Entities           []Entity    `json:"entities"`
	Optional           []string    `json:"optional"`
	Statements         []Statement `json:"statements"`
	OptionalStatements []Statement `json:"optional_statements"`
}

// Entity is a gold entity of one article.
type Entity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Surface []string `json:"surface"`
	Roles   []string `json:"roles"`
}

// Statement is a gold attribution.
type Statement struct {
	Speaker         *string  `json:"speaker"`
	SpeakerText     string   `json:"speaker_text"`
	Cue             string   `json:"cue"`
	Direct          bool     `json:"direct"`
	Content         string   `json:"content"`
	Targets         []string `json:"targets"`
	OptionalTargets []string `json:"optional_targets"`
	Continuation    bool     `json:"continuation"`
}

// Load reads a gold file.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read gold %s: %w", path, err)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("parse gold %s: %w", path, err)
	}
	return &f, nil
}

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	TP, FP, FN int
	Misses     []string // false negatives, for the report
	Extras     []string // false positives
}

// P is the precision.
func (s PRF) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R is the recall.
func (s PRF) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of P and R.
func (s PRF) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s PRF) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Report is the score of a set of Docs against a gold file.
type Report struct {
	Entities      PRF // (article, canonical name) pairs
	TypedEntities PRF // (article, canonical name, type)
	SaidAbout     PRF // (article, speaker, target) of the attributions that make SAID_ABOUT edges (said_about)
	SaidAboutAll  PRF // the same of every attribution, whatever its confidence
	AliasPairs    PRF // pairs of surface forms in one entity, over the corpus
	Articles      int
}

// Score compares docs (whose Source ends with a gold article's file name)
// with the gold file.
func Score(f *File, docs []graph.Doc) Report {
	var rep Report
	resolve := f.resolver()
	goldCluster := map[string]string{} // surface -> gold canonical
	predCluster := map[string]string{} // surface -> predicted id
	for _, d := range docs {
		name := articleKey(f, d.Source)
		ga, ok := f.Articles[name]
		if !ok {
			continue
		}
		rep.Articles++
		optional := map[string]bool{}
		for _, o := range ga.Optional {
			optional[resolve(o)] = true
		}
		// Entities.
		gold, goldTyped := map[string]bool{}, map[string]bool{}
		for _, e := range ga.Entities {
			gold[e.Name] = true
			goldTyped[e.Name+"/"+e.Type] = true
			for _, s := range e.Surface {
				goldCluster[fold(s)] = e.Name
			}
		}
		pred, predTyped := map[string]bool{}, map[string]bool{}
		idName := map[string]string{}
		for _, e := range d.Entities {
			c := resolveEntity(resolve, e)
			idName[e.ID] = c
			for _, m := range e.Mentions {
				predCluster[fold(m.Text)] = e.ID
			}
			if optional[c] && !gold[c] {
				continue
			}
			pred[c] = true
			predTyped[c+"/"+e.Type] = true
		}
		compare(&rep.Entities, name, gold, pred)
		compare(&rep.TypedEntities, name, goldTyped, predTyped)
		// Said-about edges.
		goldEdges, optEdges := map[string]bool{}, map[string]bool{}
		for _, s := range ga.Statements {
			if s.Speaker == nil {
				continue
			}
			for _, t := range s.Targets {
				goldEdges[*s.Speaker+" -> "+t] = true
			}
			for _, t := range s.OptionalTargets {
				optEdges[*s.Speaker+" -> "+t] = true
			}
		}
		for _, s := range ga.OptionalStatements {
			if s.Speaker == nil {
				continue
			}
			for _, t := range append(append([]string{}, s.Targets...), s.OptionalTargets...) {
				optEdges[*s.Speaker+" -> "+t] = true
			}
		}
		predEdges, allEdges := map[string]bool{}, map[string]bool{}
		for _, a := range d.Attributions {
			if a.Speaker == nil {
				continue
			}
			sp := idName[*a.Speaker]
			for _, t := range a.Targets {
				e := sp + " -> " + idName[t]
				if optEdges[e] && !goldEdges[e] {
					continue
				}
				allEdges[e] = true
				if a.SaidAbout || a.Confidence == nil {
					predEdges[e] = true
				}
			}
		}
		compare(&rep.SaidAbout, name, goldEdges, predEdges)
		compare(&rep.SaidAboutAll, name, goldEdges, allEdges)
	}
	rep.AliasPairs = pairScore(goldCluster, predCluster)
	return rep
}

// resolver maps a name to its gold canonical name, by the canonical map's
// aliases; unknown names map to themselves.
func (f *File) resolver() func(string) string {
	m := map[string]string{}
	for c, v := range f.Canonical {
		m[fold(c)] = c
		for _, a := range v.Aliases {
			m[fold(a)] = c
		}
	}
	return func(s string) string {
		if c, ok := m[fold(s)]; ok {
			return c
		}
		return s
	}
}

func resolveEntity(resolve func(string) string, e graph.Entity) string {
	if c := resolve(e.Name); c != e.Name || len(e.Aliases) == 0 {
		return c
	}
	for _, a := range e.Aliases {
		if c := resolve(a); c != a {
			return c
		}
	}
	return e.Name
}

func articleKey(f *File, source string) string {
	base := filepath.Base(source)
	if _, ok := f.Articles[base]; ok {
		return base
	}
	for k := range f.Articles {
		if strings.HasSuffix(source, k) {
			return k
		}
	}
	return base
}

func compare(s *PRF, article string, gold, pred map[string]bool) {
	for k := range pred {
		if gold[k] {
			s.TP++
		} else {
			s.FP++
			s.Extras = append(s.Extras, article+": "+k)
		}
	}
	for k := range gold {
		if !pred[k] {
			s.FN++
			s.Misses = append(s.Misses, article+": "+k)
		}
	}
	sort.Strings(s.Misses)
	sort.Strings(s.Extras)
}

// pairScore is pairwise clustering precision and recall over the surface
// forms that both clusterings hold.
func pairScore(gold, pred map[string]string) PRF {
	var keys []string
	for k := range gold {
		if _, ok := pred[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var s PRF
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			a, b := keys[i], keys[j]
			g := gold[a] == gold[b]
			p := pred[a] == pred[b]
			switch {
			case g && p:
				s.TP++
			case p:
				s.FP++
				s.Extras = append(s.Extras, a+" = "+b)
			case g:
				s.FN++
				s.Misses = append(s.Misses, a+" = "+b)
			}
		}
	}
	return s
}

func fold(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
