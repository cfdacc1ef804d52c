package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/ingest"
	"github.com/spf13/cobra"
)

// extractOptions are the flags of `kgb extract`.
type extractOptions struct {
	Format   string // jsonl, table (article mode) or carb (lines mode)
	Lines    bool   // lines mode: one pre-tokenised sentence per line, CaRB output
	Explain  bool   // show the rules that fired for each triple
	Workers  int    // documents analysed in parallel; 0 means GOMAXPROCS
	Aliases  string // YAML aliases file for the knowledge-graph layer
	Patterns bool   // article mode reads the POS patterns instead of the dependency parse
}

func newExtractCmd() *cobra.Command {
	var opts extractOptions
	cmd := &cobra.Command{
		Use:   "extract [flags] FILE...|DIR|-",
		Short: "Extract (subject, relation, object) triples from text",
		Long: `extract runs kgb's Open IE engine and prints the triples it finds, without
storing anything.

Article mode (default) reads whole documents: files, directories (every *.txt
file under them, recursively) or - for standard input. Output is one JSON
object per triple (--format jsonl) or an aligned table (--format table).
Arguments are resolved to canonical entities; byte offsets point into the
document as decoded: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252
with a warning, line endings as \n, exactly as kgb ingest reads files.

Lines mode (--lines) reads one sentence per line, possibly Penn-Treebank
tokenised, and prints CaRB's tabbed format:
  sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2[<TAB>arg3...]
with the input line copied verbatim and arguments as space-joined input tokens.`,
		Example: `  # triples of one article as JSON lines
  kgb extract examples/articles/summit.txt

  # a readable table with the rules that fired for each triple
  kgb extract --format table --explain examples/articles/phone-call.txt

  # every .txt file under a folder, using all cores
  kgb extract --format jsonl ../shared/corpora/bbc > bbc.jsonl

  # from standard input
  echo "Acme Corp said on Monday that it bought Beta Ltd for \$5 million." | kgb extract --format table -

  # Open IE lines mode, CaRB output
  kgb extract --lines --format carb ../shared/eval/carb/dev.txt > dev.carb.tsv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("format") && opts.Lines {
				opts.Format = "carb"
			}
			return runExtract(cmd.Context(), opts, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "jsonl", "output format: jsonl or table (article mode), carb (lines mode)")
	f.BoolVar(&opts.Lines, "lines", false, "lines mode: one sentence per line, CaRB output")
	f.BoolVar(&opts.Explain, "explain", false, "show the rules that fired for each triple")
	f.IntVar(&opts.Workers, "workers", 0, "documents analysed in parallel (0 = GOMAXPROCS)")
	f.StringVar(&opts.Aliases, "aliases", "", "YAML file of entity aliases (\"Kremlin: Russia\")")
	f.BoolVar(&opts.Patterns, "patterns", false, "article mode: read the flat POS patterns of lines mode instead of the dependency parse (the pre-parser extractor, for comparison)")
	return cmd
}

// runExtract is `kgb extract` without cobra.
func runExtract(ctx context.Context, opts extractOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("extract: give at least one FILE, DIR or - (see kgb extract --help)")
	}
	switch {
	case opts.Lines && opts.Format != "carb":
		return usagef("extract: --lines prints --format carb, not %q", opts.Format)
	case !opts.Lines && opts.Format != "jsonl" && opts.Format != "table":
		return usagef("extract: unknown --format %q (want jsonl or table; carb needs --lines)", opts.Format)
	}
	ex, err := extract.New(extract.Options{KG: extract.KGOptions{AliasesFile: opts.Aliases}, Patterns: opts.Patterns})
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	if opts.Lines {
		return runExtractLines(ctx, ex, args, stdin, out)
	}
	inputs, err := expandInputs(args)
	if err != nil {
		return err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var tw *tabwriter.Writer
	if opts.Format == "table" {
		tw = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		hdr := "DOC\tSENT\tCONF\tSUBJECT\tRELATION\tOBJECT\tEXTRA"
		if opts.Explain {
			hdr += "\tRULES"
		}
		fmt.Fprintln(tw, hdr)
		defer tw.Flush()
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	emit := func(r docResult) error {
		if r.warning != "" {
			fmt.Fprintf(stderr, "kgb: %s: %s\n", r.name, r.warning)
		}
		if r.err != nil {
			failed++
			fmt.Fprintf(stderr, "kgb: %s: %v\n", r.name, r.err)
			return nil
		}
		for _, t := range r.res.Triples {
			if tw != nil {
				writeTableRow(tw, t, opts.Explain)
				continue
			}
			if !opts.Explain {
				t.Rules = nil
			}
			if err := enc.Encode(t); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		}
		return nil
	}
	if err := processDocs(ctx, ex, inputs, stdin, workers, emit); err != nil {
		return err
	}
	if failed > 0 {
		return &partialError{failed: failed}
	}
	return nil
}

func writeTableRow(tw io.Writer, t extract.Triple, explain bool) {
	rel := t.Relation.Text
	if t.Relation.Negated {
		rel += " [neg]"
	}
	var extra []string
	for _, x := range t.Extra {
		extra = append(extra, x.Text)
	}
	subj := t.Subject.Name
	if t.ReportedBy != "" {
		subj += " (per " + t.ReportedBy + ")"
	}
	row := fmt.Sprintf("%s\t%d\t%.2f\t%s\t%s\t%s\t%s", t.Doc, t.SentenceIndex, t.Confidence,
		subj, rel, t.Object.Name, strings.Join(extra, "; "))
	if explain {
		row += "\t" + strings.Join(t.Rules, ",")
	}
	fmt.Fprintln(tw, row)
}

// expandInputs turns the arguments into a list of documents: files as
// given, directories walked for *.txt files (sorted), "-" for stdin.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, usagef("extract: %w", err)
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".txt") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", a, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

type docResult struct {
	name    string
	res     *extract.Result
	warning string // from decoding the input
	err     error
}

// readDoc reads one input as text, decoded as ingest decodes files
// (ingest.DecodeText), with the decoder's warning ("" if none).
func readDoc(name string, stdin io.Reader) (text, warning string, err error) {
	var b []byte
	if name == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return "", "", err
	}
	return ingest.DecodeText(b)
}

// processDocs extracts every input on a pool of workers and hands the
// results to emit in input order.
func processDocs(ctx context.Context, ex *extract.Extractor, inputs []string, stdin io.Reader, workers int,
	emit func(docResult) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		i    int
		name string
	}
	jobs := make(chan job)
	results := make([]chan docResult, len(inputs))
	for i := range results {
		results[i] = make(chan docResult, 1)
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				text, warning, err := readDoc(j.name, stdin)
				var res *extract.Result
				if err == nil {
					res, err = ex.Extract(ctx, j.name, text)
				}
				results[j.i] <- docResult{name: j.name, res: res, warning: warning, err: err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, n := range inputs {
			select {
			case jobs <- job{i, n}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var firstErr error
	for i := range inputs {
		var r docResult
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			firstErr = ctx.Err()
		}
		if firstErr != nil {
			break
		}
		if r.err != nil && errors.Is(r.err, context.Canceled) && ctx.Err() != nil {
			firstErr = ctx.Err()
			break
		}
		if err := emit(r); err != nil {
			firstErr = err
			break
		}
	}
	cancel()
	wg.Wait()
	if firstErr != nil && errors.Is(firstErr, context.Canceled) {
		return errInterrupted
	}
	return firstErr
}

// runExtractLines is lines mode: CaRB tabbed output, one input sentence per line.
func runExtractLines(ctx context.Context, ex *extract.Extractor, args []string, stdin io.Reader, out io.Writer) error {
	for _, a := range args {
		var r io.Reader
		if a == "-" {
			r = stdin
		} else {
			f, err := os.Open(a)
			if err != nil {
				return usagef("extract: %w", err)
			}
			defer f.Close()
			r = f
		}
		lines, err := readLines(r)
		if err != nil {
			return fmt.Errorf("read %s: %w", a, err)
		}
		res, err := extractLines(ctx, ex, lines, runtime.GOMAXPROCS(0))
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return errInterrupted
			}
			return err
		}
		for i, line := range lines {
			for _, t := range res[i] {
				if err := writeCarbLine(out, line, t); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func readLines(r io.Reader) ([]string, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines, sc.Err()
}

// extractLines runs ExtractLine over lines on a pool of workers.
func extractLines(ctx context.Context, ex *extract.Extractor, lines []string, workers int) ([][]extract.LineTriple, error) {
	res := make([][]extract.LineTriple, len(lines))
	errs := make([]error, len(lines))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res[i], errs[i] = ex.ExtractLine(ctx, lines[i])
			}
		}()
	}
	for i := range lines {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

func writeCarbLine(w io.Writer, sentence string, t extract.LineTriple) error {
	var b strings.Builder
	b.WriteString(sentence)
	b.WriteByte('\t')
	b.WriteString(strconv.FormatFloat(t.Confidence, 'f', 6, 64))
	b.WriteByte('\t')
	b.WriteString(strings.ReplaceAll(t.Relation, "\t", " "))
	for _, a := range t.Args {
		b.WriteByte('\t')
		b.WriteString(strings.ReplaceAll(a, "\t", " "))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}
