// Package ingest is kgb's main job: it walks folders of articles, reads and
// decodes each file, hashes it, skips what the store already has, extracts
// triples with a bounded pool of workers and writes each article's graph to
// a graph.Store in batches.
//
// Articles stream through: at any moment the pipeline holds at most the
// articles queued for or inside the workers and one store batch, never the
// corpus. Each article is written whole or not at all, so an interrupted or
// killed run leaves a consistent store and a rerun continues where it
// stopped (what was written is unchanged and skipped).
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
)

// Extractor turns an article's text into triples. It must be safe for
// concurrent use; *extract.Extractor is one. Extract returns ctx.Err() when
// ctx is cancelled.
type Extractor interface {
	Extract(ctx context.Context, doc, text string) (*extract.Result, error)
}

// Progress receives the pipeline's progress, for a progress bar. Calls come
// from several goroutines; implementations must be safe for concurrent use.
type Progress interface {
	// Start is called once, before any file is read, with the number of
	// article files and their total size found by a quick pre-walk.
	Start(files int, bytes int64)
	// FileRead is called after each article file is read.
	FileRead(bytes int64)
	// ArticleDone is called when an article is written, failed or skipped,
	// with the running total of triples written.
	ArticleDone(triples int)
}

// Options configures a Run. The zero value of every field but Roots is
// usable.
type Options struct {
	// Roots are the folders (walked recursively) or files to ingest.
	// Article ids are the root's folder name and the path inside it
	// (RootName): "politics/001.txt".
	Roots []string
	// Workers is the number of concurrent extractions; 0 means one per core.
	Workers int
	// MaxFileSize is the largest file (for .jsonl: line) read; larger ones
	// fail with a reason. 0 means 8 MiB.
	MaxFileSize int64
	// Hidden also reads files and folders whose names start with a dot.
	Hidden bool
	// Exclude skips files and folders matching these glob patterns
	// (Excluded); nil means DefaultExclude, an empty non-nil slice nothing.
	Exclude []string
	// BatchArticles is the number of articles per store write; 0 means 64.
	BatchArticles int
	// FlushInterval bounds how long an extracted article waits for its
	// batch to fill before being written anyway; 0 means 2s.
	FlushInterval time.Duration
	// JSON names the fields of JSON articles; empty lists take the defaults.
	JSON JSONFields
	// RelationTypes maps relation lemmas to relationship types; nil derives
	// types from lemmas.
	RelationTypes *graph.RelationTypes
	// Prune retracts stored articles of the roots (ids under their
	// prefixes, within the shard) that were not found. Every root must then
	// be a folder.
	Prune bool
	// Force re-extracts articles whose content is unchanged.
	Force bool
	// Shard and Shards restrict the run to articles whose id hashes to
	// Shard (0 ≤ Shard < Shards). Shards 0 or 1 processes everything.
	Shard, Shards int
	// Logger receives structured logs; nil discards them.
	Logger *slog.Logger
	// Progress, when set, is told about progress (see Progress).
	Progress Progress
	// ChunkSize bounds the text handed to one Extract call: longer articles
	// are extracted in pieces cut at paragraph, line or sentence breaks, so
	// that the extractor's working memory stays bounded. 0 means 256 KiB.
	ChunkSize int
	// BeforeRead, when set, is called with each file's path just before it
	// is opened. Tests use it to simulate files that vanish after the walk.
	BeforeRead func(path string)
}

// DefaultMaxFileSize is the MaxFileSize used when Options leaves it 0.
const DefaultMaxFileSize = 8 << 20

// DefaultChunkSize is the ChunkSize used when Options leaves it 0.
const DefaultChunkSize = 256 << 10

// InShard reports whether article id belongs to shard i of n (FNV-1a).
func InShard(id string, i, n int) bool {
	if n <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()%uint64(n) == uint64(i)
}

// job is one article on its way to a worker or the writer.
type job struct {
	article graph.Article
	text    string
	changed bool // the store had another version
}

// result is one article on its way to the writer.
type result struct {
	g         graph.ArticleGraph
	changed   bool
	duplicate bool
	sentences int
}

