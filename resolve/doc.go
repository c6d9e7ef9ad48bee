package resolve

import (
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// DocLocals are the entities of one extracted document by key (Entity.Key,
// or its id when it has none), as a Table reads them.
func DocLocals(d graph.Doc) []Local {
	byKey := map[string]*Local{}
	var keys []string
	for _, e := range d.Entities {
		k := e.Key
		if k == "" {
			k = e.ID
		}
		x := byKey[k]
		if x == nil {
			x = &Local{Key: k, Type: e.Type, Name: e.Name}
			byKey[k] = x
			keys = append(keys, k)
		}
		if len([]rune(e.Name)) > len([]rune(x.Name)) {
			x.Name = e.Name
		}
		x.Aliases = append(x.Aliases, e.Aliases...)
		x.Mentions += len(e.Mentions)
	}
	out := make([]Local, len(keys))
	for i, k := range keys {
		out[i] = *byKey[k]
	}
	return out
}

// Apply rewrites the entity ids of d with m: every entity keeps its key (Key)
// and the article's own name and type, and takes its corpus entity's id;
// attributions name their speaker and targets by corpus id, and keep the
// keys (SpeakerKey, TargetKeys) so that a loader can map them again.
func Apply(d *graph.Doc, m *Mapping) {
	idOf := map[string]string{}
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Key == "" {
			e.Key = e.ID
		}
		x := m.Of(e.Key, e.Type)
		idOf[e.ID] = x.ID
		e.ID = x.ID
	}
	for i := range d.Attributions {
		at := &d.Attributions[i]
		if at.Speaker != nil {
			k := *at.Speaker
			at.SpeakerKey = k
			id := idOf[k]
			if id == "" {
				id = k
			}
			at.Speaker = &id
		}
		at.TargetKeys = at.Targets
		targets := make([]string, 0, len(at.Targets))
		for _, t := range at.Targets {
			id := idOf[t]
			if id == "" {
				id = t
			}
			if (at.Speaker == nil || id != *at.Speaker) && !slices.Contains(targets, id) {
				targets = append(targets, id)
			}
		}
		at.Targets = targets
		if len(targets) == 0 {
			at.SaidAbout = false // its only target was its speaker
		}
	}
}
