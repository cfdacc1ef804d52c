package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/extract/syntax"
	"github.com/spf13/cobra"
)

// parseOptions are the flags of `kgb parse`.
type parseOptions struct {
	Format      string // conllu or tree
	Text        string // parse this text instead of a file
	AsExtracted bool   // show the tags and trees article-mode extraction reads
}

func newParseCmd() *cobra.Command {
	var opts parseOptions
	cmd := &cobra.Command{
		Use:   "parse [flags] FILE|-|--text TEXT",
		Short: "Print the dependency parse of every sentence of a text",
		Long: `parse splits a text into sentences and tokens as kgb extract does, tags the
tokens with kgb's Penn Treebank tagger and parses each sentence with kgb's
dependency parser (Universal Dependencies v2 relations, both trained on UD
English EWT).

--format conllu (default) prints CoNLL-U: XPOS, HEAD and DEPREL are filled,
MISC holds TokenRange=START:END, byte offsets of the token in the input as
decoded (UTF-8, line endings as \n, as kgb extract reads files).
--format tree prints an indented tree per sentence.
--as-extracted shows the tags and trees article-mode extraction reads: the
same tagger and parser after extraction's tag repairs (titles before names,
names prose's tagger is sure of, honorifics), so a rule writer sees the tree
the rules saw.`,
		Example: `  kgb parse --text "The bridge was built by the army in 1950."
  kgb parse --format tree examples/articles/summit.txt
  echo "Anna said she would stay." | kgb parse -
  kgb parse --as-extracted --format tree --text "Ostmark chief executive Jan Kerr left."`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runParse(cmd.Context(), opts, args, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "conllu", "output format: conllu or tree")
	f.StringVar(&opts.Text, "text", "", "text to parse (instead of FILE or -)")
	f.BoolVar(&opts.AsExtracted, "as-extracted", false, "show the tags and trees extraction reads (after its tag repairs)")
	return cmd
}

// runParse is `kgb parse` without cobra.
func runParse(ctx context.Context, opts parseOptions, args []string, stdin io.Reader, stdout io.Writer) error {
	if opts.Format != "conllu" && opts.Format != "tree" {
		return usagef("parse: unknown --format %q (want conllu or tree)", opts.Format)
	}
	var text string
	switch {
	case opts.Text != "" && len(args) > 0:
		return usagef("parse: give --text or a FILE/-, not both")
	case opts.Text != "":
		text = strings.ReplaceAll(opts.Text, "\r\n", "\n")
	case len(args) == 1:
		t, _, err := readDoc(args[0], stdin)
		if err != nil {
			return usagef("parse: %w", err)
		}
		text = t
	default:
		return usagef("parse: give a FILE, - or --text (see kgb parse --help)")
	}
	sents, err := parseSentences(ctx, text, opts.AsExtracted)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	for si, ps := range sents {
		toks, tags, tree := ps.Tokens, ps.Tags, &ps.Tree
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		sentText := strings.Join(strings.Fields(text[toks[0].Start:toks[len(toks)-1].End]), " ")
		if opts.Format == "tree" {
			fmt.Fprintf(out, "# %d: %s\n", si+1, sentText)
			writeTree(out, toks, tags, tree)
			out.WriteByte('\n')
			continue
		}
		misc := make([]string, len(toks))
		for i, t := range toks {
			misc[i] = "TokenRange=" + strconv.Itoa(t.Start) + ":" + strconv.Itoa(t.End)
		}
		s := &syntax.Sentence{
			Comments: []string{"sent_id = " + strconv.Itoa(si+1), "text = " + sentText},
			Form:     words, XPOS: tags, Head: tree.Head, Deprel: tree.Label, Misc: misc,
		}
		if err := syntax.WriteCoNLLU(out, s); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return nil
}

// parseSentences tags and parses text: with kgb's tagger alone, or as
// article-mode extraction does (asExtracted).
func parseSentences(ctx context.Context, text string, asExtracted bool) ([]extract.ParsedSentence, error) {
	if asExtracted {
		ex, err := extract.New(extract.Options{})
		if err != nil {
			return nil, err
		}
		sents, err := ex.Parse(ctx, text)
		if err != nil && ctx.Err() != nil {
			return nil, errInterrupted
		}
		return sents, err
	}
	seg, err := extract.NewSegmenter()
	if err != nil {
		return nil, err
	}
	tagger, parser, err := syntax.LoadAll()
	if err != nil {
		return nil, err
	}
	var out []extract.ParsedSentence
	for _, toks := range seg.Sentences(text) {
		if ctx.Err() != nil {
			return nil, errInterrupted
		}
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		ps := extract.ParsedSentence{Tokens: toks, Tags: tagger.Tag(words, nil)}
		parser.Parse(words, ps.Tags, &ps.Tree)
		out = append(out, ps)
	}
	return out, nil
}

// writeTree prints t as an indented tree: one token a line, dependents
// under their head in sentence order.
func writeTree(w *bufio.Writer, toks []extract.Token, tags []string, t *syntax.Tree) {
	kids := make([][]int, t.Len())
	for i, h := range t.Head {
		if h >= 0 {
			kids[h] = append(kids[h], i)
		}
	}
	var walk func(i int, prefix string, last bool, top bool)
	walk = func(i int, prefix string, last bool, top bool) {
		branch, next := "", ""
		if !top {
			branch, next = "├─ ", "│  "
			if last {
				branch, next = "└─ ", "   "
			}
		}
		fmt.Fprintf(w, "%s%s%s %s %s [%d:%d]\n", prefix, branch, t.Label[i], toks[i].Text, tags[i], toks[i].Start, toks[i].End)
		for k, c := range kids[i] {
			walk(c, prefix+next, k == len(kids[i])-1, false)
		}
	}
	if r := t.Root(); r >= 0 {
		walk(r, "", true, true)
	}
}
