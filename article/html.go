package article

func parseHTML(source string, data []byte) *Article {
	return parseText(source, string(data), hints{})
}
