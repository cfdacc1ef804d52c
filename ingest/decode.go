package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decoded is a file's content as UTF-8 text.
type decoded struct {
	Text     string
	Encoding string // "utf-8", "utf-8 (BOM)", "utf-16le (BOM)", "utf-16be (BOM)", "windows-1252"
	Warning  string // non-empty when the bytes were not what they claimed
}

// decodeError is a file whose bytes cannot be read as text.
type decodeError struct{ reason string }

func (e *decodeError) Error() string { return e.reason }

// decodeText turns raw bytes into UTF-8 text: UTF-8 (with or without BOM) as
// is, UTF-16 with a BOM converted, anything else that is not valid UTF-8
// decoded as Windows-1252 (a superset of Latin-1 for printable text) with a
// warning. Bytes with a NUL that are not UTF-16 are refused as binary.
// Line endings are normalised to \n.
func decodeText(b []byte) (decoded, error) {
	var d decoded
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		d.Encoding = "utf-8 (BOM)"
		if i := bytes.IndexByte(b, 0); i >= 0 {
			return d, &decodeError{fmt.Sprintf("binary file: NUL byte at offset %d", i+3)}
		}
		if !utf8.Valid(b) {
			d.Warning = fmt.Sprintf("invalid UTF-8 after a UTF-8 BOM (first bad byte at offset %d); bad bytes replaced with U+FFFD", firstInvalid(b)+3)
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		d.Text = string(b)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		order, name := unicode.LittleEndian, "utf-16le (BOM)"
		if b[0] == 0xFE {
			order, name = unicode.BigEndian, "utf-16be (BOM)"
		}
		d.Encoding = name
		if len(b)%2 != 0 {
			return d, &decodeError{fmt.Sprintf("truncated UTF-16 file: odd length %d", len(b))}
		}
		out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return d, &decodeError{fmt.Sprintf("cannot decode %s: %s", name, err)}
		}
		if i := bytes.IndexByte(out, 0); i >= 0 {
			return d, &decodeError{fmt.Sprintf("binary file: NUL character in %s text", name)}
		}
		if bytes.Contains(out, []byte("\uFFFD")) {
			d.Warning = "unpaired UTF-16 surrogates replaced with U+FFFD"
		}
		d.Text = string(out)
	default:
		if i := bytes.IndexByte(b, 0); i >= 0 {
			return d, &decodeError{fmt.Sprintf("binary file: NUL byte at offset %d", i)}
		}
		if utf8.Valid(b) {
			d.Encoding = "utf-8"
			d.Text = string(b)
			break
		}
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return d, &decodeError{fmt.Sprintf("neither UTF-8 nor Windows-1252: %s", err)}
		}
		d.Encoding = "windows-1252"
		d.Warning = fmt.Sprintf("not valid UTF-8 (first bad byte at offset %d); decoded as Windows-1252", firstInvalid(b))
		d.Text = string(out)
	}
	if strings.IndexByte(d.Text, '\r') >= 0 {
		d.Text = strings.ReplaceAll(strings.ReplaceAll(d.Text, "\r\n", "\n"), "\r", "\n")
	}
	return d, nil
}

// firstInvalid returns the offset of the first byte of b that is not part of
// valid UTF-8, or -1.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// decodeHTMLText is decodeText for web pages: bytes that are not UTF-8 are
// decoded with the charset the page declares (<meta charset>, http-equiv),
// falling back to Windows-1252 like any other text.
func decodeHTMLText(b []byte) (decoded, error) {
	d, err := decodeText(b)
	if err != nil || d.Encoding != "windows-1252" {
		return d, err
	}
	enc, name, _ := charset.DetermineEncoding(b, "text/html")
	if enc == nil || name == "" || name == "windows-1252" || name == "utf-8" {
		return d, nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return d, nil
	}
	return decoded{
		Text:     strings.ReplaceAll(strings.ReplaceAll(string(out), "\r\n", "\n"), "\r", "\n"),
		Encoding: name,
		Warning:  fmt.Sprintf("not valid UTF-8; decoded as %s, the charset the page declares", name),
	}, nil
}

// DecodeText is how kgb reads any text file, for `kgb extract` as for
// ingest: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252 with a
// warning; NUL bytes are refused as binary; line endings become \n. Byte
// offsets in triples point into the returned text, so extract and ingest
// agree on them.
func DecodeText(b []byte) (text, warning string, err error) {
	d, err := decodeText(b)
	return d.Text, d.Warning, err
}
