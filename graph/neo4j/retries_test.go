package neo4j

import (
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestRetryCause(t *testing.T) {
	neo := func(code string) error { return &driver.Neo4jError{Code: code, Msg: "m"} }
	tests := []struct {
		name string
		err  error
		want cause
	}{
		{"deadlock", neo("Neo.TransientError.Transaction.DeadlockDetected"), causeDeadlock},
		{"lock timeout", neo("Neo.TransientError.Transaction.LockAcquisitionTimeout"), causeLockTimeout},
		{"lock client stopped", neo("Neo.TransientError.Transaction.LockClientStopped"), causeLockTimeout},
		{"not a leader", neo("Neo.ClientError.Cluster.NotALeader"), causeLeader},
		{"database unavailable", neo("Neo.TransientError.General.DatabaseUnavailable"), causeLeader},
		{"read-only follower", neo("Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"), causeLeader},
		{"constraint race", neo("Neo.ClientError.Schema.ConstraintValidationFailed"), causeRace},
		{"entity deleted meanwhile", neo("Neo.ClientError.Statement.EntityNotFound"), causeRace},
		{"other transient", neo("Neo.TransientError.General.OutOfMemoryError"), causeOther},
		{"connectivity", &driver.ConnectivityError{Inner: io.EOF}, causeConnection},
		{"reset", fmt.Errorf("write: %w", &net.OpError{Op: "read", Err: syscall.ECONNRESET}), causeConnection},
		{"bare reset", fmt.Errorf("x: %w", syscall.ECONNRESET), causeConnection},
		{"eof", fmt.Errorf("x: %w", io.ErrUnexpectedEOF), causeConnection},
		{"commit failed outside the function", nil, causeOther},
		{"unknown", errors.New("boom"), causeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retryCause(tt.err); got != tt.want {
				t.Errorf("retryCause(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}
