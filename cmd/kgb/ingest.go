package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/ingest"
)

// ingestOptions are the flags of `kgb ingest` that are not configuration keys.
type ingestOptions struct {
	Prune    bool     // retract stored articles whose files are gone
	Force    bool     // re-extract unchanged articles
	Shard    string   // "i/n": only articles whose id hashes to shard i of n
	JSON     bool     // print the summary as one JSON object
	Quiet    bool     // no progress bar
	Progress bool     // show a progress bar (set when stderr is a terminal)
	Exclude  []string // extra glob patterns of files and folders to skip
	// NoDefaultExclude drops ingest.DefaultExclude (README*, LICENSE*, ...).
	NoDefaultExclude bool
}

func newIngestCmd() *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Extract triples from folders of articles into the graph store",
		Long: `ingest walks each PATH (a folder, recursively, or a file), reads every article
(.txt, .md, .html/.htm, .json, .jsonl; other files are skipped with a reason),
extracts (subject, relation, object) triples and writes them with their
evidence to the configured store: the embedded database ./kgb.db (a directory) by default, or
Neo4j when neo4j.uri / NEO4J_URI is set (see kgb config show).

An article's id is the name of the PATH folder it was found under and its
path inside it: bbc/politics/001.txt ingested as "kgb ingest bbc/politics" is
politics/001.txt, from any directory, so the same folder is always the same
articles and "kgb ingest bbc/sport" next never replaces them. Two different
folders with the same name, or one PATH inside another, are refused in one
run. Articles whose content is unchanged since the last run are skipped
without NLP; changed ones are replaced; an article with the same content as
another is recorded as its duplicate and not extracted twice (and is
extracted when that original changes or goes). --prune retracts stored
articles of the PATHs given whose files are gone; other folders' articles
are never touched.

A corpus's README, licence and similar files are not articles: names
matching README*, READ.ME, LICENSE*, LICENCE*, COPYING*, NOTICE*, CHANGELOG*,
CHANGES*, CONTRIBUTING*, AUTHORS* or CITATION* are skipped (case-insensitive;
--no-default-excludes reads them). --exclude adds glob patterns: a pattern
matches a file or folder name ('*.draft.txt'), or with a slash the path
inside the PATH ('drafts/*').

Text files are UTF-8, UTF-8 or UTF-16 with a BOM, or else read as
Windows-1252 with a warning; files with NUL bytes are refused as binary.

Ctrl-C stops taking new files, abandons in-flight articles whole, prints the
summary and exits 130; run the same command again to continue. --shard i/n
splits a corpus between n machines (or Kubernetes indexed Jobs) sharing one
Neo4j: each processes the articles whose id hashes to i (0-based).

Exit codes: 0 all ingested, 3 some files failed (the rest were ingested and
the failures are listed in the summary), 2 usage or configuration error,
1 fatal error, 130 interrupted.`,
		Example: `  # the example articles into ./kgb.db, then explore
  kgb ingest examples/articles
  kgb show "Helen Marsh"

  # a corpus into Neo4j, 4 workers, summary as JSON
  NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=secret kgb ingest --workers 4 --json ../shared/corpora/bbc

  # mirror a folder: also remove articles whose files were deleted
  kgb ingest --prune ./articles

  # skip drafts and index pages too
  kgb ingest --exclude 'drafts' --exclude 'index.html' ./site

  # machine 2 of 3 (Kubernetes: --shard $JOB_COMPLETION_INDEX/3)
  kgb ingest --shard 1/3 /data/articles`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("ingest needs at least one folder or file, e.g. kgb ingest examples/articles")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.Progress = !opts.Quiet && !opts.JSON && isTerminal(cmd.ErrOrStderr())
			return runIngest(cmd.Context(), opts, cfg, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Prune, "prune", false, "retract stored articles whose files are gone from the PATHs")
	f.BoolVar(&opts.Force, "force", false, "re-extract articles even when unchanged")
	f.StringVar(&opts.Shard, "shard", "", "process only shard i of n (0-based), e.g. 0/4")
	f.BoolVar(&opts.JSON, "json", false, "print the summary as one JSON object")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress bar; print only the summary")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "skip files and folders matching this glob (repeatable; a name, or a path inside PATH with /)")
	f.BoolVar(&opts.NoDefaultExclude, "no-default-excludes", false, "also read README*, LICENSE* and similar files")
	addConfigFlags(cmd)
	return cmd
}

