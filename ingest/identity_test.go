package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/ingest"
)

// storedIDs lists the store's article ids, sorted.
func storedIDs(t *testing.T, s graph.Store) []string {
	t.Helper()
	var ids []string
	if err := s.ArticleIDs(context.Background(), "", func(id string) error { ids = append(ids, id); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// TestRootsNeverCollide: two folders with files of the same names (bbc's
// politics/001.txt and sport/001.txt) ingested one after the other into one
// store keep both; --prune of one folder never touches the other's articles.
func TestRootsNeverCollide(t *testing.T) {
	corpus := t.TempDir()
	pol := filepath.Join(corpus, "politics")
	spo := filepath.Join(corpus, "sport")
	writeFile(t, pol, "001.txt", []byte("Vote delayed\n\nMinister Lena Hart met Omar Quist in Leeds on Monday.\n"))
	writeFile(t, pol, "002.txt", []byte("Budget row\n\nOmar Quist criticised Lena Hart over the budget.\n"))
	writeFile(t, spo, "001.txt", []byte("Cup final\n\nCoach Nils Berg praised striker Ada Moss after the final.\n"))
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	ex := newExtractor(t)

	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{pol}}), ingest.Counts{New: 2})
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{spo}, Prune: true}), ingest.Counts{New: 1})
	want := []string{"politics/001.txt", "politics/002.txt", "sport/001.txt"}
	if got := storedIDs(t, s); !slices.Equal(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
	gs := map[string]graph.ArticleGraph{}
	if err := s.ArticleGraphs(context.Background(), func(g graph.ArticleGraph) error { gs[g.Article.ID] = g; return nil }); err != nil {
		t.Fatal(err)
	}
	if gs["politics/001.txt"].Article.Title != "Vote delayed" || gs["sport/001.txt"].Article.Title != "Cup final" {
		t.Errorf("titles %q / %q: one folder replaced the other", gs["politics/001.txt"].Article.Title, gs["sport/001.txt"].Article.Title)
	}

	// The same folder by another path (relative, from another working
	// directory, through a symlink) is the same articles.
	t.Chdir(corpus)
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{"politics"}}), ingest.Counts{Unchanged: 2})
	link := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.Symlink(pol, link); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{link}}), ingest.Counts{Unchanged: 2})
	// A single file has the id it has when its folder is ingested.
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{filepath.Join(pol, "002.txt")}}), ingest.Counts{Unchanged: 1})

	// --prune prunes only inside the roots given.
	if err := os.Remove(filepath.Join(pol, "002.txt")); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{spo}, Prune: true}), ingest.Counts{Unchanged: 1})
	if got := storedIDs(t, s); !slices.Equal(got, want) {
		t.Fatalf("pruning sport touched politics: ids %v", got)
	}
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{pol}, Prune: true}), ingest.Counts{Unchanged: 1, Pruned: 1})
	if got, want := storedIDs(t, s), []string{"politics/001.txt", "sport/001.txt"}; !slices.Equal(got, want) {
		t.Fatalf("after pruning politics: ids %v, want %v", got, want)
	}
}

// TestRootsThatWouldCollideAreRefused: two different folders with the same
// name, or a folder and one inside it, are refused before anything is read.
func TestRootsThatWouldCollideAreRefused(t *testing.T) {
	a := filepath.Join(t.TempDir(), "news")
	b := filepath.Join(t.TempDir(), "news")
	writeFile(t, a, "1.txt", []byte("One\n\nAda Moss met Nils Berg.\n"))
	writeFile(t, b, "sub/1.txt", []byte("Two\n\nNils Berg met Ada Moss.\n"))
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	for _, tc := range []struct {
		name  string
		roots []string
		want  string
	}{
		{"same name", []string{a, b}, `same name "news"`},
		{"nested", []string{b, filepath.Join(b, "sub")}, "overlap"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ingest.Run(context.Background(), s, newExtractor(t), ingest.Options{Roots: tc.roots})
			var re *ingest.RootError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Run = %v, want a RootError about %q", err, tc.want)
			}
		})
	}
	if ids := storedIDs(t, s); len(ids) != 0 {
		t.Errorf("refused runs wrote %v", ids)
	}
	// The same root twice is just that root.
	checkCounts(t, run(t, s, newExtractor(t), ingest.Options{Roots: []string{a, a}}), ingest.Counts{New: 1})
}

// TestLegacyIDsAreRefused: a store holding a file under the id an older kgb
// gave it (relative to the root) makes the run stop instead of adding every
// article a second time.
func TestLegacyIDsAreRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "politics")
	writeFile(t, dir, "001.txt", []byte("Vote delayed\n\nMinister Lena Hart met Omar Quist in Leeds on Monday.\n"))
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	old := filepath.Join(t.TempDir(), "old")
	if err := os.Rename(dir, old); err != nil { // ingest it as an older kgb would have named it: "001.txt"
		t.Fatal(err)
	}
	checkCounts(t, run(t, s, newExtractor(t), ingest.Options{Roots: []string{filepath.Join(old, "001.txt")}}), ingest.Counts{New: 1})
	g := graphs(t, s)["001.txt"]
	g.Article.ID = "001.txt"
	if err := s.RetractArticle(context.Background(), "old/001.txt"); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceArticle(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(old, dir); err != nil {
		t.Fatal(err)
	}
	_, err := ingest.Run(context.Background(), s, newExtractor(t), ingest.Options{Roots: []string{dir}})
	var le *ingest.LegacyIDError
	if !errors.As(err, &le) || le.Old != "001.txt" || le.New != "politics/001.txt" || !strings.Contains(err.Error(), "start a new store") {
		t.Fatalf("Run = %v, want a LegacyIDError for 001.txt", err)
	}
	if got := storedIDs(t, s); !slices.Equal(got, []string{"001.txt"}) {
		t.Errorf("ids %v: the refused run wrote", got)
	}
}

