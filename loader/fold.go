package loader

import "strings"

// foldSpace is s as a Statement shows it: every run of white space (the
// article's hard line breaks, indentation, Unicode spaces) folded to one
// space, and none at either end. The Statement's start and end still point
// at the exact bytes of the input, where the text is as it was written.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
