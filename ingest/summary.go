package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Counts tallies articles by outcome.
type Counts struct {
	New       int `json:"new"`       // not in the store before, extracted and written
	Changed   int `json:"changed"`   // in the store with another hash, re-extracted and replaced
	Unchanged int `json:"unchanged"` // same hash as stored: skipped without NLP
	Duplicate int `json:"duplicate"` // same content as another article: recorded, not extracted
	Failed    int `json:"failed"`    // could not be read, decoded, parsed, extracted or written
	Skipped   int `json:"skipped"`   // files not read on purpose (format, empty, symlink loop, ...)
	Pruned    int `json:"pruned"`    // retracted by --prune because their file is gone
}

// Problem is one file or article and why it failed or was skipped.
type Problem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Summary is the outcome of a Run.
type Summary struct {
	Articles  Counts `json:"articles"`
	Files     int    `json:"files"` // article files read (all supported formats)
	Bytes     int64  `json:"bytes"` // bytes of the files read
	Sentences int    `json:"sentences"`
	Triples   int    `json:"triples"`
	// Entities counts each article's distinct entities, summed over the
	// articles extracted in this run.
	Entities          int       `json:"entities"`
	ElapsedSeconds    float64   `json:"elapsed_seconds"`
	MBPerSecond       float64   `json:"mb_per_second"`       // MiB (2^20 bytes) of files read per second
	ArticlesPerSecond float64   `json:"articles_per_second"` // extracted (new + changed) per second
	Interrupted       bool      `json:"interrupted"`
	Abandoned         int       `json:"abandoned"` // in-flight articles dropped whole by an interrupt
	Shard             string    `json:"shard,omitempty"`
	Failures          []Problem `json:"failures"`
	Skips             []Problem `json:"skipped_files"`
	Warnings          []Problem `json:"warnings"`
}

func (s *Summary) finish(elapsed time.Duration) {
	s.ElapsedSeconds = elapsed.Seconds()
	if sec := elapsed.Seconds(); sec > 0 {
		s.MBPerSecond = float64(s.Bytes) / (1 << 20) / sec
		s.ArticlesPerSecond = float64(s.Articles.New+s.Articles.Changed) / sec
	}
	if s.Failures == nil {
		s.Failures = []Problem{}
	}
	if s.Skips == nil {
		s.Skips = []Problem{}
	}
	if s.Warnings == nil {
		s.Warnings = []Problem{}
	}
}

// WriteJSON prints the summary as one JSON object and a newline.
func (s *Summary) WriteJSON(w io.Writer) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode summary: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// maxListed bounds the skipped files and warnings printed by WriteText;
// failures are always listed in full.
const maxListed = 20

// WriteText prints the summary for people.
func (s *Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	a := s.Articles
	status := "done"
	if s.Interrupted {
		status = "interrupted"
	}
	fmt.Fprintf(&b, "ingest %s in %s", status, time.Duration(s.ElapsedSeconds*float64(time.Second)).Round(time.Millisecond))
	if s.Shard != "" {
		fmt.Fprintf(&b, " (shard %s)", s.Shard)
	}
	fmt.Fprintf(&b, ": %d files, %.1f MiB, %.2f MiB/s, %.1f articles/s\n", s.Files, float64(s.Bytes)/(1<<20), s.MBPerSecond, s.ArticlesPerSecond)
	fmt.Fprintf(&b, "articles: %d new, %d changed, %d unchanged, %d duplicate, %d failed, %d skipped, %d pruned\n",
		a.New, a.Changed, a.Unchanged, a.Duplicate, a.Failed, a.Skipped, a.Pruned)
	fmt.Fprintf(&b, "extracted: %d sentences, %d triples, %d entities\n", s.Sentences, s.Triples, s.Entities)
	if s.Interrupted {
		fmt.Fprintf(&b, "interrupted: %d in-flight article(s) abandoned whole; run the same command again to continue\n", s.Abandoned)
	}
	list := func(title string, ps []Problem, limit int) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s (%d):\n", title, len(ps))
		for i, p := range ps {
			if limit > 0 && i == limit {
				fmt.Fprintf(&b, "  ... and %d more (see --json)\n", len(ps)-limit)
				break
			}
			fmt.Fprintf(&b, "  %s: %s\n", SafeName(p.Path), escapeControls(p.Reason))
		}
	}
	list("failed", s.Failures, 0)
	list("skipped", s.Skips, maxListed)
	list("warnings", s.Warnings, maxListed)
	_, err := io.WriteString(w, b.String())
	return err
}

// SafeName returns a file name or article id fit to print on a terminal:
// as it is when it holds only printable characters and no quote or
// backslash, else Go-quoted ("a\nb.txt"), so that a name with a newline
// cannot forge lines and escape sequences never reach the terminal raw.
func SafeName(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '"' || r == '\\' || r == utf8.RuneError {
			return strconv.Quote(s)
		}
	}
	if s == "" || strings.TrimSpace(s) != s {
		return strconv.Quote(s)
	}
	return s
}

// escapeControls writes the non-printable characters of s as Go escapes,
// for reasons that may quote a name.
func escapeControls(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPrint(r) && r != utf8.RuneError {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}
