package main

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Exit codes, documented in the README and in `kgb --help`.
const (
	exitOK          = 0
	exitFatal       = 1
	exitUsage       = 2
	exitPartial     = 3
	exitInterrupted = 130
)

// usageError marks a mistake in how kgb was called or configured (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error (exit code 2).
func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// partialError reports that a run finished but some inputs failed (exit 3).
// The failures themselves have already been reported in the summary.
type partialError struct{ failed int }

func (e *partialError) Error() string {
	return fmt.Sprintf("%d input(s) failed; see the summary above", e.failed)
}

// errInterrupted is returned when a run stopped because of SIGINT/SIGTERM.
var errInterrupted = errors.New("interrupted")

// exitCode maps an error from a command to a process exit code and prints it.
func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var pe *partialError
	switch {
	case errors.Is(err, errInterrupted) || (errors.Is(err, context.Canceled) && ctx.Err() != nil):
		fmt.Fprintln(stderr, "kgb: interrupted")
		return exitInterrupted
	case errors.As(err, &pe):
		fmt.Fprintln(stderr, "kgb:", err)
		return exitPartial
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "kgb:", err)
		return exitUsage
	default:
		fmt.Fprintln(stderr, "kgb:", err)
		return exitFatal
	}
}
