package graph

// Retries counts the write transactions a store ran again after a
// transient failure, by cause. A retried transaction is re-run whole: the
// failed attempt was rolled back, so nothing is ever half-written.
type Retries struct {
	Deadlock     int `json:"deadlock"`      // the server detected a deadlock between transactions
	LockTimeout  int `json:"lock_timeout"`  // a lock was not granted in time
	LeaderSwitch int `json:"leader_switch"` // cluster leader changed or the database was briefly unavailable
	Connection   int `json:"connection"`    // connection reset, closed or unreachable mid-transaction
	Race         int `json:"race"`          // a concurrent writer created or deleted the same node first
	Other        int `json:"other"`         // any other error the server or driver called transient
}

// Total is the number of retries of every cause.
func (r Retries) Total() int {
	return r.Deadlock + r.LockTimeout + r.LeaderSwitch + r.Connection + r.Race + r.Other
}

// Sub returns r minus o, cause by cause: the retries between two snapshots.
func (r Retries) Sub(o Retries) Retries {
	return Retries{
		Deadlock:     r.Deadlock - o.Deadlock,
		LockTimeout:  r.LockTimeout - o.LockTimeout,
		LeaderSwitch: r.LeaderSwitch - o.LeaderSwitch,
		Connection:   r.Connection - o.Connection,
		Race:         r.Race - o.Race,
		Other:        r.Other - o.Other,
	}
}

// RetryReporter is implemented by stores that retry transient write
// failures; Retries returns the counts since the store was opened.
type RetryReporter interface {
	Retries() Retries
}
