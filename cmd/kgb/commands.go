package main

import "github.com/spf13/cobra"

// subcommands lists the constructors of every subcommand other than version.
// Add a new subcommand by writing newXCmd in its own file and listing it here.
var subcommands = []func() *cobra.Command{
	newQueryCmd,
	newExtractCmd,
	newEvalCmd,
	newParseCmd,
	newIngestCmd,
	newConfigCmd,
	newShowCmd,
	newPathCmd,
	newTopCmd,
	newPushCmd,
	newExportCmd,
	newBrowseCmd,
}