// run holds one Run's state.
type run struct {
	opts  Options
	store graph.Store
	ex    Extractor
	log   *slog.Logger

	mu      sync.Mutex
	sum     Summary
	triples int // written so far, for progress

	failedWrites int // consecutive failed article writes; owned by the writer

	prefixes []string // id prefix of each folder root ("politics/"): --prune stays inside them

	// Owned by the reader (the walking goroutine).
	seen    map[string]string   // article id → path it came from
	hashes  map[[32]byte]string // content hash → first article id with it
	protect []string            // id prefixes whose files could not be listed
	// Unchanged articles stored as duplicates of an original that this run
	// has not (yet) confirmed; settled after the writes and the prune.
	pendingDups   []pendingDup
	legacyChecked map[string]bool // root names checked by checkLegacyID
}

// LegacyIDError reports a store whose articles have ids made by an older
// kgb, relative to the ingest root ("001.txt" for politics/001.txt):
// ingesting would add every article a second time.
type LegacyIDError struct{ Old, New string }

func (e *LegacyIDError) Error() string {
	return fmt.Sprintf("the store holds this file as article %q, an id made by an older kgb (relative to the ingest root); "+
		"kgb now names articles by their root folder too (%q), so that folders never overwrite each other, and would add every article twice: "+
		"start a new store (another --db, or empty the Neo4j database) and ingest again", e.Old, e.New)
}

// checkLegacyID looks, once per root, whether the first new article of the
// root is stored under its old root-relative id with the same content: then
// the store was written by an older kgb and the run stops before writing.
func (r *run) checkLegacyID(ctx context.Context, id, sum string) error {
	root, old, ok := strings.Cut(id, "/")
	if !ok || r.legacyChecked[root] {
		return nil
	}
	if r.legacyChecked == nil {
		r.legacyChecked = map[string]bool{}
	}
	r.legacyChecked[root] = true
	a, found, err := r.lookup(ctx, old)
	if err != nil {
		return fmt.Errorf("look up %s in the store: %w", old, err)
	}
	if found && a.SHA256 == sum {
		return &LegacyIDError{Old: old, New: id}
	}
	return nil
}

// pendingDup is an unchanged duplicate whose original may have changed or gone.
type pendingDup struct {
	job  job
	orig string
	sum  string
}

// RootError reports ingest roots that cannot be ingested together: two
// different folders with the same name (their articles would share ids), or
// one root inside another (its files would be two articles each).
type RootError struct{ Msg string }

func (e *RootError) Error() string { return "ingest: " + e.Msg }

// checkRoots checks the roots and returns them without repeats, and the id
// prefixes of the folders.
func checkRoots(roots []string, prune bool) (unique, prefixes []string, err error) {
	type seenRoot struct{ given, real string }
	byID := map[string]seenRoot{}
	var reals []seenRoot
	for _, root := range roots {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, nil, fmt.Errorf("ingest: %w", err)
		}
		if prune && !fi.IsDir() {
			return nil, nil, fmt.Errorf("ingest: --prune needs folders, and %s is a file", root)
		}
		id, real, err := RootName(root)
		if err != nil {
			return nil, nil, err
		}
		if prev, ok := byID[id]; ok {
			if prev.real == real {
				continue // the same root given twice
			}
			return nil, nil, &RootError{Msg: fmt.Sprintf("%s and %s are different folders with the same name %q, so their articles would get the same ids; "+
				"ingest their common parent folder instead, or rename one", prev.given, root, id)}
		}
		for _, o := range reals {
			if inside(real, o.real) || inside(o.real, real) {
				return nil, nil, &RootError{Msg: fmt.Sprintf("%s and %s overlap (one is inside the other): give only the outer folder", o.given, root)}
			}
		}
		byID[id] = seenRoot{root, real}
		unique = append(unique, root)
		reals = append(reals, seenRoot{root, real})
		if fi.IsDir() {
			prefixes = append(prefixes, id+"/")
		}
	}
	return unique, prefixes, nil
}

