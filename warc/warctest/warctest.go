// Package warctest writes small WARC archives for tests (of package warc,
// of the pipeline reading them, of the command line).
package warctest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"time"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// Record is one record to write. Type is "response" (Block is the whole
// HTTP response: status line, headers, blank line, payload), "request",
// "resource" (Block is the payload, ContentType its type), "metadata" or
// "warcinfo".
type Record struct {
	Type        string
	URI         string
	Date        time.Time
	ContentType string
	Block       string
}

// Response is a response record of an HTML page (200, text/html with the
// given charset, or none when charset is "").
func Response(uri, charset, page string) Record {
	ct := "text/html"
	if charset != "" {
		ct += "; charset=" + charset
	}
	return Record{Type: "response", URI: uri, Date: time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC),
		Block: fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", ct, len(page), page)}
}

// Write writes the records to w as a WARC file, each record gzipped on its
// own when gz (as .warc.gz files are). It returns each record's offset.
func Write(w io.Writer, gz bool, recs ...Record) ([]int64, error) {
	m := gowarc.NewMarshaler()
	var offs []int64
	var off int64
	for i, r := range recs {
		rt := map[string]gowarc.RecordType{"response": gowarc.Response, "request": gowarc.Request, "resource": gowarc.Resource,
			"metadata": gowarc.Metadata, "warcinfo": gowarc.Warcinfo}[r.Type]
		if rt == 0 {
			return nil, fmt.Errorf("record %d: type %q", i, r.Type)
		}
		b := gowarc.NewRecordBuilder(rt)
		if _, err := b.WriteString(r.Block); err != nil {
			return nil, err
		}
		b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", i))
		b.AddWarcHeaderTime(gowarc.WarcDate, r.Date)
		if r.URI != "" {
			b.AddWarcHeader(gowarc.WarcTargetURI, r.URI)
		}
		switch rt {
		case gowarc.Response:
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		case gowarc.Request:
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		case gowarc.Warcinfo:
			b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
		default:
			b.AddWarcHeader(gowarc.ContentType, r.ContentType)
		}
		rec, _, err := b.Build()
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		var buf bytes.Buffer
		if gz {
			zw := gzip.NewWriter(&buf)
			if _, _, err := m.Marshal(zw, rec, 0); err != nil {
				return nil, err
			}
			if err := zw.Close(); err != nil {
				return nil, err
			}
		} else if _, _, err := m.Marshal(&buf, rec, 0); err != nil {
			return nil, err
		}
		rec.Close()
		offs = append(offs, off)
		n, err := w.Write(buf.Bytes())
		off += int64(n)
		if err != nil {
			return nil, err
		}
	}
	return offs, nil
}

// WriteFile writes the records to the file path (see Write).
func WriteFile(path string, gz bool, recs ...Record) ([]int64, error) {
	var buf bytes.Buffer
	offs, err := Write(&buf, gz, recs...)
	if err != nil {
		return nil, err
	}
	return offs, os.WriteFile(path, buf.Bytes(), 0o644)
}
