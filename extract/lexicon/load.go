package lexicon

import (
	"embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/*.tsv data/*.txt data/NOTICE
var files embed.FS

// File returns the bytes of an embedded data file ("lemmas.tsv").
func File(name string) ([]byte, error) {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("lexicon file %s: %w", name, err)
	}
	return b, nil
}

// DefaultLemmatizer returns the lemmatizer built from the embedded tables,
// loaded once per process.
var DefaultLemmatizer = sync.OnceValues(func() (*Lemmatizer, error) {
	lt, err := File("lemmas.tsv")
	if err != nil {
		return nil, err
	}
	irr, err := File("irregular_verbs.tsv")
	if err != nil {
		return nil, err
	}
	verbs, err := File("verbs.txt")
	if err != nil {
		return nil, err
	}
	return NewLemmatizer(lt, irr, verbs)
})

// NewLemmatizer builds a lemmatizer from a lemma table (see ParseLemmas), a
// table of irregular verbs (lines "base<TAB>past;...<TAB>participle;...") and
// a list of verb base forms (whitespace-separated; "#" comments). The
// treebank-learned table wins over the irregular-verb table.
func NewLemmatizer(table, irregular, verbs []byte) (*Lemmatizer, error) {
	l, err := ParseLemmas(table)
	if err != nil {
		return nil, err
	}
	for _, line := range dataLines(verbs) {
		for _, w := range strings.Fields(line) {
			l.verbs[w] = true
		}
	}
	for n, line := range dataLines(irregular) {
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" {
			return nil, fmt.Errorf("irregular verbs line %d: want base<TAB>past<TAB>participle: %q", n+1, line)
		}
		base := f[0]
		l.verbs[base] = true
		var forms []string
		for _, c := range f[1:] {
			forms = append(forms, strings.Split(c, ";")...)
		}
		for _, form := range forms {
			form = strings.TrimSpace(form)
			if form == "" || form == base {
				continue
			}
			k := excKey{form, VerbPast}
			if _, ok := l.exc[k]; !ok {
				l.exc[k] = base
			}
		}
	}
	return l, nil
}

// IrregularForm reports whether w is a listed irregular past or participle.
func (l *Lemmatizer) IrregularForm(w string) bool {
	_, ok := l.exc[excKey{w, VerbPast}]
	return ok
}

// dataLines splits a data file into its non-empty, non-comment lines.
func dataLines(b []byte) []string {
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
