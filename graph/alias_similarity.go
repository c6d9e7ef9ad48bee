package graph

// SpellingThreshold is the Jaro-Winkler similarity of two surnames from
// which two person names with the same first name, whose surnames have the
// same transliteration skeleton, are taken as spellings of one name
// ("Volodymyr Zelenskiy" and "Volodymyr Zelenskyy", "Muammar Gaddafi" and
// "Muammar Qaddafi"; see SpellingScore). It was measured on the 109 labelled
// pairs of testdata/name_pairs.tsv (go test ./graph -run
// TestSpellingThreshold -v prints the table): the lowest threshold with no
// false merge. At 0.90 precision is 1.000 and recall 0.765 (0.958 on the
// transliteration pairs, 0.577 on the CoNLL pairs, which are mostly typing
// errors such as "Stranksy"); at 0.83 precision falls to 0.978 (John Smith =
// John Smyth) for recall 0.863.
const SpellingThreshold = 0.90

// jaroWinkler is the Jaro-Winkler similarity of a and b (on runes), with the
// usual prefix scale 0.1 and a prefix of at most four runes.
func jaroWinkler(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	window := max(len(ra), len(rb))/2 - 1
	if window < 0 {
		window = 0
	}
	ma := make([]bool, len(ra))
	mb := make([]bool, len(rb))
	m := 0
	for i := range ra {
		lo, hi := max(0, i-window), min(len(rb)-1, i+window)
		for j := lo; j <= hi; j++ {
			if !mb[j] && ra[i] == rb[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, j := 0, 0
	for i := range ra {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if ra[i] != rb[j] {
			t++
		}
		j++
	}
	fm := float64(m)
	jaro := (fm/float64(len(ra)) + fm/float64(len(rb)) + (fm-float64(t)/2)/fm) / 3
	p := 0
	for p < 4 && p < len(ra) && p < len(rb) && ra[p] == rb[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}
