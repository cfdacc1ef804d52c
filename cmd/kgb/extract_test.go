package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "sub", "b.txt")
	if err := os.MkdirAll(filepath.Dir(b), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(a, []byte("The harbour authority signed a new contract with the union on Thursday."), 0o644)
	os.WriteFile(b, []byte("Lena Ortiz founded a small studio in Porto.\n"), 0o644)
	var out, errOut bytes.Buffer
	err := runExtract(context.Background(), extractOptions{Format: "jsonl", Explain: true}, []string{dir}, nil, &out, &errOut)
	if err != nil {
		t.Fatalf("runExtract: %v (%s)", err, errOut.String())
	}
	docs := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		for _, k := range []string{"doc", "sentence", "sentence_index", "subject", "relation", "object", "confidence", "rules"} {
			if _, ok := m[k]; !ok {
				t.Errorf("missing field %q in %s", k, line)
			}
		}
		docs[m["doc"].(string)] = true
	}
	if !docs[a] || !docs[b] {
		t.Errorf("want triples from %s and %s, got docs %v", a, b, docs)
	}
}

func TestRunExtractTableAndStdin(t *testing.T) {
	var out bytes.Buffer
	in := strings.NewReader("The bridge was opened by Mayor Ida Kranz on Friday.")
	if err := runExtract(context.Background(), extractOptions{Format: "table", Explain: true}, []string{"-"}, in, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "RULES") || !strings.Contains(out.String(), "passive-inverted") {
		t.Errorf("table output lacks rules:\n%s", out.String())
	}
}

func TestRunExtractErrors(t *testing.T) {
	var out bytes.Buffer
	var ue *usageError
	if err := runExtract(context.Background(), extractOptions{Format: "xml"}, []string{"-"}, nil, &out, &out); !errors.As(err, &ue) {
		t.Errorf("bad format: err = %v, want usage error", err)
	}
	if err := runExtract(context.Background(), extractOptions{Format: "jsonl"}, []string{"/no/such/file"}, nil, &out, &out); !errors.As(err, &ue) {
		t.Errorf("missing file: err = %v, want usage error", err)
	}
}

func TestRunExtractLinesCarb(t *testing.T) {
	line := "The council made a final `` take - it - or - leave - it '' offer on the rent -LRB- again -RRB- ."
	f := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(f, []byte(line+"\n"), 0o644)
	var out bytes.Buffer
	if err := runExtract(context.Background(), extractOptions{Format: "carb", Lines: true}, []string{f}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(rows) == 0 || rows[0] == "" {
		t.Fatal("no output")
	}
	for _, r := range rows {
		cols := strings.Split(r, "\t")
		if len(cols) < 4 || cols[0] != line {
			t.Errorf("bad CaRB row %q", r)
		}
	}
}

func TestRunEvalCarbFloor(t *testing.T) {
	gold := filepath.Join("..", "..", "extract", "carb", "testdata", "gold.tsv")
	dir := t.TempDir()
	sents := filepath.Join(dir, "s.txt")
	os.WriteFile(sents, []byte("The baker sold bread to the mayor on Monday .\n"), 0o644)
	var out bytes.Buffer
	opts := evalCarbOptions{Gold: gold, Sentences: sents, Subset: sents}
	if err := runEvalCarb(context.Background(), opts, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "f1") || !strings.Contains(out.String(), "subset") {
		t.Errorf("unexpected output %q", out.String())
	}
	opts.MinF1 = 1.01
	if err := runEvalCarb(context.Background(), opts, &out); !errors.Is(err, errBelowFloor) {
		t.Errorf("floor above 1: err = %v, want errBelowFloor", err)
	}
}

// TestRunExtractDecodesLikeIngest checks that kgb extract reads files with
// ingest's decoder: UTF-16 with a BOM and Windows-1252 become the same text
// as UTF-8 (so byte offsets agree with the graph), binary files fail.
func TestRunExtractDecodesLikeIngest(t *testing.T) {
	const sentence = "Marta Silva met Jonas Berg in Lisbon on Friday.\n"
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range sentence {
		utf16 = append(utf16, byte(r), 0)
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"utf8.txt":   []byte(sentence),
		"utf16.txt":  utf16,
		"cp1252.txt": append([]byte(sentence), 0x93, 'o', 'k', 0x94, '\n'),
	}
	outputs := map[string]string{}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		if err := runExtract(context.Background(), extractOptions{Format: "jsonl"}, []string{p}, nil, &out, &errOut); err != nil {
			t.Fatalf("%s: %v (%s)", name, err, errOut.String())
		}
		if name == "cp1252.txt" && !strings.Contains(errOut.String(), "Windows-1252") {
			t.Errorf("%s: no decoding warning on stderr: %q", name, errOut.String())
		}
		outputs[name] = strings.ReplaceAll(out.String(), p, "DOC")
	}
	if outputs["utf16.txt"] != outputs["utf8.txt"] || !strings.Contains(outputs["utf8.txt"], "Jonas Berg") {
		t.Errorf("UTF-16 output differs from UTF-8:\n%s\nvs\n%s", outputs["utf16.txt"], outputs["utf8.txt"])
	}
	bin := filepath.Join(dir, "blob.txt")
	if err := os.WriteFile(bin, []byte("abc\x00def"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := runExtract(context.Background(), extractOptions{Format: "jsonl"}, []string{bin}, nil, &out, &errOut)
	if err == nil || !strings.Contains(errOut.String(), "binary file") {
		t.Errorf("binary input: err = %v, stderr %q; want a failure naming it binary", err, errOut.String())
	}
}
