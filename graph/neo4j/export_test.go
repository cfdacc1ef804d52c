package neo4j

// Internals for the external tests of this package.

// WriteTx is write: a retried, counted write transaction.
var WriteTx = (*Store).write

// ReadTx is read: a read transaction.
var ReadTx = (*Store).read

// RunTx is run: one statement in a transaction.
var RunTx = run

// TypedKeyQuery and TypedKeyError are what Open runs and returns to refuse
// a graph with type-prefixed keys.
var (
	TypedKeyQuery = cypherTypedKey
	TypedKeyError = typedKeyError
)
