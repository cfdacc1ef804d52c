package neo4j

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
)

// retryCounter tallies re-run write transactions by cause; safe for
// concurrent use.
type retryCounter struct {
	mu sync.Mutex
	n  graph.Retries
}

// Retries returns the write transactions re-run since Open, by cause.
func (s *Store) Retries() graph.Retries {
	s.retries.mu.Lock()
	defer s.retries.mu.Unlock()
	return s.retries.n
}

// count records one retry after err. A nil err means the attempt failed
// outside the transaction function (at commit), which the driver retries
// only for transient and connection errors: it is counted as a connection
// failure when the commit lost its connection, else as other.
func (c *retryCounter) count(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch retryCause(err) {
	case causeDeadlock:
		c.n.Deadlock++
	case causeLockTimeout:
		c.n.LockTimeout++
	case causeLeader:
		c.n.LeaderSwitch++
	case causeConnection:
		c.n.Connection++
	case causeRace:
		c.n.Race++
	default:
		c.n.Other++
	}
}

type cause int

const (
	causeOther cause = iota
	causeDeadlock
	causeLockTimeout
	causeLeader
	causeConnection
	causeRace
)

// retryCause classifies a transient write failure by its Neo4j status code
// (https://neo4j.com/docs/status-codes/current/) or, for failures below
// Bolt, by the network error.
func retryCause(err error) cause {
	var ne *driver.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case strings.HasSuffix(ne.Code, ".DeadlockDetected"):
			return causeDeadlock
		case strings.HasSuffix(ne.Code, ".LockAcquisitionTimeout"), strings.HasSuffix(ne.Code, ".LockClientStopped"):
			return causeLockTimeout
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Cluster."), strings.HasPrefix(ne.Code, "Neo.TransientError.Cluster."),
			strings.HasSuffix(ne.Code, ".DatabaseUnavailable"), strings.HasSuffix(ne.Code, ".ForbiddenOnReadOnlyDatabase"):
			return causeLeader
		case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed", ne.Code == "Neo.ClientError.Statement.EntityNotFound":
			return causeRace
		}
		return causeOther
	}
	var ce *driver.ConnectivityError
	var ue *driver.UsageError
	var ope *net.OpError
	switch {
	case err == nil:
		return causeOther
	case errors.As(err, &ce), errors.As(err, &ope), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNREFUSED):
		return causeConnection
	case errors.As(err, &ue):
		return causeOther
	case errors.Is(err, context.DeadlineExceeded):
		return causeConnection
	}
	return causeOther
}
