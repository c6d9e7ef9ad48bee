package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

func main() {
	f, _ := os.Open(os.Args[1])
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	t := resolve.NewTable(graph.DefaultResolver())
	arts := map[string]int{}
	for sc.Scan() {
		var d graph.Doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			panic(err)
		}
		var ls []resolve.Local
		for _, e := range d.Entities {
			ls = append(ls, resolve.Local{Key: e.ID, Type: e.Type, Name: e.Name, Aliases: e.Aliases, Mentions: len(e.Mentions)})
			arts[e.ID]++
		}
		t.Add(d.ID, ls)
	}
	m := t.Resolve()
	ent := map[string]int{}
	m.Keys(func(k string, id resolve.Identity) { ent[id.ID] += arts[k] })
	type kv struct{ k string; v int }
	var xs []kv
	for k, v := range ent { xs = append(xs, kv{k, v}) }
	sort.Slice(xs, func(i, j int) bool { return xs[i].v > xs[j].v || xs[i].v == xs[j].v && xs[i].k < xs[j].k })
	n := 0
	for _, x := range xs {
		if n >= 300 { break }
		n++
		id := m.Of(x.k, "")
		name := ""
		for _, k := range append(m.Members(x.k), x.k) { name = m.Of(k, "").Name; break }
		_ = id
		fmt.Printf("%d %s %d %q %v\n", n, x.k, x.v, name, m.Evidence(x.k))
	}
	fmt.Println("keys", m.Len(), "entities", len(ent))
}