// inside reports whether path p is inside folder dir (or is dir).
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Run ingests opts.Roots into store. It returns the summary and a nil error
// when the run completed (possibly with failed files, listed in the
// summary), ctx.Err() when it was interrupted (the summary says what was
// done), or another error when it had to stop (the store failed). Nothing
// is ever half-written.
func Run(ctx context.Context, store graph.Store, ex Extractor, opts Options) (*Summary, error) {
	start := time.Now()
	if len(opts.Roots) == 0 {
		return nil, errors.New("ingest: no paths given")
	}
	if opts.Shards > 1 && (opts.Shard < 0 || opts.Shard >= opts.Shards) {
		return nil, fmt.Errorf("ingest: shard %d is out of range for %d shards", opts.Shard, opts.Shards)
	}
	roots, prefixes, err := checkRoots(opts.Roots, opts.Prune)
	if err != nil {
		return nil, err
	}
	opts.Roots = roots
	if opts.Exclude == nil {
		opts.Exclude = DefaultExclude
	}
	if err := CheckExclude(opts.Exclude); err != nil {
		return nil, err
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.BatchArticles <= 0 {
		opts.BatchArticles = 64
	}
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = DefaultChunkSize
	}
	if opts.FlushInterval <= 0 {
		opts.FlushInterval = 2 * time.Second
	}
	def := DefaultJSONFields
	for _, f := range []struct{ dst, def *[]string }{{&opts.JSON.Text, &def.Text}, {&opts.JSON.Title, &def.Title}, {&opts.JSON.ID, &def.ID}, {&opts.JSON.Date, &def.Date}} {
		if len(*f.dst) == 0 {
			*f.dst = *f.def
		}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &run{
		opts: opts, store: store, ex: ex, log: log, prefixes: prefixes,
		seen: map[string]string{}, hashes: map[[32]byte]string{},
	}
	if opts.Shards > 1 {
		r.sum.Shard = fmt.Sprintf("%d/%d", opts.Shard, opts.Shards)
	}
	err = r.run(ctx)
	r.sum.finish(time.Since(start))
	return &r.sum, err
}

func (r *run) run(ctx context.Context) error {
	if r.opts.Progress != nil {
		r.precount(ctx)
	}
	jobs := make(chan job, r.opts.Workers)
	results := make(chan result, r.opts.Workers)

	// The writer outlives an interrupt: it writes whatever was extracted.
	writeErr := make(chan error, 1)
	writeCtx, stopWrites := context.WithCancelCause(context.WithoutCancel(ctx))
	defer stopWrites(nil)
	go func() { writeErr <- r.writer(writeCtx, results) }()

	// A fatal write error stops the readers and workers too.
	runCtx, cancelRun := context.WithCancelCause(ctx)
	defer cancelRun(nil)

	var wg sync.WaitGroup
	for range r.opts.Workers {
		wg.Go(func() {
			for j := range jobs {
				r.extract(runCtx, j, results)
			}
		})
	}
	walkDone := make(chan error, 1)
	go func() {
		err := r.walk(runCtx, jobs, results)
		close(jobs)
		wg.Wait()
		close(results)
		walkDone <- err
	}()

	var werr, rerr error
	select {
	case werr = <-writeErr:
		// The writer stopped early: a fatal store error. Stop everything,
		// draining results so that no worker stays blocked on a send.
		cancelRun(werr)
		go func() {
			for range results {
			}
		}()
		rerr = <-walkDone
	case rerr = <-walkDone:
		werr = <-writeErr
	}
	if werr != nil {
		return werr
	}
	if err := ctx.Err(); err != nil {
		r.sum.Interrupted = true
		return err
	}
	if rerr != nil {
		return rerr
	}
	if r.opts.Prune {
		if err := r.prune(ctx); err != nil {
			return err
		}
	}
	return r.settleDuplicates(ctx)
}

// settleDuplicates re-extracts the unchanged duplicates whose original no
// longer holds their content (edited, emptied or pruned in this run, or gone
// from the store), so that they keep the facts and point at nothing stale.
// It runs after the writes and the prune, when the store shows what the
// originals became.
func (r *run) settleDuplicates(ctx context.Context) error {
	for _, p := range r.pendingDups {
		if err := ctx.Err(); err != nil {
			r.sum.Interrupted = true
			return err
		}
		orig, found, err := r.lookup(ctx, p.orig)
		if err != nil {
			return fmt.Errorf("look up %s in the store: %w", p.orig, err)
		}
		if found && orig.SHA256 == p.sum && orig.DuplicateOf == "" {
			r.unchanged(p.job.article.ID)
			continue
		}
		r.log.Debug("original of a duplicate changed or gone; extracting", "id", p.job.article.ID, "was_duplicate_of", p.orig)
		j := p.job
		j.changed = true
		res, err := extractChunked(ctx, r.ex, j.article.ID, j.text, r.opts.ChunkSize)
		if err != nil {
			if ctx.Err() != nil {
				r.abandon(j)
				r.sum.Interrupted = true
				return ctx.Err()
			}
			r.fail(j.article.Path, "extraction failed: "+err.Error())
			continue
		}
		g := toGraph(j.article, j.text, res, r.opts.RelationTypes)
		if err := graph.CheckArticleGraph(g); err != nil {
			r.fail(j.article.Path, "invalid graph: "+err.Error())
			continue
		}
		if err := r.write(context.WithoutCancel(ctx), []result{{g: g, changed: true, sentences: res.Sentences}}); err != nil {
			return err
		}
	}
	return nil
}

// lookup reads a stored article: with graph.ArticleLookup when the store has
// it, else only its hash (DuplicateOf then unknown, taken as empty).
func (r *run) lookup(ctx context.Context, id string) (graph.Article, bool, error) {
	if l, ok := r.store.(graph.ArticleLookup); ok {
		return l.Article(ctx, id)
	}
	sha, found, err := r.store.ArticleHash(ctx, id)
	return graph.Article{ID: id, SHA256: sha}, found, err
}

func (r *run) unchanged(id string) {
	r.mu.Lock()
	r.sum.Articles.Unchanged++
	r.mu.Unlock()
	r.log.Debug("unchanged", "id", id)
	r.done(0)
}

// precount walks the roots once, counting article files and bytes for the
// progress bar. Only stat calls: cheap next to extraction.
func (r *run) precount(ctx context.Context) {
	files, bytes := 0, int64(0)
	w := walker{hidden: r.opts.Hidden, exclude: r.opts.Exclude, fn: walkFuncs{
		File: func(e fileEntry) error {
			if e.Format == formatJSON || e.Format == formatJSONL || InShard(e.Rel, r.opts.Shard, r.opts.Shards) {
				files++
				bytes += e.Size
			}
			return nil
		},
		Skip: func(string, string) error { return nil },
		Fail: func(string, string, bool, string) error { return nil },
	}}
	for _, root := range r.opts.Roots {
		if w.walkRoot(ctx, root) != nil {
			break
		}
	}
	r.opts.Progress.Start(files, bytes)
}

func (r *run) fail(path, reason string) {
	r.log.Info("failed", "path", path, "reason", reason)
	r.mu.Lock()
	r.sum.Articles.Failed++
	r.sum.Failures = append(r.sum.Failures, Problem{Path: path, Reason: reason})
	r.mu.Unlock()
	r.done(0)
}

func (r *run) skip(path, reason string) {
	r.log.Debug("skipped", "path", path, "reason", reason)
	r.mu.Lock()
	r.sum.Articles.Skipped++
	r.sum.Skips = append(r.sum.Skips, Problem{Path: path, Reason: reason})
	r.mu.Unlock()
	r.done(0)
}

func (r *run) warn(path, reason string) {
	r.log.Info("warning", "path", path, "reason", reason)
	r.mu.Lock()
	r.sum.Warnings = append(r.sum.Warnings, Problem{Path: path, Reason: reason})
	r.mu.Unlock()
}

func (r *run) done(triples int) {
	if r.opts.Progress == nil {
		return
	}
	r.mu.Lock()
	r.triples += triples
	t := r.triples
	r.mu.Unlock()
	r.opts.Progress.ArticleDone(t)
}

// walk reads every file under the roots in lexical order and queues its
// articles. It runs on one goroutine, so duplicate detection (first in walk
// order wins) is deterministic.
func (r *run) walk(ctx context.Context, jobs chan<- job, results chan<- result) error {
	w := walker{hidden: r.opts.Hidden, exclude: r.opts.Exclude, fn: walkFuncs{
		File: func(e fileEntry) error { return r.readFile(ctx, e, jobs, results) },
		Skip: func(path, reason string) error { r.skip(path, reason); return nil },
		Fail: func(path, rel string, dir bool, reason string) error {
			switch {
			case dir && rel == "":
				r.protect = append(r.protect, "") // a whole root is unreadable
			case dir:
				r.protect = append(r.protect, rel+"/")
			default:
				r.protect = append(r.protect, rel)
			}
			r.fail(path, reason)
			return nil
		},
	}}
	for _, root := range r.opts.Roots {
		if err := w.walkRoot(ctx, root); err != nil {
			return err
		}
	}
	return nil
}

// readFile reads, decodes and parses one file and routes each article in it.
func (r *run) readFile(ctx context.Context, e fileEntry, jobs chan<- job, results chan<- result) error {
	multi := e.Format == formatJSON || e.Format == formatJSONL
	if !multi && !InShard(e.Rel, r.opts.Shard, r.opts.Shards) {
		return nil
	}
	if multi {
		// Records of a JSON file may be in any shard; protect the file's
		// ids from --prune until they are seen.
		r.seen[e.Rel] = e.Path
	}
	if r.opts.BeforeRead != nil {
		r.opts.BeforeRead(e.Path)
	}
	if e.Format == formatJSONL {
		return r.readJSONL(ctx, e, jobs, results)
	}
	limit := r.opts.MaxFileSize
	if e.Size > limit {
		r.protect = append(r.protect, e.Rel)
		r.fail(e.Path, tooLarge(e.Size, limit, "file"))
		return nil
	}
	f, err := os.Open(e.Path)
	if err != nil {
		r.protect = append(r.protect, e.Rel)
		r.fail(e.Path, openReason(err))
		return nil
	}
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	f.Close()
	if err != nil {
		r.protect = append(r.protect, e.Rel)
		r.fail(e.Path, "read error: "+describeErr(err))
		return nil
	}
	if int64(len(raw)) > limit {
		r.protect = append(r.protect, e.Rel)
		r.fail(e.Path, fmt.Sprintf("file grew past max_file_size %s while being read (raise max_file_size or --max-file-size)", humanBytes(limit)))
		return nil
	}
	r.mu.Lock()
	r.sum.Files++
	r.sum.Bytes += int64(len(raw))
	r.mu.Unlock()
	if r.opts.Progress != nil {
		r.opts.Progress.FileRead(int64(len(raw)))
	}
	if len(raw) == 0 {
		return r.noText(ctx, e.Rel, e.Path, "empty file")
	}
	decode := decodeText
	if e.Format == formatHTML {
		decode = decodeHTMLText
	}
	d, err := decode(raw)
	if err != nil {
		r.protect = append(r.protect, e.Rel)
		r.fail(e.Path, err.Error())
		return nil
	}
	if d.Warning != "" {
		r.warn(e.Path, d.Warning)
	}
	switch e.Format {
	case formatText:
		return r.route(ctx, e, parsePlain(d.Text), raw, jobs, results)
	case formatMarkdown:
		return r.route(ctx, e, parseMarkdown(d.Text), raw, jobs, results)
	case formatHTML:
		p, err := parseHTML(d.Text)
		if err != nil {
			r.protect = append(r.protect, e.Rel)
			r.fail(e.Path, err.Error())
			return nil
		}
		if strings.TrimSpace(p.Text) == "" {
			return r.noText(ctx, e.Rel, e.Path, "no visible text in the HTML (only script, style, navigation or markup)")
		}
		return r.route(ctx, e, p, raw, jobs, results)
	case formatJSON:
		err := parseJSONFile([]byte(d.Text), r.opts.JSON, func(p parsed, perr error) error {
			return r.routeRecord(ctx, e, p, perr, raw, jobs, results)
		})
		var de *decodeError
		if errors.As(err, &de) {
			r.protect = append(r.protect, e.Rel+"#")
			r.fail(e.Path, de.reason)
			return nil
		}
		return err
	}
	return nil
}

// routeRecord routes one record of a JSON or JSONL file.
func (r *run) routeRecord(ctx context.Context, e fileEntry, p parsed, perr error, fileRaw []byte, jobs chan<- job, results chan<- result) error {
	var re *recordError
	if errors.As(perr, &re) {
		id := e.Rel + re.Suffix
		if InShard(id, r.opts.Shard, r.opts.Shards) {
			r.seen[id] = e.Path
			r.fail(e.Path+re.Suffix, re.Reason)
		}
		return nil
	}
	if perr != nil {
		return perr
	}
	if p.Suffix != "" && !InShard(e.Rel+p.Suffix, r.opts.Shard, r.opts.Shards) {
		r.seen[e.Rel+p.Suffix] = e.Path // not ours, but not gone either
		return nil
	}
	if p.Suffix == "" && !InShard(e.Rel, r.opts.Shard, r.opts.Shards) {
		return nil
	}
	raw := fileRaw
	if p.Raw != nil {
		raw = p.Raw
	}
	return r.route(ctx, e, p, raw, jobs, results)
}

func tooLarge(size, limit int64, what string) string {
	return fmt.Sprintf("%s is %s, larger than max_file_size %s (raise max_file_size in kgb.yaml or --max-file-size to read it)", what, humanBytes(size), humanBytes(limit))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func openReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "file vanished between the folder walk and the read"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: cannot read the file (check its mode and owner)"
	}
	return "cannot open: " + describeErr(err)
}

