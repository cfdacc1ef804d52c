package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one CoNLL-U sentence, column by column. Head is 0-based with
// -1 for the root (as in Tree); multiword-token lines ("1-2") and empty
// nodes ("1.1") are skipped when reading.
type Sentence struct {
	Comments []string // comment lines without the leading "# "
	Form     []string
	Lemma    []string
	UPOS     []string
	XPOS     []string
	Feats    []string
	Head     []int
	Deprel   []string
	Deps     []string
	Misc     []string
}

// Len is the number of (syntactic) tokens.
func (s *Sentence) Len() int { return len(s.Form) }

// Tree is the sentence's dependency tree (sharing its slices).
func (s *Sentence) Tree() Tree { return Tree{Head: s.Head, Label: s.Deprel} }

// CoNLLUError is a malformed line of a CoNLL-U file.
type CoNLLUError struct {
	Line int
	Msg  string
}

func (e *CoNLLUError) Error() string { return fmt.Sprintf("conllu line %d: %s", e.Line, e.Msg) }

// ReadCoNLLU reads every sentence of a CoNLL-U stream.
func ReadCoNLLU(r io.Reader) ([]*Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []*Sentence
	cur := &Sentence{}
	lineNo := 0
	flush := func() error {
		if cur.Len() == 0 && len(cur.Comments) == 0 {
			return nil
		}
		for i, h := range cur.Head {
			if h < -1 || h >= cur.Len() {
				return &CoNLLUError{Line: lineNo, Msg: fmt.Sprintf("token %d: head %d out of range", i+1, h+1)}
			}
		}
		if cur.Len() > 0 {
			out = append(out, cur)
		}
		cur = &Sentence{}
		return nil
	}
	var fields [10]string
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if line[0] == '#' {
			cur.Comments = append(cur.Comments, strings.TrimSpace(line[1:]))
			continue
		}
		n := 0
		rest := line
		for n < 9 {
			i := strings.IndexByte(rest, '\t')
			if i < 0 {
				break
			}
			fields[n] = rest[:i]
			rest = rest[i+1:]
			n++
		}
		fields[n] = rest
		n++
		if n != 10 {
			return nil, &CoNLLUError{Line: lineNo, Msg: fmt.Sprintf("%d fields, want 10", n)}
		}
		if strings.ContainsAny(fields[0], "-.") {
			continue // multiword token or empty node
		}
		id, err := strconv.Atoi(fields[0])
		if err != nil || id != cur.Len()+1 {
			return nil, &CoNLLUError{Line: lineNo, Msg: fmt.Sprintf("token id %q, want %d", fields[0], cur.Len()+1)}
		}
		head := -1
		if fields[6] != "_" {
			h, err := strconv.Atoi(fields[6])
			if err != nil || h < 0 {
				return nil, &CoNLLUError{Line: lineNo, Msg: fmt.Sprintf("bad head %q", fields[6])}
			}
			head = h - 1
		}
		cur.Form = append(cur.Form, fields[1])
		cur.Lemma = append(cur.Lemma, fields[2])
		cur.UPOS = append(cur.UPOS, fields[3])
		cur.XPOS = append(cur.XPOS, fields[4])
		cur.Feats = append(cur.Feats, fields[5])
		cur.Head = append(cur.Head, head)
		cur.Deprel = append(cur.Deprel, fields[7])
		cur.Deps = append(cur.Deps, fields[8])
		cur.Misc = append(cur.Misc, fields[9])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conllu: %w", err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteCoNLLU writes one sentence in CoNLL-U, followed by a blank line.
// Missing columns (nil slices or empty strings) are written as "_".
func WriteCoNLLU(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	col := func(c []string, i int) string {
		if i < len(c) && c[i] != "" {
			return c[i]
		}
		return "_"
	}
	for i := range s.Form {
		head := "_"
		if i < len(s.Head) {
			head = strconv.Itoa(s.Head[i] + 1)
		}
		bw.WriteString(strconv.Itoa(i + 1))
		for _, f := range [...]string{
			col(s.Form, i), col(s.Lemma, i), col(s.UPOS, i), col(s.XPOS, i), col(s.Feats, i),
			head, col(s.Deprel, i), col(s.Deps, i), col(s.Misc, i),
		} {
			bw.WriteByte('\t')
			bw.WriteString(f)
		}
		bw.WriteByte('\n')
	}
	bw.WriteByte('\n')
	return bw.Flush()
}
