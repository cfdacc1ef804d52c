package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func sampleSummary() *Summary {
	s := &Summary{
		Articles:  Counts{New: 5, Changed: 1, Unchanged: 7, Duplicate: 2, Failed: 2, Skipped: 25, Pruned: 1},
		Files:     40,
		Bytes:     3 << 20,
		Sentences: 120,
		Triples:   88,
		Entities:  64,
		Failures: []Problem{
			{Path: "news/bin.txt", Reason: "binary file: NUL byte at offset 4"},
			{Path: "news/big.txt", Reason: "file is 100.0 MiB, larger than max_file_size 8.0 MiB (raise max_file_size in kgb.yaml or --max-file-size to read it)"},
		},
		Warnings: []Problem{{Path: "news/latin1.txt", Reason: "not valid UTF-8 (first bad byte at offset 3); decoded as Windows-1252"}},
	}
	for i := range 25 {
		s.Skips = append(s.Skips, Problem{Path: "news/img" + string(rune('a'+i)) + ".png", Reason: "unsupported format (.png)"})
	}
	s.finish(1500 * time.Millisecond)
	return s
}

func TestSummaryTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := sampleSummary().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "summary.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -run Golden -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("summary text differs from %s (rerun with -update if intended):\n%s", golden, b.String())
	}
}

// TestSummaryJSONShape checks the fields the issue promises in --json output.
func TestSummaryJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := sampleSummary().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "}\n") || strings.Count(b.String(), "\n") != 1 {
		t.Errorf("want one JSON object on one line, got %q", b.String())
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	arts, _ := m["articles"].(map[string]any)
	for _, k := range []string{"new", "changed", "unchanged", "duplicate", "failed", "skipped", "pruned"} {
		if _, ok := arts[k].(float64); !ok {
			t.Errorf("articles.%s missing", k)
		}
	}
	for _, k := range []string{"sentences", "triples", "entities", "elapsed_seconds", "mb_per_second"} {
		if _, ok := m[k].(float64); !ok {
			t.Errorf("%s missing", k)
		}
	}
	fails, _ := m["failures"].([]any)
	if len(fails) != 2 {
		t.Fatalf("failures = %v", m["failures"])
	}
	if f, _ := fails[0].(map[string]any); f["path"] != "news/bin.txt" || f["reason"] == "" {
		t.Errorf("failure entry = %v", fails[0])
	}
	// An empty run still has lists, not nulls.
	var e bytes.Buffer
	empty := &Summary{}
	empty.finish(time.Second)
	if err := empty.WriteJSON(&e); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.String(), `"failures":[]`) {
		t.Errorf("empty summary: %s", e.String())
	}
}

// TestSummaryQuotesNames: a file name with a newline cannot forge summary
// lines, and escape sequences in names or reasons never reach the terminal.
func TestSummaryQuotesNames(t *testing.T) {
	s := &Summary{
		Failures: []Problem{{Path: "news/evil\nfailed (0):\n  fine.txt", Reason: "binary file: NUL byte at offset 1"}},
		Skips:    []Problem{{Path: "news/\x1b[2Jclear.png", Reason: "broken symlink to /tmp/\x1b]0;title\x07"}},
	}
	s.finish(time.Second)
	var b bytes.Buffer
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("escape characters reach the terminal:\n%q", out)
	}
	for _, want := range []string{
		`  "news/evil\nfailed (0):\n  fine.txt": binary file`,
		`  "news/\x1b[2Jclear.png": broken symlink to /tmp/\x1b]0;title\a`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %s:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 7 {
		t.Errorf("%d lines, want 7 (names forged lines?):\n%s", n, out)
	}
	for in, want := range map[string]string{"news/a b.txt": "news/a b.txt", "Zürich/ü.txt": "Zürich/ü.txt", " lead.txt": `" lead.txt"`, `a"b`: `"a\"b"`, "bad\xffutf8": `"bad\xffutf8"`} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzSafeName: whatever the name, the result is one line without control
// characters, and a quoted result unquotes to the name.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"a.txt", "a\nb", "\x1b[31m", "\xff", `"q"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeName(s)
		for _, r := range got {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("SafeName(%q) = %q holds control %U", s, got, r)
			}
		}
		if got != s {
			if u, err := strconv.Unquote(got); err != nil || u != s {
				t.Fatalf("SafeName(%q) = %s does not unquote to it (%v)", s, got, err)
			}
		}
	})
}
