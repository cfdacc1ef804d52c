module github.com/kgb-dev/kgb

go 1.26.8

require (
	github.com/jdkato/prose/v3 v3.2.3
	github.com/spf13/cobra v1.10.2
	golang.org/x/text v0.44.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.10 // indirect
)
