package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeText(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range "Zoë met Ana.\r\n" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	utf16be := []byte{0xFE, 0xFF}
	for _, r := range "Zoë met Ana." {
		utf16be = append(utf16be, byte(r>>8), byte(r))
	}
	tests := []struct {
		name     string
		in       []byte
		want     string
		encoding string
		warn     string // substring of the warning, "" for none
		err      string // substring of the error, "" for none
	}{
		{"plain utf-8", []byte("Zoë met Ana."), "Zoë met Ana.", "utf-8", "", ""},
		{"utf-8 with BOM", []byte("\xEF\xBB\xBFZoë met Ana."), "Zoë met Ana.", "utf-8 (BOM)", "", ""},
		{"utf-16le with BOM, CRLF", utf16le, "Zoë met Ana.\n", "utf-16le (BOM)", "", ""},
		{"utf-16be with BOM", utf16be, "Zoë met Ana.", "utf-16be (BOM)", "", ""},
		{"latin-1 as windows-1252", []byte("Zo\xEB met Ana at the caf\xE9 \x93today\x94."), "Zoë met Ana at the café \u201ctoday\u201d.", "windows-1252", "offset 2", ""},
		{"CRLF and CR normalised", []byte("a\r\nb\rc"), "a\nb\nc", "utf-8", "", ""},
		{"NUL is binary", []byte("PK\x03\x04\x00\x00"), "", "", "", "binary file: NUL byte at offset 4"},
		{"NUL after BOM", []byte("\xEF\xBB\xBFab\x00"), "", "", "", "NUL byte at offset 5"},
		{"UTF-16 odd length", []byte{0xFF, 0xFE, 'a'}, "", "", "", "truncated UTF-16"},
		{"invalid after UTF-8 BOM", []byte("\xEF\xBB\xBFa\xFFb"), "a\uFFFDb", "utf-8 (BOM)", "invalid UTF-8 after a UTF-8 BOM", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := decodeText(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want || d.Encoding != tt.encoding {
				t.Errorf("got %q (%s), want %q (%s)", d.Text, d.Encoding, tt.want, tt.encoding)
			}
			if (tt.warn == "") != (d.Warning == "") || !strings.Contains(d.Warning, tt.warn) {
				t.Errorf("warning = %q, want %q", d.Warning, tt.warn)
			}
		})
	}
}

func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"hello", "\xEF\xBB\xBFx", "\xFF\xFEa\x00", "\xFE\xFF\x00a", "caf\xE9", "a\x00b", "\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeText(b)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Errorf("decodeText(%q) returned invalid UTF-8 %q", b, d.Text)
		}
		if strings.ContainsAny(d.Text, "\r\x00") {
			t.Errorf("decodeText(%q) kept CR or NUL: %q", b, d.Text)
		}
	})
}

func TestDecodeHTMLText(t *testing.T) {
	// "Zoë" in ISO-8859-5 would be garbage; use KOI8-R Cyrillic: "Мир" (peace).
	page := []byte("<html><head><meta charset=\"koi8-r\"><title>\xed\xc9\xd2</title></head><body><p>\xed\xc9\xd2</p></body></html>")
	d, err := decodeHTMLText(page)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "<title>Мир</title>") || d.Encoding != "koi8-r" || !strings.Contains(d.Warning, "koi8-r") {
		t.Errorf("got %q (%s, %q)", d.Text, d.Encoding, d.Warning)
	}
	// Undeclared non-UTF-8 bytes fall back to Windows-1252.
	d, err = decodeHTMLText([]byte("<p>caf\xe9</p>"))
	if err != nil || d.Text != "<p>café</p>" || d.Encoding != "windows-1252" {
		t.Errorf("fallback: %q %s %v", d.Text, d.Encoding, err)
	}
	// UTF-8 pages are left alone whatever they declare.
	d, err = decodeHTMLText([]byte("<meta charset=\"koi8-r\"><p>café</p>"))
	if err != nil || d.Text != "<meta charset=\"koi8-r\"><p>café</p>" || d.Warning != "" {
		t.Errorf("utf-8 page: %q %q %v", d.Text, d.Warning, err)
	}
}

func BenchmarkDecodeText(b *testing.B) {
	utf8Text := []byte(strings.Repeat("Zoë met Ana in Bogotá on Friday. ", 200))
	latin1 := []byte(strings.Repeat("Zo\xEB met Ana in Bogot\xE1 on Friday. ", 200))
	for _, c := range []struct {
		name string
		in   []byte
	}{{"utf-8", utf8Text}, {"windows-1252", latin1}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				if _, err := decodeText(c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
