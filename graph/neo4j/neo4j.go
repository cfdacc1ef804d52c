// Package neo4j is kgb's Neo4j graph store: it implements graph.Store,
// graph.BatchStore and graph.Reader over Bolt with the official driver
// (github.com/neo4j/neo4j-go-driver/v5), following the model in DESIGN.md:
//
//	(:Entity:<Type> {key, name, type, aliases, titles})   named entities
//	(:Concept {key, name, type: "Concept", aliases, titles})
//	(:Article {id, path, sha256, title, date, ingested_at, duplicate_of,
//	           edge_ids, edge_subjects, edge_objects})
//	(:Article)-[:MENTIONS]->(:Entity|Concept)
//	(:Entity|Concept)-[:<TYPE> {eid, predicate, lemma, article, sentence, sentence_index,
//	           start, end, confidence, negated, modality, reported_by}]->(:Entity|Concept)
//
// Writes are batched with UNWIND through retried managed transactions;
// rows are sorted so that concurrent writers take locks in the same order.
// Statement texts are constants: labels and relationship types are
// parameters, set with Neo4j 5.26's dynamic labels and types after
// graph.ValidLabel / graph.ValidType accepted them, so a batch costs the same
// few statements whatever the number of relationship types.
//
// Each evidence edge carries an eid, a digest of its content, and each
// Article lists its edges (edge_ids with their ends), so re-writing an
// unchanged article is all MERGE hits and an edited article's stale edges are
// found without scanning the relationships of hub entities.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgb-dev/kgb/graph"
)

// DefaultBatchSize is the batch size when Config.BatchSize is 0. It limits
// the evidence edges of the one statement that writes a run of whole
// articles (their entities, MENTIONS and edges; an article with more edges
// is written alone), and the rows of every other UNWIND statement (Article
// nodes, deleted edges, entities whose type is recounted). It was the best
// size of a batch-size sweep (250, 1000, 2000, 5000 and 10000 rows on
// 100,000 Zipf-distributed edges) run with scripts/bench.sh neo4j; 1000 to
// 5000 were within the noise of a shared 2-core machine, far ahead of 250
// (neo4jbench -size measures others). The size of a transaction is set by
// the caller: ReplaceArticles writes all its articles in one.
const DefaultBatchSize = 2000

// Config holds the connection settings of a Store.
type Config struct {
	URI      string // bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://
	Username string // "" with an empty Password means no authentication
	Password string
	Database string // "" is the server's default database
	// BatchSize limits the rows of a write statement (see
	// DefaultBatchSize); 0 means DefaultBatchSize.
	BatchSize int
	// RelationTypes may be nil. The store does not map lemmas itself
	// (graph.Edge.Type is already the type); it is kept for callers that
	// convert triples with the store's settings.
	RelationTypes *graph.RelationTypes
}

// Store is a graph.Store, graph.BatchStore and graph.Reader backed by Neo4j.
// It is safe for concurrent use.
type Store struct {
	drv   driver.DriverWithContext
	cfg   Config
	batch int
	stats struct {
		transactions, retries, statements atomic.Int64
	}
	retries retryCounter // the same retries, by cause
}

// WriteStats counts a Store's write work since Open.
type WriteStats struct {
	// Transactions is the number of write transactions asked for
	// (ReplaceArticle(s), RetractArticle), committed or failed.
	Transactions int64
	// Retries is the number of times a write transaction was run again
	// after a transient error (deadlock, lock timeout, leader switch,
	// connection reset) or a race with a concurrent writer.
	Retries int64
	// Statements is the number of Cypher statements those transactions
	// ran, retries included.
	Statements int64
}

// WriteStats returns the store's write counters; safe for concurrent use.
func (s *Store) WriteStats() WriteStats {
	return WriteStats{
		Transactions: s.stats.transactions.Load(),
		Retries:      s.stats.retries.Load(),
		Statements:   s.stats.statements.Load(),
	}
}

var (
	_ graph.Store      = (*Store)(nil)
	_ graph.BatchStore = (*Store)(nil)
	_ graph.Reader     = (*Store)(nil)

	_ graph.RetryReporter = (*Store)(nil)
)

