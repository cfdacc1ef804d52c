package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"strconv"
)

// EdgeIDs returns the evidence ids (eid) of g's edges, in order: a digest
// of everything an edge says, its article included, so an unchanged edge
// keeps its id across re-writes and a changed one gets a new id; the n-th
// repeat of an identical edge in the same article gets "#n" appended.
// The Neo4j store keys evidence edges by eid and lists them on the Article
// (edge_ids); exports for neo4j-admin carry the same ids so that an
// imported graph can be updated incrementally.
func EdgeIDs(g ArticleGraph) []string {
	out := make([]string, len(g.Edges))
	seen := map[string]int{}
	for i, ed := range g.Edges {
		ed.Article = g.Article.ID
		eid := edgeDigest(ed)
		if n := seen[eid]; n > 0 {
			seen[eid] = n + 1
			eid += "#" + strconv.Itoa(n)
		} else {
			seen[eid] = 1
		}
		out[i] = eid
	}
	return out
}

func edgeDigest(e Edge) string {
	b, _ := json.Marshal(struct {
		A, S, O, T, P, L, Sent string
		I, St, En              int
		C                      uint64
		N                      bool
		M, R                   string
	}{e.Article, e.Subject, e.Object, e.Type, e.Predicate, e.Lemma, e.Sentence,
		e.SentenceIndex, e.Start, e.End, math.Float64bits(e.Confidence), e.Negated, e.Modality, e.ReportedBy})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