// noText skips a file with no article text, retracting an older version of
// it from the store: its content is gone.
func (r *run) noText(ctx context.Context, id, path, reason string) error {
	r.seen[id] = path
	if _, found, err := r.store.ArticleHash(ctx, id); err == nil && found {
		if err := r.store.RetractArticle(context.WithoutCancel(ctx), id); err != nil {
			return fmt.Errorf("retract %s: %w", id, err)
		}
		reason += "; its earlier version was removed from the graph"
	}
	r.skip(path, reason)
	return nil
}

// route decides what happens to one parsed article: skipped as unchanged,
// recorded as a duplicate, or queued for extraction.
func (r *run) route(ctx context.Context, e fileEntry, p parsed, raw []byte, jobs chan<- job, results chan<- result) error {
	id := e.Rel + p.Suffix
	path := e.Path + p.Suffix
	if prev, ok := r.seen[id]; ok && prev != e.Path {
		r.fail(path, fmt.Sprintf("article id %q is already used by %s (two roots contain the same relative path; ingest them separately)", id, prev))
		return nil
	}
	r.seen[id] = e.Path
	if strings.TrimSpace(p.Text) == "" {
		return r.noText(ctx, id, path, "no text")
	}
	sum := sha256.Sum256(raw)
	hexSum := hex.EncodeToString(sum[:])
	stored, found, err := r.lookup(ctx, id)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("look up %s in the store: %w", id, err)
	}
	if !found {
		if err := r.checkLegacyID(ctx, id, hexSum); err != nil {
			return err
		}
	}
	a := graph.Article{ID: id, Path: path, SHA256: hexSum, Title: p.Title, Date: p.Date, IngestedAt: time.Now().UTC()}
	if found && stored.SHA256 == hexSum && !r.opts.Force {
		first, seenContent := r.hashes[sum]
		if stored.DuplicateOf != "" && first != stored.DuplicateOf {
			// A duplicate whose original this run has not shown unchanged
			// (yet): settled once the run's writes and prune are done.
			r.pendingDups = append(r.pendingDups, pendingDup{job: job{article: a, text: p.Text, changed: true}, orig: stored.DuplicateOf, sum: hexSum})
			if !seenContent {
				r.hashes[sum] = id
			}
			return nil
		}
		if !seenContent {
			r.hashes[sum] = id
		}
		r.unchanged(id)
		return nil
	}
	if orig, ok := r.hashes[sum]; ok {
		a.DuplicateOf = orig
		r.log.Debug("duplicate", "id", id, "of", orig)
		select {
		case results <- result{g: graph.ArticleGraph{Article: a}, changed: found, duplicate: true}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	r.hashes[sum] = id
	select {
	case jobs <- job{article: a, text: p.Text, changed: found}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// extract runs one article through the extractor and hands its graph to
// the writer. An interrupted extraction is abandoned whole.
func (r *run) extract(ctx context.Context, j job, results chan<- result) {
	if ctx.Err() != nil {
		r.abandon(j)
		return
	}
	res, err := extractChunked(ctx, r.ex, j.article.ID, j.text, r.opts.ChunkSize)
	if err != nil {
		if ctx.Err() != nil {
			r.abandon(j)
			return
		}
		r.fail(j.article.Path, "extraction failed: "+err.Error())
		return
	}
	g := toGraph(j.article, j.text, res, r.opts.RelationTypes)
	if err := graph.CheckArticleGraph(g); err != nil {
		r.fail(j.article.Path, "invalid graph: "+err.Error())
		return
	}
	// The writer drains results until the workers are done, so this send
	// cannot block forever.
	results <- result{g: g, changed: j.changed, sentences: res.Sentences}
}

func (r *run) abandon(j job) {
	r.log.Info("abandoned", "id", j.article.ID)
	r.mu.Lock()
	r.sum.Abandoned++
	r.mu.Unlock()
}

// extractChunked extracts text in pieces of at most chunkSize bytes cut at
// paragraph, line or sentence breaks, shifting offsets and sentence indices
// back into the whole text.
func extractChunked(ctx context.Context, ex Extractor, id, text string, chunkSize int) (*extract.Result, error) {
	if len(text) <= chunkSize {
		return ex.Extract(ctx, id, text)
	}
	out := &extract.Result{Doc: id}
	for off := 0; off < len(text); {
		end := cutPoint(text, off, chunkSize)
		res, err := ex.Extract(ctx, id, text[off:end])
		if err != nil {
			return nil, err
		}
		base := out.Sentences
		for _, t := range res.Triples {
			t.SentenceIndex += base
			t.SentenceStart += off
			shiftSpan(&t.Subject, off)
			shiftSpan(&t.Object, off)
			t.Relation.Start += off
			t.Relation.End += off
			for i := range t.Extra {
				shiftSpan(&t.Extra[i], off)
			}
			out.Triples = append(out.Triples, t)
		}
		for _, sp := range res.Entities {
			shiftSpan(&sp, off)
			out.Entities = append(out.Entities, sp)
		}
		out.Sentences += res.Sentences
		off = end
	}
	return out, nil
}

func shiftSpan(s *extract.Span, off int) { s.Start += off; s.End += off }

// cutPoint returns where the chunk starting at off should end.
func cutPoint(text string, off, size int) int {
	if len(text)-off <= size {
		return len(text)
	}
	win := text[off : off+size]
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if i := strings.LastIndex(win, sep); i > size/2 {
			return off + i + len(sep)
		}
	}
	end := off + size
	for end > off && (text[end]&0xC0) == 0x80 {
		end--
	}
	return end
}

// writer batches results and writes them to the store. It returns a non-nil
// error only when the store fails in a way that is not one article's fault.
//
// One write is in flight at a time, in its own goroutine, while the next
// batch fills: extraction and a database round trip overlap instead of
// taking turns (with Neo4j, a batch's write costs as much as its
// extraction). Batches are written in order; the summary and the store see
// them one after the other, as before.
func (r *run) writer(ctx context.Context, results <-chan result) error {
	batch := make([]result, 0, r.opts.BatchArticles)
	timer := time.NewTimer(r.opts.FlushInterval)
	defer timer.Stop()
	var fatal error
	var inflight chan error // the running write's result; nil when none runs
	wait := func() {
		if inflight != nil {
			if err := <-inflight; err != nil && fatal == nil {
				fatal = err
			}
			inflight = nil
		}
	}
	busy := func() bool { // a write is running (a finished one is collected)
		if inflight == nil {
			return false
		}
		select {
		case err := <-inflight:
			if err != nil && fatal == nil {
				fatal = err
			}
			inflight = nil
			return false
		default:
			return true
		}
	}
	flush := func() {
		wait()
		if len(batch) == 0 || fatal != nil {
			batch = batch[:0]
			return
		}
		b := batch
		batch = make([]result, 0, r.opts.BatchArticles)
		done := make(chan error, 1)
		inflight = done
		go func() { done <- r.write(ctx, b) }()
	}
	for {
		select {
		case res, ok := <-results:
			if !ok {
				flush()
				wait()
				return fatal
			}
			if fatal != nil {
				continue // drain so workers can finish
			}
			batch = append(batch, res)
			if len(batch) >= r.opts.BatchArticles {
				flush()
			}
		case <-timer.C:
			// A due batch waits for a running write only when it is full.
			if !busy() {
				flush()
			}
			timer.Reset(r.opts.FlushInterval)
		}
		busy() // collects a finished write's error
		if fatal != nil {
			wait()
			return fatal
		}
	}
}

// write writes one batch: in one call when the store supports it, else (or
// when the batch fails) one article at a time, so one bad article fails
// alone. Three article writes failing in a row means the store itself is
// failing: that error is returned and the run stops.
func (r *run) write(ctx context.Context, batch []result) error {
	gs := make([]graph.ArticleGraph, len(batch))
	for i, b := range batch {
		gs[i] = b.g
	}
	var batchErr error
	if bs, ok := r.store.(graph.BatchStore); ok && len(gs) > 1 {
		batchErr = bs.ReplaceArticles(ctx, gs)
		if batchErr == nil {
			for _, b := range batch {
				r.written(b)
			}
			return nil
		}
		if errors.Is(batchErr, graph.ErrUnavailable) {
			return unavailable(batchErr, len(gs))
		}
		r.log.Warn("batch write failed; writing its articles one by one", "articles", len(gs), "err", batchErr)
	}
	for _, b := range batch {
		if err := r.store.ReplaceArticle(ctx, b.g); err != nil {
			if errors.Is(err, graph.ErrUnavailable) {
				return unavailable(err, len(gs))
			}
			r.failedWrites++
			r.fail(b.g.Article.Path, "store write failed: "+err.Error())
			if r.failedWrites >= 3 {
				return fmt.Errorf("store keeps failing: %w", err)
			}
			continue
		}
		r.failedWrites = 0
		r.written(b)
	}
	return nil
}

// unavailable is the run's error when the store cannot be reached: not an
// article's fault, so the run stops at once instead of failing article after
// article. Each write is all-or-nothing, so nothing is half-written.
func unavailable(err error, pending int) error {
	return fmt.Errorf("%w (the %d articles being written were not stored; run the same command again to resume)", err, pending)
}

func (r *run) written(b result) {
	r.mu.Lock()
	switch {
	case b.duplicate:
		r.sum.Articles.Duplicate++
	case b.changed:
		r.sum.Articles.Changed++
	default:
		r.sum.Articles.New++
	}
	if !b.duplicate {
		r.sum.Sentences += b.sentences
		r.sum.Triples += len(b.g.Edges)
		r.sum.Entities += len(b.g.Entities)
	}
	r.mu.Unlock()
	r.log.Debug("written", "id", b.g.Article.ID, "edges", len(b.g.Edges), "duplicate_of", b.g.Article.DuplicateOf)
	r.done(len(b.g.Edges))
}

// prune retracts stored articles of this shard under the roots' id
// prefixes that the walk did not see, except under folders or files that
// could not be read. Articles of other roots are never touched.
func (r *run) prune(ctx context.Context) error {
	var gone []string
	for _, prefix := range r.prefixes {
		err := r.store.ArticleIDs(ctx, prefix, func(id string) error {
			if _, ok := r.seen[id]; ok || !InShard(id, r.opts.Shard, r.opts.Shards) {
				return nil
			}
			for _, p := range r.protect {
				if p == "" || id == p || strings.HasPrefix(id, p) && (strings.HasSuffix(p, "/") || strings.HasSuffix(p, "#")) {
					return nil
				}
			}
			gone = append(gone, id)
			return nil
		})
		if err != nil {
			return fmt.Errorf("prune: list stored articles: %w", err)
		}
	}
	for _, id := range gone {
		if err := ctx.Err(); err != nil {
			r.sum.Interrupted = true
			return err
		}
		if err := r.store.RetractArticle(ctx, id); err != nil {
			return fmt.Errorf("prune %s: %w", id, err)
		}
		r.log.Info("pruned", "id", id)
		r.mu.Lock()
		r.sum.Articles.Pruned++
		r.mu.Unlock()
	}
	return nil
}