// ErrTypedKeys is returned by Open for a database written by a kgb that
// keyed named entities by type and name ("person:ada vance"): this kgb keys
// them by name alone, one node per name, and mixing the two would split
// names again. Open refuses it; the message says to ingest into an empty
// database.
var ErrTypedKeys = errors.New("the database holds entities keyed by type and name, written by an older kgb")

// hint is appended to connection errors.
const hint = "start it with `docker compose up -d` or `scripts/neo4j-local.sh start`"

// ConnectError reports that Neo4j could not be reached. Its message names
// the URI (without any password) and how to start a server.
type ConnectError struct {
	URI string // display form, userinfo removed
	Err error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("cannot reach Neo4j at %s: %s — %s", e.URI, short(e.Err), hint)
}

func (e *ConnectError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, graph.ErrUnavailable) true: a server that cannot
// be reached is not an article's fault.
func (e *ConnectError) Is(target error) bool { return target == graph.ErrUnavailable }

// unreachable reports whether err (from a transaction the driver retried)
// means the server could not be reached: a connectivity error, or the
// driver's retry limit reached on connectivity errors.
func unreachable(err error) bool {
	var ce *driver.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var tl *driver.TransactionExecutionLimit
	if errors.As(err, &tl) && len(tl.Errors) > 0 {
		return errors.As(tl.Errors[len(tl.Errors)-1], &ce)
	}
	return false
}

// AuthError reports that Neo4j refused the credentials.
type AuthError struct {
	URI      string
	Username string
	Err      error
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("Neo4j at %s refused the credentials of user %q: %s — check neo4j.username / NEO4J_USERNAME and neo4j.password / NEO4J_PASSWORD",
		e.URI, e.Username, short(e.Err))
}

func (e *AuthError) Unwrap() error { return e.Err }

// short keeps the first line of a driver error: some carry multi-line
// details that read like stack traces.
func short(err error) string {
	if err == nil {
		return "unknown error"
	}
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// displayURI removes userinfo from uri so that it can be shown.
func displayURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		if i := strings.LastIndexByte(uri, '@'); i >= 0 {
			if j := strings.Index(uri, "://"); j >= 0 && j < i {
				return uri[:j+3] + uri[i+1:]
			}
		}
		return uri
	}
	u.User = nil
	return u.String()
}

// Open connects to Neo4j, verifies connectivity and authentication, and
// creates kgb's schema (constraints and indexes) if it is missing.
// Unreachable servers give a *ConnectError, refused credentials an *AuthError.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("neo4j: no URI configured (e.g. bolt://localhost:7687)")
	}
	shown := displayURI(cfg.URI)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		return nil, fmt.Errorf("neo4j: invalid URI %q", shown)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, fmt.Errorf("neo4j: invalid URI %s: scheme must be bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc", shown)
	}
	if cfg.BatchSize < 0 {
		return nil, fmt.Errorf("neo4j: batch size %d is negative", cfg.BatchSize)
	}
	auth := driver.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// Transient errors (deadlocks, lock timeouts, leader switches,
		// dropped connections) are retried for this long; a server that
		// stays unreachable fails the write within it (see write).
		c.MaxTransactionRetryTime = 15 * time.Second
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 2 * time.Minute
		c.UserAgent = "kgb"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %s", shown, short(err))
	}
	s := &Store{drv: drv, cfg: cfg, batch: cfg.BatchSize}
	if s.batch == 0 {
		s.batch = DefaultBatchSize
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		_ = drv.Close(context.WithoutCancel(ctx))
		return nil, classify(shown, cfg.Username, err)
	}
	if err := s.ensureSchema(ctx); err != nil {
		_ = drv.Close(context.WithoutCancel(ctx))
		if errors.Is(err, ErrTypedKeys) {
			return nil, fmt.Errorf("neo4j at %s: %w", shown, err)
		}
		return nil, classify(shown, cfg.Username, err)
	}
	return s, nil
}

