package ingest

import (
	"bufio"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFormatOf(t *testing.T) {
	tests := map[string]format{
		"a.txt": formatText, "README.TXT": formatText, "b.md": formatMarkdown, "c.HTML": formatHTML, "d.htm": formatHTML,
		"e.json": formatJSON, "f.jsonl": formatJSONL, "g.pdf": formatNone, "noext": formatNone, "h.txt.gz": formatNone,
	}
	for name, want := range tests {
		if got := formatOf(name); got != want {
			t.Errorf("formatOf(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name, html, title, date string
		want                    []string // substrings of the text
		notWant                 []string
	}{
		{
			name: "article with boilerplate",
			html: `<!doctype html><html><head><title>Port deal agreed</title><style>p{color:red}</style>
<meta property="article:published_time" content="2024-03-01"><script>var tracking = "Nobody met anybody.";</script></head>
<body><nav><a href="/">Home</a> Menu item</nav><header>Site header</header>
<article><h1>Port deal</h1><p>Mayor Lina Ortiz signed the <b>port</b> deal with Harbour Group.</p>
<p hidden>Hidden text here.</p><div style="display: none">Invisible text.</div><p>The council approved it.</p></article>
<aside>Related stories</aside><footer>Copyright</footer><script>alert("x")</script></body></html>`,
			title: "Port deal agreed", date: "2024-03-01",
			want:    []string{"Mayor Lina Ortiz signed the port deal with Harbour Group.", "The council approved it."},
			notWant: []string{"tracking", "Menu item", "Site header", "Related stories", "Copyright", "color:red", "alert", "Hidden text", "Invisible"},
		},
		{
			name:  "title from h1, body without article",
			html:  `<html><body><h1>Storm hits coast</h1><div>Heavy rain closed roads.<br>Schools shut.</div><noscript>Enable JS</noscript></body></html>`,
			title: "Storm hits coast",
			want:  []string{"Heavy rain closed roads.", "Schools shut."}, notWant: []string{"Enable JS"},
		},
		{
			name:  "only scripts",
			html:  `<html><head><script>document.write("Acme bought Beta.")</script></head><body><script>var a=1;</script><style>.x{}</style></body></html>`,
			title: "", want: nil, notWant: []string{"Acme", "var a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseHTML(tt.html)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title || p.Date != tt.date {
				t.Errorf("title, date = %q, %q; want %q, %q", p.Title, p.Date, tt.title, tt.date)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.Text, w) {
					t.Errorf("text %q lacks %q", p.Text, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(p.Text, w) {
					t.Errorf("text %q contains boilerplate %q", p.Text, w)
				}
			}
			if len(tt.want) == 0 && strings.TrimSpace(p.Text) != "" {
				t.Errorf("text = %q, want none", p.Text)
			}
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	p := parseMarkdown("---\ntitle: \"Front title\"\ndate: 2024-05-06\n---\n# Heading\n\nAcme **bought** [Beta Ltd](https://beta.example) on `Monday`.\n")
	if p.Title != "Front title" || p.Date != "2024-05-06" {
		t.Errorf("title, date = %q, %q", p.Title, p.Date)
	}
	if want := "Heading\n\nAcme bought Beta Ltd on Monday.\n"; p.Text != want {
		t.Errorf("text = %q, want %q", p.Text, want)
	}
	if p := parseMarkdown("\n\n## Rates rise\n\nThe bank raised rates."); p.Title != "Rates rise" {
		t.Errorf("title = %q, want the first heading", p.Title)
	}
}

func TestParseJSONRecord(t *testing.T) {
	f := DefaultJSONFields
	tests := []struct {
		name, in, suffix, title, text, err string
	}{
		{"text field", `{"id": "a1", "title": "T", "text": "Acme bought Beta."}`, "#a1", "T", "Acme bought Beta.", ""},
		{"body field, numeric id", `{"id": 7, "headline": "H", "body": "Text here."}`, "#7", "H", "Text here.", ""},
		{"empty text falls through", `{"text": "", "content": "From content."}`, "#3", "", "From content.", ""},
		{"no text", `{"title": "only"}`, "#3", "", "", "no text: none of the fields text, body"},
		{"malformed", `{"text": "a",}`, "#3", "", "", "malformed JSON at line 1"},
		{"not an object", `[1,2]`, "#3", "", "", "JSON array where an article object was expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseJSONRecord([]byte(tt.in), 3, f)
			if tt.err != "" {
				var re *recordError
				if !errors.As(err, &re) || !strings.Contains(re.Reason, tt.err) {
					t.Fatalf("err = %v, want a record error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Suffix != tt.suffix || p.Title != tt.title || p.Text != tt.text {
				t.Errorf("got %q %q %q", p.Suffix, p.Title, p.Text)
			}
		})
	}
}

func TestParseJSONFile(t *testing.T) {
	var got []string
	emit := func(p parsed, err error) error {
		if err != nil {
			got = append(got, "ERR "+err.Error())
		} else {
			got = append(got, p.Suffix+"="+p.Text)
		}
		return nil
	}
	if err := parseJSONFile([]byte(`[{"id":"x","text":"One."},{"title":"no text"},{"text":"Three."}]`), DefaultJSONFields, emit); err != nil {
		t.Fatal(err)
	}
	want := []string{"#x=One.", "ERR no text: none of the fields text, body, content, article, story holds a non-empty string (set json.text_fields)", "#3=Three."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	got = nil
	if err := parseJSONFile([]byte(`{"text":"Single."}`), DefaultJSONFields, emit); err != nil || len(got) != 1 || got[0] != "=Single." {
		t.Errorf("single object: %v %q", err, got)
	}
	err := parseJSONFile([]byte("{\n  \"text\": \"x\"\n  \"title\": 1}"), DefaultJSONFields, emit)
	var de *decodeError
	if !errors.As(err, &de) || !strings.Contains(de.reason, "line 3") {
		t.Errorf("malformed file: err = %v, want a decode error at line 3", err)
	}
}

func TestReadLine(t *testing.T) {
	in := "short\n" + strings.Repeat("x", 100) + "\n\nlast"
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	type rl struct {
		line string
		size int64
	}
	var got []rl
	for {
		line, size, err := readLine(br, 50)
		got = append(got, rl{string(line), size})
		if err != nil {
			break
		}
	}
	want := []rl{{"short", 5}, {"", 100}, {"", 0}, {"last", 4}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzParseHTML(f *testing.F) {
	f.Add("<html><title>t</title><body><p>a</p><script>x</script></body></html>")
	f.Add("<article><h1>x</h1>")
	f.Add("0<script0")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		// A script element after the fuzzed markup, closed explicitly: its
		// content must never be text unless the markup turned it into text.
		doc := "<html><body><p>" + s + "</p><script>var kgbMarker = 1;</script></body></html>"
		p, err := parseHTML(doc)
		if err != nil {
			return
		}
		if !utf8.ValidString(p.Text) || strings.Contains(p.Title, "\n") {
			t.Errorf("bad text or title from %q: %q / %q", s, p.Text, p.Title)
		}
		if strings.Contains(p.Text, "kgbMarker") && !strings.ContainsAny(s, "<&") {
			t.Errorf("script content leaked into the text of %q: %q", s, p.Text)
		}
	})
}

func FuzzParseJSONRecord(f *testing.F) {
	f.Add(`{"id":1,"text":"a"}`)
	f.Add(`{"text":`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseJSONRecord([]byte(s), 1, DefaultJSONFields)
		if err == nil && strings.TrimSpace(p.Text) == "" {
			t.Errorf("accepted a record without text: %q", s)
		}
	})
}