// TestDuplicateKeepsFactsWhenOriginalGoes: b.txt, a copy of a.txt, is stored
// as its duplicate; when a.txt is edited or deleted (and pruned), b.txt is
// extracted and keeps the facts, with no duplicate_of left pointing at a.txt.
func TestDuplicateKeepsFactsWhenOriginalGoes(t *testing.T) {
	text := []byte("Harbour deal\n\nMayor Lina Ortiz met Karl Svensson in Porto on Monday.\n")
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, a string)
		want   ingest.Counts
	}{
		{"original edited", func(t *testing.T, a string) {
			writeFile(t, filepath.Dir(a), "a.txt", []byte("Other news\n\nKarl Svensson praised Mirela Ionescu.\n"))
		}, ingest.Counts{Changed: 2}},
		{"original deleted", func(t *testing.T, a string) {
			if err := os.Remove(a); err != nil {
				t.Fatal(err)
			}
		}, ingest.Counts{Changed: 1, Pruned: 1}},
		{"original emptied", func(t *testing.T, a string) { writeFile(t, filepath.Dir(a), "a.txt", nil) }, ingest.Counts{Changed: 1, Skipped: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "news")
			a := writeFile(t, dir, "a.txt", text)
			writeFile(t, dir, "b.txt", text)
			s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
			ex := newExtractor(t)
			opts := ingest.Options{Roots: []string{dir}, Prune: true}
			checkCounts(t, run(t, s, ex, opts), ingest.Counts{New: 1, Duplicate: 1})
			if b := graphs(t, s)["b.txt"]; b.Article.DuplicateOf != "news/a.txt" || len(b.Edges) != 0 {
				t.Fatalf("b.txt = %+v with %d edges, want a duplicate of news/a.txt", b.Article, len(b.Edges))
			}
			// An unchanged rerun leaves the duplicate as it is, without NLP.
			ex.calls.Store(0)
			checkCounts(t, run(t, s, ex, opts), ingest.Counts{Unchanged: 2})
			if ex.calls.Load() != 0 {
				t.Errorf("unchanged rerun extracted %d articles", ex.calls.Load())
			}

			tc.change(t, a)
			checkCounts(t, run(t, s, ex, opts), tc.want)
			b := graphs(t, s)["b.txt"]
			if b.Article.DuplicateOf != "" {
				t.Errorf("b.txt still says duplicate_of %q", b.Article.DuplicateOf)
			}
			found := false
			for _, e := range b.Edges {
				found = found || e.Type == "MEET" && strings.Contains(e.Sentence, "Lina Ortiz met Karl Svensson")
			}
			if !found {
				t.Errorf("b.txt lost the facts: %d edges %+v", len(b.Edges), b.Edges)
			}
			// And the next run is quiet again.
			checkCounts(t, run(t, s, ex, opts), ingest.Counts{Unchanged: tc.want.Changed, Skipped: tc.want.Skipped})
		})
	}
}

// TestExclude: a corpus's README.TXT and LICENSE are not articles by
// default; --exclude patterns skip names or paths inside the root; an empty
// list reads everything.
func TestExclude(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	body := []byte("Title\n\nAda Moss met Nils Berg in Leeds.\n")
	for _, rel := range []string{"README.TXT", "LICENSE.md", "sport/001.txt", "drafts/002.txt", "sport/003.draft.txt"} {
		writeFile(t, dir, rel, append([]byte(rel+"\n\n"), body...))
	}
	for _, tc := range []struct {
		name    string
		exclude []string
		want    []string
	}{
		{"default", nil, []string{"corpus/drafts/002.txt", "corpus/sport/001.txt", "corpus/sport/003.draft.txt"}},
		{"patterns", []string{"drafts", "*.DRAFT.txt", "readme*"}, []string{"corpus/LICENSE.md", "corpus/sport/001.txt"}},
		{"path pattern", []string{"sport/*"}, []string{"corpus/LICENSE.md", "corpus/README.TXT", "corpus/drafts/002.txt"}},
		{"nothing", []string{}, []string{"corpus/LICENSE.md", "corpus/README.TXT", "corpus/drafts/002.txt", "corpus/sport/001.txt", "corpus/sport/003.draft.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
			sum := run(t, s, newExtractor(t), ingest.Options{Roots: []string{dir}, Exclude: tc.exclude})
			if got := storedIDs(t, s); !slices.Equal(got, tc.want) {
				t.Errorf("ids %v, want %v", got, tc.want)
			}
			if sum.Articles.Skipped != 5-len(tc.want) {
				t.Errorf("skipped %d, want %d: %+v", sum.Articles.Skipped, 5-len(tc.want), sum.Skips)
			}
			for _, p := range sum.Skips {
				if !strings.Contains(p.Reason, "excluded by pattern") {
					t.Errorf("skip %s: %s", p.Path, p.Reason)
				}
			}
		})
	}
	if _, err := ingest.Run(context.Background(), openStore(t, filepath.Join(t.TempDir(), "x.db")), newExtractor(t),
		ingest.Options{Roots: []string{dir}, Exclude: []string{"[a-"}}); err == nil || !strings.Contains(err.Error(), "not a valid glob") {
		t.Errorf("bad pattern: %v", err)
	}
}
