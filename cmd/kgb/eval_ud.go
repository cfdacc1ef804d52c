package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kgb-dev/kgb/extract/syntax"
	"github.com/spf13/cobra"
)

// evalUDOptions are the flags of `kgb eval ud`.
type evalUDOptions struct {
	Gold   string  // CoNLL-U gold file
	JSON   bool    // print one JSON object
	MinUAS float64 // exit non-zero when UAS is below
	MinLAS float64 // exit non-zero when LAS is below
}

func newEvalUDCmd() *cobra.Command {
	var opts evalUDOptions
	cmd := &cobra.Command{
		Use:   "ud",
		Short: "Score kgb's tagger and dependency parser on a Universal Dependencies treebank",
		Long: `ud tags and parses the gold tokens of a CoNLL-U file with kgb's tagger and
parser and scores them with the CoNLL 2018 definitions: UAS (head), LAS
(head and label without subtype), las_full (head and full label), all tokens
including punctuation; xpos is the tagger's accuracy on the XPOS column.
tokens_per_s is the parser alone (one goroutine, tags given);
pipeline_tokens_per_s is tagger and parser together.

--min-uas/--min-las make the command fail (exit 1) when a figure falls below
the floor.`,
		Example: `  kgb eval ud --gold ../shared/corpora/ud-ewt/en_ewt-ud-dev.conllu
  kgb eval ud --gold ../shared/corpora/ud-ewt/en_ewt-ud-dev.conllu --json --min-las 80`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalUD(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Gold, "gold", "", "CoNLL-U gold file (required)")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON object")
	f.Float64Var(&opts.MinUAS, "min-uas", 0, "fail when UAS is below this floor")
	f.Float64Var(&opts.MinLAS, "min-las", 0, "fail when LAS is below this floor")
	return cmd
}

// udResult is the output of `kgb eval ud`.
type udResult struct {
	syntax.Scores
	TokensPerS         float64 `json:"tokens_per_s"`
	PipelineTokensPerS float64 `json:"pipeline_tokens_per_s"`
	LoadMS             float64 `json:"load_ms"`
}

// runEvalUD is `kgb eval ud` without cobra.
func runEvalUD(ctx context.Context, opts evalUDOptions, stdout io.Writer) error {
	if opts.Gold == "" {
		return usagef("eval ud: --gold is required")
	}
	f, err := os.Open(opts.Gold)
	if err != nil {
		return usagef("eval ud: %w", err)
	}
	gold, err := syntax.ReadCoNLLU(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", opts.Gold, err)
	}
	t0 := time.Now()
	tagger, parser, err := syntax.LoadAll()
	if err != nil {
		return err
	}
	load := time.Since(t0)

	tags := make([][]string, len(gold))
	t1 := time.Now()
	for i, s := range gold {
		tags[i] = tagger.Tag(s.Form, nil)
	}
	tagTime := time.Since(t1)
	if err := ctx.Err(); err != nil {
		return errInterrupted
	}
	trees := make([]syntax.Tree, len(gold))
	t2 := time.Now()
	for i, s := range gold {
		parser.Parse(s.Form, tags[i], &trees[i])
	}
	parseTime := time.Since(t2)
	var e syntax.Eval
	for i, s := range gold {
		e.Add(s, tags[i], &trees[i])
	}
	res := udResult{Scores: e.Scores(), LoadMS: float64(load.Microseconds()) / 1000}
	if parseTime > 0 {
		res.TokensPerS = float64(res.Tokens) / parseTime.Seconds()
		res.PipelineTokensPerS = float64(res.Tokens) / (parseTime + tagTime).Seconds()
	}
	if opts.JSON {
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
	} else {
		fmt.Fprintf(stdout, "UD %s: sentences %d  tokens %d\n", opts.Gold, res.Sentences, res.Tokens)
		fmt.Fprintf(stdout, "UAS %.2f  LAS %.2f  las_full %.2f  xpos %.2f\n", res.UAS, res.LAS, res.LASFull, res.XPOS)
		fmt.Fprintf(stdout, "parser %.0f tokens/s, tagger+parser %.0f tokens/s (one goroutine); models loaded in %.0f ms\n",
			res.TokensPerS, res.PipelineTokensPerS, res.LoadMS)
	}
	if res.UAS < opts.MinUAS {
		return fmt.Errorf("ud uas %.2f < floor %.2f: %w", res.UAS, opts.MinUAS, errBelowFloor)
	}
	if res.LAS < opts.MinLAS {
		return fmt.Errorf("ud las %.2f < floor %.2f: %w", res.LAS, opts.MinLAS, errBelowFloor)
	}
	return nil
}
