package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
)

// configShowOptions are the flags of `kgb config show`.
type configShowOptions struct {
	JSON bool
}

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Inspect kgb's configuration",
		Example: `  kgb config show
  NEO4J_URI=neo4j://localhost:7687 kgb config show`,
	}
	cmd.AddCommand(newConfigShowCmd())
	return cmd
}

func newConfigShowCmd() *cobra.Command {
	var opts configShowOptions
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration and where each value came from",
		Long: `show prints every configuration key with its effective value and its source:
default, the config file, an environment variable or a flag. Precedence,
lowest to highest: defaults, kgb.yaml (--config, else $KGB_CONFIG, else
./kgb.yaml, else $XDG_CONFIG_HOME/kgb/kgb.yaml), environment (KGB_*, NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE), flags. Passwords are masked.
kgb.example.yaml documents every key.`,
		Example: `  kgb config show
  kgb config show --config ./prod.yaml --json
  KGB_WORKERS=4 kgb config show --store neo4j --neo4j-uri neo4j://db:7687`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			return runConfigShow(opts, cfg, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print as JSON")
	addConfigFlags(cmd)
	return cmd
}

func runConfigShow(opts configShowOptions, cfg *config.Config, w io.Writer) error {
	settings := cfg.Settings()
	if opts.JSON {
		out := struct {
			File     string           `json:"file"`
			Settings []config.Setting `json:"settings"`
		}{cfg.File(), settings}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	file := cfg.File()
	if file == "" {
		file = "(none found)"
	}
	if _, err := fmt.Fprintf(w, "config file: %s\n\n", file); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tSOURCE")
	for _, s := range settings {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, s.Value, s.Source)
	}
	return tw.Flush()
}
