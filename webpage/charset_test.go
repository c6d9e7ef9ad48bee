package webpage

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecode(t *testing.T) {
	latin := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(`<html><head><meta charset="shift_jis"></head><body><p>東京の港で新しい船が出航した。</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(`<p>Zoë wrote it.</p>`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, contentType string
		page              []byte
		want, charset     string
		changed, note     bool
	}{
		{"utf-8 as is", "", []byte(`<meta charset="utf-8"><p>Café crème</p>`), "Café crème", "utf-8", false, false},
		{"meta windows-1252", "", latin(`<meta charset="windows-1252"><p>Café “crème”</p>`), "Café “crème”", "windows-1252", true, false},
		{"http-equiv iso-8859-1", "", latin(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café</p>`), "Café", "windows-1252", true, false},
		{"header over meta", "text/html; charset=ISO-8859-1", latin(`<meta charset="utf-8"><p>Café</p>`), "Café", "windows-1252", true, false},
		{"shift_jis", "", []byte(sjis), "東京の港で新しい船が出航した。", "shift_jis", true, false},
		{"utf-16 bom", "", []byte(utf16), "Zoë wrote it.", "utf-16le", true, false},
		{"says windows-1252, is utf-8", "", []byte(`<meta charset="windows-1252"><p>Café crème</p>`), "Café crème", "utf-8", false, true},
		{"says utf-8, is windows-1252", "", latin(`<meta charset="utf-8"><p>Café crème brûlée à la carte</p>`), "Café crème brûlée", "windows-1252", true, true},
		{"utf-8 with a stray byte", "", append([]byte(`<meta charset="utf-8"><p>Café crème brûlée à la carte, déjà vu `), 0xe9, '.'), "déjà vu \ufffd.", "utf-8", true, true},
		{"nothing declared, not utf-8", "", latin(`<p>Café</p>`), "Café", "windows-1252", true, true},
		{"unknown charset", "", []byte(`<meta charset="klingon-8"><p>Café</p>`), "Café", "utf-8", false, true},
	} {
		d, err := Decode(c.page, c.contentType)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !strings.Contains(string(d.Page), c.want) || d.Charset != c.charset || d.Changed != c.changed || (d.Note != "") != c.note {
			t.Errorf("%s: got %q charset %q changed %v note %q; want %q %q %v note %v", c.name, d.Page, d.Charset, d.Changed, d.Note, c.want, c.charset, c.changed, c.note)
		}
	}
}
