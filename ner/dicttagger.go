package ner

import "strings"

// DictTagger tags the names it knows (name as its words joined by spaces →
// "PER", "ORG", "LOC" or "MISC"), longest first, up to eight words: a
// stand-in for the trained model, so that tests here and in the packages
// after ner pin down what they do with a tagger's tags.
type DictTagger map[string]string

// TagDocument implements Tagger.
func (d DictTagger) TagDocument(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		tags := make([]string, len(s))
		for j := range tags {
			tags[j] = "O"
		}
		for j := 0; j < len(s); j++ {
			for n := 8; n >= 1; n-- {
				if j+n > len(s) {
					continue
				}
				if typ, ok := d[strings.Join(s[j:j+n], " ")]; ok {
					tags[j] = "B-" + typ
					for k := j + 1; k < j+n; k++ {
						tags[k] = "I-" + typ
					}
					j += n - 1
					break
				}
			}
		}
		out[i] = tags
	}
	return out
}
