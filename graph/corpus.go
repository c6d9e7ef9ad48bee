package graph

// What corpus-level resolution (package resolve) asks of one article's
// resolver: the key a name alone gets, whether the gazetteer or the user's
// alias file fixes an entity, and the user's split rules.

// Key is the id an article gives an entity of type typ that it calls only
// name: the id of a standalone short form, acronym or surname.
func (r *Resolver) Key(typ, name string) string {
	return r.Resolve(typ, name, nil).ID
}

// Listed reports whether name of type typ is an entity the gazetteer or the
// alias file names itself (a country, a listed city, a curated organization
// or person, a user's merge target). Corpus resolution never merges a listed
// entity into another one: the gazetteer's identity wins.
func (r *Resolver) Listed(typ, name string) bool {
	if _, _, ok := r.al.mergeTo(typ, name); ok {
		return true
	}
	e, _ := r.gaz.lookup(typ, name)
	return e != nil && nameKey(e.name) == nameKey(name)
}

// Forbids reports whether the user's alias file keeps a and b apart (a
// "split" rule, in either order).
func (r *Resolver) Forbids(a, b string) bool {
	return r.al.forbids(a, b) || r.al.forbids(b, a)
}

// Prefix is the id prefix of an entity type ("person", "org", "loc").
func Prefix(typ string) string { return typePrefix(typ) }
