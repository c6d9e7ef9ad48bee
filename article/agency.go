package article

import (
	"net/url"
	"regexp"
	"strings"
)

// agencies maps a pattern for a wire agency's name to the short credit used
// in Article.Credit. Order matters: longer names first.
var agencies = []struct {
	re   *regexp.Regexp
	name string
}{
	{regexp.MustCompile(`(?i)\bAgence France[- ]Presse\b`), "AFP"},
	{regexp.MustCompile(`(?i)\bAssociated Press\b`), "AP"},
	{regexp.MustCompile(`(?i)\bAustralian Associated Press\b`), "AAP"},
	{regexp.MustCompile(`(?i)\bPress Trust of India\b`), "PTI"},
	{regexp.MustCompile(`(?i)\bUnited Press International\b`), "UPI"},
	{regexp.MustCompile(`(?i)\bDeutsche Presse[- ]Agentur\b`), "dpa"},
	{regexp.MustCompile(`\bAFP\b`), "AFP"},
	{regexp.MustCompile(`\bAAP\b`), "AAP"},
	{regexp.MustCompile(`\bAP\b`), "AP"},
	{regexp.MustCompile(`(?i)\bReuters?\b`), "Reuters"},
	{regexp.MustCompile(`\b(?:dpa|DPA)\b`), "dpa"},
	{regexp.MustCompile(`\bEFE\b`), "EFE"},
	{regexp.MustCompile(`\bANSA\b`), "ANSA"},
	{regexp.MustCompile(`\bXinhua\b`), "Xinhua"},
	{regexp.MustCompile(`\bInterfax\b`), "Interfax"},
	{regexp.MustCompile(`\bTASS\b`), "TASS"},
	{regexp.MustCompile(`\bPTI\b`), "PTI"},
	{regexp.MustCompile(`\bIANS\b`), "IANS"},
	{regexp.MustCompile(`\bANI\b`), "ANI"},
	{regexp.MustCompile(`\bUPI\b`), "UPI"},
	{regexp.MustCompile(`\bKyodo\b`), "Kyodo"},
	{regexp.MustCompile(`\bYonhap\b`), "Yonhap"},
	{regexp.MustCompile(`\bBloomberg\b`), "Bloomberg"},
	{regexp.MustCompile(`\bAnadolu\b`), "Anadolu"},
	{regexp.MustCompile(`\bBernama\b`), "Bernama"},
}

// agencyIn returns the first wire agency named in s, or "".
func agencyIn(s string) string {
	best, bestAt := "", len(s)+1
	for _, ag := range agencies {
		if loc := ag.re.FindStringIndex(s); loc != nil && loc[0] < bestAt {
			best, bestAt = ag.name, loc[0]
		}
	}
	return best
}

// knownHosts names the publishers of some news sites; other hosts fall back
// to the host name itself (without "www."), see publisherFromHost.
var knownHosts = map[string]string{
	"themoscowtimes.com":    "The Moscow Times",
	"indiatvnews.com":       "India TV",
	"24newshd.tv":           "24 News HD",
	"reuters.com":           "Reuters",
	"apnews.com":            "AP",
	"afp.com":               "AFP",
	"bbc.co.uk":             "BBC",
	"bbc.com":               "BBC",
	"nytimes.com":           "The New York Times",
	"washingtonpost.com":    "The Washington Post",
	"wsj.com":               "The Wall Street Journal",
	"theguardian.com":       "The Guardian",
	"guardian.co.uk":        "The Guardian",
	"cnn.com":               "CNN",
	"foxnews.com":           "Fox News",
	"nbcnews.com":           "NBC News",
	"cbsnews.com":           "CBS News",
	"abcnews.go.com":        "ABC News",
	"npr.org":               "NPR",
	"politico.com":          "Politico",
	"politico.eu":           "Politico Europe",
	"bloomberg.com":         "Bloomberg",
	"ft.com":                "Financial Times",
	"economist.com":         "The Economist",
	"aljazeera.com":         "Al Jazeera",
	"france24.com":          "France 24",
	"dw.com":                "DW",
	"euronews.com":          "Euronews",
	"rt.com":                "RT",
	"tass.com":              "TASS",
	"interfax.ru":           "Interfax",
	"kyivindependent.com":   "The Kyiv Independent",
	"kyivpost.com":          "Kyiv Post",
	"timesofindia.com":      "The Times of India",
	"indiatimes.com":        "The Times of India",
	"hindustantimes.com":    "Hindustan Times",
	"thehindu.com":          "The Hindu",
	"ndtv.com":              "NDTV",
	"indianexpress.com":     "The Indian Express",
	"dawn.com":              "Dawn",
	"scmp.com":              "South China Morning Post",
	"japantimes.co.jp":      "The Japan Times",
	"abc.net.au":            "ABC News (Australia)",
	"smh.com.au":            "The Sydney Morning Herald",
	"cbc.ca":                "CBC",
	"globalnews.ca":         "Global News",
	"independent.co.uk":     "The Independent",
	"telegraph.co.uk":       "The Telegraph",
	"dailymail.co.uk":       "Daily Mail",
	"news.sky.com":          "Sky News",
	"usatoday.com":          "USA Today",
	"latimes.com":           "Los Angeles Times",
	"axios.com":             "Axios",
	"thehill.com":           "The Hill",
	"voanews.com":           "Voice of America",
	"rferl.org":             "Radio Free Europe/Radio Liberty",
	"yahoo.com":             "Yahoo News",
	"news.yahoo.com":        "Yahoo News",
	"straitstimes.com":      "The Straits Times",
	"arabnews.com":          "Arab News",
	"timesofisrael.com":     "The Times of Israel",
	"haaretz.com":           "Haaretz",
	"jpost.com":             "The Jerusalem Post",
	"theconversation.com":   "The Conversation",
	"newsweek.com":          "Newsweek",
	"time.com":              "Time",
	"businessinsider.com":   "Business Insider",
	"cnbc.com":              "CNBC",
	"express.co.uk":         "Daily Express",
	"mirror.co.uk":          "Daily Mirror",
	"lemonde.fr":            "Le Monde",
	"spiegel.de":            "Der Spiegel",
	"meduza.io":             "Meduza",
	"euractiv.com":          "Euractiv",
	"devdiscourse.com":      "Devdiscourse",
	"thestar.com":           "Toronto Star",
	"irishtimes.com":        "The Irish Times",
	"nzherald.co.nz":        "The New Zealand Herald",
	"geo.tv":                "Geo News",
	"tribune.com.pk":        "The Express Tribune",
	"thenationalnews.com":   "The National",
	"ukrinform.net":         "Ukrinform",
	"pravda.com.ua":         "Ukrainska Pravda",
	"moscowtimes.ru":        "The Moscow Times",
	"themoscowtimes.ru":     "The Moscow Times",
	"english.alarabiya.net": "Al Arabiya",
}

// hostOf returns the lower-case host of a URL or bare host name, without
// "www." and without a port.
func hostOf(s string) string {
	s = strings.TrimSpace(strings.Trim(s, "<>"))
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(h, "www.")
}

// publisherFromHost names the publisher of a host: a known name when the host
// (or a parent domain) is in the table, else the host itself.
func publisherFromHost(host string) string {
	if host == "" || !strings.Contains(host, ".") {
		return ""
	}
	for h := host; strings.Contains(h, "."); h = h[strings.IndexByte(h, '.')+1:] {
		if name, ok := knownHosts[h]; ok {
			return name
		}
	}
	return host
}
