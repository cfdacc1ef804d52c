package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kgb-dev/kgb/graph"
)

// JSONL writes one graph.ArticleGraph per line (JSON field names as in
// package graph): the article, the entities it mentions with their merged
// aliases and titles, and its evidence edges. Every entity of a store is
// mentioned by some article, so the lines hold the whole graph, and a store
// rebuilt with ReplaceArticle from ReadJSONL's output holds the same graph.
func JSONL(ctx context.Context, r graph.Reader, w io.Writer) (Summary, error) {
	var sum Summary
	bw := bufio.NewWriterSize(ctxWriter{ctx, w}, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := r.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
		sum.Articles++
		sum.Mentions += len(g.Entities)
		sum.Edges += len(g.Edges)
		return enc.Encode(g) // Encode ends each value with "\n"
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return sum, fmt.Errorf("export jsonl: %w", err)
	}
	return sum, nil
}

// MaxJSONLLine bounds one line ReadJSONL accepts.
const MaxJSONLLine = 64 << 20

// LineError reports a JSONL line that is not a valid article graph.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadJSONL reads what JSONL wrote, calling fn with each article graph in
// order. Blank lines are skipped. A line that is not one JSON object, has
// unknown fields, or fails graph.CheckArticleGraph stops the read with a
// *LineError; fn's own error is returned as is.
func ReadJSONL(ctx context.Context, r io.Reader, fn func(graph.ArticleGraph) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxJSONLLine)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return err
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var g graph.ArticleGraph
		if err := dec.Decode(&g); err != nil {
			return &LineError{Line: line, Err: err}
		}
		if dec.More() {
			return &LineError{Line: line, Err: fmt.Errorf("more than one JSON value on the line")}
		}
		if err := graph.CheckArticleGraph(g); err != nil {
			return &LineError{Line: line, Err: err}
		}
		if err := fn(g); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return nil
}
