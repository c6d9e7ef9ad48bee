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
		x.Roles = append(x.Roles, e.Roles...)
		for _, m := range e.Mentions {
			x.Sentences = append(x.Sentences, m.Sentence)
		}
		x.Mentions += len(e.Mentions)
	}
	out := make([]Local, len(keys), len(keys)+len(d.NotEntities))
	for i, k := range keys {
		out[i] = *byKey[k]
	}
	for _, n := range d.NotEntities {
		out = append(out, Local{Type: n.Type, Name: n.Name, NotEntity: n.Class})
	}
	return out
}

// Apply rewrites the entity ids of d with m: every entity keeps its key (Key)
// and the article's own name and type, and takes its corpus entity's id;
// attributions name their speaker and targets by corpus id, and keep the
// keys (SpeakerKey, TargetKeys) so that a loader can map them again.
// Entities whose key is no entity (the corpus condemns its name) go, and
// with them their places as speaker or target.
func Apply(d *graph.Doc, m *Mapping) {
	idOf := map[string]string{}
	gone := map[string]bool{}
	ents := d.Entities[:0]
	for _, e := range d.Entities {
		if e.Key == "" {
			e.Key = e.ID
		}
		x := m.Of(e.Key, e.Type)
		if x.ID == "" {
			gone[e.ID] = true
			continue
		}
		idOf[e.ID] = x.ID
		e.ID = x.ID
		ents = append(ents, e)
	}
	d.Entities = ents
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
			if gone[k] {
				at.Speaker, at.SpeakerKey = nil, ""
			}
		}
		at.TargetKeys = slices.DeleteFunc(slices.Clone(at.Targets), func(t string) bool { return gone[t] })
		targets := make([]string, 0, len(at.Targets))
		for _, t := range at.TargetKeys {
			id := idOf[t]
			if id == "" {
				id = t
			}
			if (at.Speaker == nil || id != *at.Speaker) && !slices.Contains(targets, id) {
				targets = append(targets, id)
			}
		}
		at.Targets = targets
		if at.Speaker == nil || len(targets) == 0 {
			at.SaidAbout = false // its speaker is no entity, or was its only target
		}
	}
}
