package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/extract/carb"
	"github.com/spf13/cobra"
)

func newEvalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "eval",
		Short:   "Evaluate kgb's extraction on benchmarks",
		Example: `  kgb eval carb --gold ../shared/eval/carb/dev.gold.tsv --sentences ../shared/eval/carb/dev.txt`,
	}
	cmd.AddCommand(newEvalCarbCmd(), newEvalUDCmd())
	return cmd
}

// evalCarbOptions are the flags of `kgb eval carb`.
type evalCarbOptions struct {
	Gold      string  // CaRB gold tuples (sentence<TAB>rel<TAB>arg1...)
	Sentences string  // sentences to extract from, one per line
	Subset    string  // optional list of sentences to score separately
	SystemOut string  // optional file to write the system's CaRB output to
	MinF1     float64 // exit non-zero when F1 (all sentences) is below
	MinAUC    float64 // exit non-zero when AUC (all sentences) is below
}

func newEvalCarbCmd() *cobra.Command {
	var opts evalCarbOptions
	cmd := &cobra.Command{
		Use:   "carb",
		Short: "Score lines-mode extraction on CaRB (AUC, precision, recall, F1)",
		Long: `carb runs kgb's extractor in lines mode over --sentences and scores the
result against --gold with CaRB's default scoring: binary lenient tuple
matching, the best-F1 confidence threshold, and the area under the P/R curve.
The numbers agree with ../shared/tools/carb_score.py to 3 decimals.

With --subset the same figures are printed for the listed sentences too
(e.g. the newswire part of the dev split). --min-f1/--min-auc make the command
fail (exit 1) when the all-sentences figure falls below the floor.`,
		Example: `  kgb eval carb --gold ../shared/eval/carb/dev.gold.tsv --sentences ../shared/eval/carb/dev.txt

  # newswire figures too, keep the system output, and enforce a floor
  kgb eval carb --gold ../shared/eval/carb/dev.gold.tsv --sentences ../shared/eval/carb/dev.txt \
      --subset ../shared/eval/carb/dev.newswire.txt --system-out /tmp/dev.carb.tsv --min-f1 0.40 --min-auc 0.22`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalCarb(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Gold, "gold", "", "CaRB gold file (required)")
	f.StringVar(&opts.Sentences, "sentences", "", "sentences to extract from, one per line (required)")
	f.StringVar(&opts.Subset, "subset", "", "also score only the sentences listed in this file")
	f.StringVar(&opts.SystemOut, "system-out", "", "write the system's CaRB tabbed output here")
	f.Float64Var(&opts.MinF1, "min-f1", 0, "fail when F1 is below this floor")
	f.Float64Var(&opts.MinAUC, "min-auc", 0, "fail when AUC is below this floor")
	return cmd
}

// errBelowFloor reports a CaRB figure under its regression floor.
var errBelowFloor = errors.New("below the regression floor")

// runEvalCarb is `kgb eval carb` without cobra.
func runEvalCarb(ctx context.Context, opts evalCarbOptions, stdout io.Writer) error {
	if opts.Gold == "" || opts.Sentences == "" {
		return usagef("eval carb: --gold and --sentences are required")
	}
	goldBytes, err := os.ReadFile(opts.Gold)
	if err != nil {
		return usagef("eval carb: %w", err)
	}
	sf, err := os.Open(opts.Sentences)
	if err != nil {
		return usagef("eval carb: %w", err)
	}
	lines, err := readLines(sf)
	sf.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", opts.Sentences, err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	res, err := extractLines(ctx, ex, lines, runtime.GOMAXPROCS(0))
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errInterrupted
		}
		return err
	}
	// Score exactly what `kgb extract --lines` prints, so the reference
	// scorer run on that file gives the same figures.
	var sys bytes.Buffer
	for i, line := range lines {
		for _, t := range res[i] {
			if err := writeCarbLine(&sys, line, t); err != nil {
				return err
			}
		}
	}
	if opts.SystemOut != "" {
		if err := os.WriteFile(opts.SystemOut, sys.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write system output: %w", err)
		}
	}
	pred, err := carb.ReadSystem(bytes.NewReader(sys.Bytes()))
	if err != nil {
		return err
	}
	gold, err := carb.ReadGold(bytes.NewReader(goldBytes), nil)
	if err != nil {
		return err
	}
	all := carb.Score(gold, pred)
	fmt.Fprintf(stdout, "CaRB %-10s sentences %4d  %s\n", "all", len(gold), all)
	if opts.Subset != "" {
		f, err := os.Open(opts.Subset)
		if err != nil {
			return usagef("eval carb: %w", err)
		}
		keep, err := carb.ReadSentenceKeys(f)
		f.Close()
		if err != nil {
			return err
		}
		sub, err := carb.ReadGold(bytes.NewReader(goldBytes), keep)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "CaRB %-10s sentences %4d  %s\n", "subset", len(sub), carb.Score(sub, pred))
	}
	if all.F1 < opts.MinF1 {
		return fmt.Errorf("carb f1 %.3f < floor %.3f: %w", all.F1, opts.MinF1, errBelowFloor)
	}
	if all.AUC < opts.MinAUC {
		return fmt.Errorf("carb auc %.3f < floor %.3f: %w", all.AUC, opts.MinAUC, errBelowFloor)
	}
	return nil
}
