package prosetag

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tag/aptagmodel"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"

	"github.com/kgb-dev/kgb/internal/evaldata"
)

// ownSentences are written for this test: ordinary news, the special cases
// (emoticons, traces, bracket escapes, @handles, hyphens, years, digits,
// non-ASCII), and words the model never saw.
var ownSentences = []string{
	"Kestrel Holdings bought Ardent Foods for £4.2bn in 2019 , the Wrexham firm said on Tuesday .",
	"The ex-England coach has been handed a six-month deal to replace Dai Rowlands .",
	"Mrs O'Hara , 54 , told the Harrogate Echo she would not stand again :-) .",
	"@kgbnews replied : 8-D xD -LRB- see below -RRB- * *T*-2 0 *-1 *PRO* -",
	"Zzyzx Qwerb flummoxed the Überwald Committee with 1,024 glorptastic ideas .",
	"She said `` no '' -- twice ... and left ( quietly ) ; he did n't .",
	"ÉLODIE naïve café résumé 1999 +123 -5 99-100 A-level",
	"",
	"O.o",
}

func proseTagger(t testing.TB) *tag.Tagger {
	t.Helper()
	p, err := tag.New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mine(t testing.TB) *Tagger {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameTags tags words with both taggers and reports the first difference.
func sameTags(t *testing.T, p *tag.Tagger, m *Tagger, words []string) {
	t.Helper()
	a, b := make([]token.Token, len(words)), make([]token.Token, len(words))
	for i, w := range words {
		a[i].Text, b[i].Text = w, w
	}
	p.TagTokens(a)
	m.TagTokens(b)
	for i := range a {
		if a[i].Tag != b[i].Tag {
			t.Fatalf("word %d %q of %q: prose %s, prosetag %s", i, words[i], words, a[i].Tag, b[i].Tag)
		}
	}
}

func TestSameTagsAsProse(t *testing.T) {
	p, m := proseTagger(t), mine(t)
	if len(emoticons) == 0 || emoticons[":-)"] == 0 {
		t.Fatal("prose's emoticon set did not link: prosetag would tag emoticons differently")
	}
	for _, s := range ownSentences {
		t.Run(s, func(t *testing.T) {
			sameTags(t, p, m, strings.Fields(s))
		})
	}
	t.Run("bbc", func(t *testing.T) {
		root := evaldata.Path(t, "corpora/bbc")
		files, _ := filepath.Glob(filepath.Join(root, "*", "*.txt"))
		if testing.Short() && len(files) > 200 {
			files = files[:200]
		}
		if raceOn { // every fourth file: a quarter of a million tokens
			var some []string
			for i := 0; i < len(files); i += 4 {
				some = append(some, files[i])
			}
			files = some
		}
		if len(files) == 0 {
			t.Fatalf("no BBC articles under %s", root)
		}
		tk := tokenize.New()
		n := 0
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				var words []string
				for _, tok := range tk.Tokenize(line) {
					words = append(words, tok.Text)
				}
				sameTags(t, p, m, words)
				n += len(words)
			}
		}
		t.Logf("%d files, %d tokens: same tags", len(files), n)
	})
}

func FuzzSameTagsAsProse(f *testing.F) {
	for _, s := range ownSentences {
		f.Add(s)
	}
	p, m := proseTagger(f), mine(f)
	f.Fuzz(func(t *testing.T, s string) {
		sameTags(t, p, m, strings.Fields(s))
	})
}

func TestDecodeRejectsDamage(t *testing.T) {
	good := aptagmodel.English
	cases := map[string][]byte{
		"empty":       nil,
		"magic":       append([]byte("PROSETAX"), good[8:]...),
		"truncated":   good[:len(good)/2],
		"header only": good[:20],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := decode(data); err == nil {
				t.Fatal("damaged model decoded without error")
			}
		})
	}
	if _, err := decode(good); err != nil {
		t.Fatalf("intact model: %v", err)
	}
}

// BenchmarkTag tags the same words with prose's tagger (the baseline) and
// with prosetag, in one run: compare the two ns/op.
func BenchmarkTag(b *testing.B) {
	var words []string
	for _, s := range ownSentences[:3] {
		words = append(words, strings.Fields(s)...)
	}
	toks := make([]token.Token, len(words))
	for i, w := range words {
		toks[i].Text = w
	}
	p, m := proseTagger(b), mine(b)
	b.Run("prose", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			p.TagTokens(toks)
		}
	})
	b.Run("prosetag", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m.TagTokens(toks)
		}
	})
}