// parseShard parses "i/n".
func parseShard(s string) (i, n int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, usagef("--shard %q: want i/n with 0 <= i < n, e.g. 0/4", s)
	}
	return i, n, nil
}

// ingestBeforeRead is ingest.Options.BeforeRead for runIngest; tests set it
// to make a file vanish between the walk and the read.
var ingestBeforeRead func(path string)

// runIngest runs `kgb ingest` with a loaded configuration.
func runIngest(ctx context.Context, opts ingestOptions, cfg *config.Config, paths []string, stdout, stderr io.Writer) error {
	shard, shards, err := parseShard(opts.Shard)
	if err != nil {
		return err
	}
	rt, err := config.LoadRelationTypes(cfg.RelationTypes)
	if err != nil {
		return &usageError{err: err}
	}
	log := newLogger(cfg, stderr)
	ex, err := extract.New(extract.Options{KG: extract.KGOptions{AliasesFile: cfg.Aliases}})
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	exclude := append([]string{}, opts.Exclude...)
	if !opts.NoDefaultExclude {
		exclude = append(exclude, ingest.DefaultExclude...)
	}
	if err := ingest.CheckExclude(exclude); err != nil {
		return &usageError{err: err}
	}
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))

	iopts := ingest.Options{
		Roots:         paths,
		Workers:       cfg.Workers,
		MaxFileSize:   int64(cfg.MaxFileSize),
		Hidden:        cfg.Hidden,
		Exclude:       exclude,
		BatchArticles: cfg.BatchArticles,
		JSON: ingest.JSONFields{
			Text: cfg.JSON.TextFields, Title: cfg.JSON.TitleFields, ID: cfg.JSON.IDFields, Date: cfg.JSON.DateFields,
		},
		RelationTypes: rt,
		Prune:         opts.Prune,
		Force:         opts.Force,
		Shard:         shard,
		Shards:        shards,
		Logger:        log,
		BeforeRead:    ingestBeforeRead,
	}
	var bar *barProgress
	if opts.Progress {
		bar = &barProgress{w: stderr}
		iopts.Progress = bar
	}
	log.Info("ingest starting", "paths", paths, "store", cfg.Store, "workers", cfg.Workers)
	sum, runErr := ingest.Run(ctx, store, ex, iopts)
	if bar != nil {
		bar.finish()
	}
	if sum == nil {
		// Nothing ran: the paths or options were wrong.
		return &usageError{err: runErr}
	}
	if err := store.Close(context.WithoutCancel(ctx)); err != nil && runErr == nil {
		runErr = fmt.Errorf("close store: %w", err)
	}
	var werr error
	if opts.JSON {
		werr = sum.WriteJSON(stdout)
	} else {
		werr = sum.WriteText(stdout)
	}
	var legacy *ingest.LegacyIDError
	switch {
	case runErr != nil && (errors.Is(runErr, context.Canceled) || sum.Interrupted) && ctx.Err() != nil:
		return errInterrupted
	case errors.As(runErr, &legacy):
		return &usageError{err: runErr}
	case runErr != nil:
		return runErr
	case werr != nil:
		return fmt.Errorf("print summary: %w", werr)
	case sum.Articles.Failed > 0:
		return &partialError{failed: sum.Articles.Failed}
	}
	return nil
}

// barProgress draws a progress bar on a terminal: bytes read (with rate and
// ETA), files, triples.
type barProgress struct {
	w     io.Writer
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	files int
	read  int
}

func (b *barProgress) Start(files int, bytes int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.files = files
	b.bar = progressbar.NewOptions64(bytes,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription(fmt.Sprintf("0/%d files", files)),
	)
}

func (b *barProgress) FileRead(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.read++
	if b.bar != nil {
		_ = b.bar.Add64(n)
	}
}

func (b *barProgress) ArticleDone(triples int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		b.bar.Describe(fmt.Sprintf("%d/%d files, %d triples", b.read, b.files, triples))
	}
}

func (b *barProgress) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Clear()
		fmt.Fprintln(b.w)
	}
}
