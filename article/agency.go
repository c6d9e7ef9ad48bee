package article

import (
	"net/url"
	"regexp"
	"strings"
)

// agencies lists patterns for wire agencies' names with the short credit
// used in Article.Credit. Longer names come first: at one position the first
// alternative wins.
var agencies = []struct {
	pattern string
	name    string
}{
	{`(?i:Agence France[- ]Presse)`, "AFP"},
	{`(?i:Australian Associated Press)`, "AAP"},
	{`(?i:Associated Press)`, "AP"},
	{`(?i:Press Trust of India)`, "PTI"},
	{`(?i:United Press International)`, "UPI"},
	{`(?i:Deutsche Presse[- ]Agentur)`, "dpa"},
	{`AFP`, "AFP"},
	{`AAP`, "AAP"},
	{`AP`, "AP"},
	{`(?i:Reuters?)`, "Reuters"},
	{`dpa|DPA`, "dpa"},
	{`EFE`, "EFE"},
	{`ANSA`, "ANSA"},
	{`Xinhua`, "Xinhua"},
	{`Interfax`, "Interfax"},
	{`TASS`, "TASS"},
	{`PTI`, "PTI"},
	{`IANS`, "IANS"},
	{`ANI`, "ANI"},
	{`UPI`, "UPI"},
	{`Kyodo`, "Kyodo"},
	{`Yonhap`, "Yonhap"},
	{`Bloomberg`, "Bloomberg"},
	{`Anadolu`, "Anadolu"},
	{`Bernama`, "Bernama"},
}

// reAgency matches any agency name; group i+1 is agencies[i].
var reAgency = func() *regexp.Regexp {
	parts := make([]string, len(agencies))
	for i, ag := range agencies {
		parts[i] = "(" + ag.pattern + ")"
	}
	return regexp.MustCompile(`\b(?:` + strings.Join(parts, "|") + `)\b`)
}()

// agencyIn returns the first wire agency named in s, or "".
func agencyIn(s string) string {
	m := reAgency.FindStringSubmatchIndex(s)
	if m == nil {
		return ""
	}
	for i := range agencies {
		if m[2*i+2] >= 0 {
			return agencies[i].name
		}
	}
	return ""
}

// dropAgencies removes every agency name from s.
func dropAgencies(s string) string { return reAgency.ReplaceAllString(s, "") }

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