// classify turns driver errors met while connecting into typed errors.
func classify(uri, user string, err error) error {
	var ne *driver.Neo4jError
	var ia *driver.InvalidAuthenticationError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &ConnectError{URI: uri, Err: err}
	case errors.As(err, &ia):
		return &AuthError{URI: uri, Username: user, Err: err}
	case errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
		return &AuthError{URI: uri, Username: user, Err: err}
	case errors.As(err, &ne):
		return fmt.Errorf("neo4j at %s: %w", uri, err)
	default:
		return &ConnectError{URI: uri, Err: err}
	}
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	if err := s.drv.Close(ctx); err != nil {
		return fmt.Errorf("neo4j: close: %w", err)
	}
	return nil
}

// BatchSize returns the batch size (see DefaultBatchSize).
func (s *Store) BatchSize() int { return s.batch }

func (s *Store) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return s.drv.NewSession(ctx, driver.SessionConfig{
		AccessMode:   mode,
		DatabaseName: s.cfg.Database,
		FetchSize:    1000,
	})
}

// schema is created idempotently by Open. Every statement works on Neo4j 5
// Community (no existence or key constraints, which are Enterprise-only).
var schema = []string{
	"CREATE CONSTRAINT kgb_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE",
	"CREATE CONSTRAINT kgb_concept_key IF NOT EXISTS FOR (e:Concept) REQUIRE e.key IS UNIQUE",
	"CREATE CONSTRAINT kgb_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
	"CREATE INDEX kgb_article_sha256 IF NOT EXISTS FOR (a:Article) ON (a.sha256)",
	"CREATE INDEX kgb_entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
	"CREATE INDEX kgb_concept_name IF NOT EXISTS FOR (e:Concept) ON (e.name)",
}

// migrate brings graphs written by earlier kgb versions to the current
// model; it runs in auto-commit transactions after the schema exists and is
// cheap when there is nothing to do. Concepts used to be :Entity:Concept.
const migrate = "MATCH (e:Entity:Concept) CALL (e) { REMOVE e:Entity } IN TRANSACTIONS OF 10000 ROWS"

func (s *Store) ensureSchema(ctx context.Context) error {
	sess := s.session(ctx, driver.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	for _, q := range schema {
		_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, nil)
			if err != nil {
				return nil, err
			}
			_, err = res.Consume(ctx)
			return nil, err
		})
		if err != nil {
			var ne *driver.Neo4jError
			// Two processes opening a fresh database at once may race on
			// the same schema rule: the other one won.
			if errors.As(err, &ne) && strings.Contains(ne.Code, "EquivalentSchemaRuleAlreadyExists") {
				continue
			}
			return fmt.Errorf("create schema: %w", err)
		}
	}
	// Wait for the indexes so that the first writes use them.
	res, err := sess.Run(ctx, "CALL db.awaitIndexes(300)", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("await indexes: %w", err)
	}
	if res, err = sess.Run(ctx, migrate, nil); err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("migrate concepts: %w", err)
	}
	return s.checkKeys(ctx, sess)
}

// cypherTypedKey finds a named entity key with a ':': graph.EntityKey never
// makes one, older kgb versions made them all ("person:ada vance").
const cypherTypedKey = "MATCH (e:Entity) WHERE e.key CONTAINS ':' RETURN e.key LIMIT 1"

// checkKeys refuses a graph written with type-prefixed keys (ErrTypedKeys).
func (s *Store) checkKeys(ctx context.Context, sess driver.SessionWithContext) error {
	res, err := sess.Run(ctx, cypherTypedKey, nil)
	if err != nil {
		return fmt.Errorf("check entity keys: %w", err)
	}
	var old string
	if res.Next(ctx) {
		old, _ = res.Record().Values[0].(string)
	}
	if _, err := res.Consume(ctx); err != nil {
		return fmt.Errorf("check entity keys: %w", err)
	}
	return typedKeyError(old)
}

// typedKeyError is ErrTypedKeys with what to do, for the key old found by
// cypherTypedKey; nil when old is "".
func typedKeyError(old string) error {
	if old == "" {
		return nil
	}
	return fmt.Errorf("%w (%q): this kgb keys a named entity by its name alone, one node per name whatever the type "+
		"articles give it, and will not mix the two: ingest into an empty database (another --neo4j-database, or "+
		"clear this one with MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS), then run kgb ingest again", ErrTypedKeys, old)
}
