package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// readJSONL streams a .jsonl file one line (one article) at a time, so the
// file may be far larger than max_file_size; only a line is held at once,
// and lines longer than max_file_size fail alone.
func (r *run) readJSONL(ctx context.Context, e fileEntry, jobs chan<- job, results chan<- result) error {
	f, err := os.Open(e.Path)
	if err != nil {
		r.protect = append(r.protect, e.Rel+"#")
		if r.ownsID(e.Rel) {
			r.fail(e.Path, openReason(err))
		}
		return nil
	}
	defer f.Close()
	counter := &countingReader{r: f}
	br := bufio.NewReaderSize(counter, 64<<10)
	var lines *bufio.Reader
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		lines = br
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		order := unicode.LittleEndian
		if head[0] == 0xFE {
			order = unicode.BigEndian
		}
		lines = bufio.NewReaderSize(transform.NewReader(br, unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()), 64<<10)
	default:
		lines = br
	}
	defer func() {
		r.mu.Lock()
		r.sum.Files++
		r.sum.Bytes += counter.n
		r.mu.Unlock()
		if r.opts.Progress != nil {
			r.opts.Progress.FileRead(counter.n)
		}
	}()
	limit := r.opts.MaxFileSize
	warned := false
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, size, err := readLine(lines, limit)
		if err != nil && !errors.Is(err, io.EOF) {
			r.protect = append(r.protect, e.Rel+"#")
			if r.ownsID(e.Rel) {
				r.fail(e.Path, fmt.Sprintf("read error at line %d: %s", n, describeErr(err)))
			}
			return nil
		}
		eof := errors.Is(err, io.EOF)
		switch {
		case size > limit:
			if perr := r.routeRecord(ctx, e, parsed{}, &recordError{Suffix: fmt.Sprintf("#%d", n), Reason: tooLarge(size, limit, fmt.Sprintf("line %d", n))}, nil, jobs, results); perr != nil {
				return perr
			}
		case len(bytes.TrimSpace(line)) == 0:
		case bytes.IndexByte(line, 0) >= 0:
			if perr := r.routeRecord(ctx, e, parsed{}, &recordError{Suffix: fmt.Sprintf("#%d", n), Reason: fmt.Sprintf("binary data: NUL byte on line %d", n)}, nil, jobs, results); perr != nil {
				return perr
			}
		default:
			raw := bytes.TrimSpace(line)
			text := raw
			if !utf8.Valid(raw) {
				if !warned && r.ownsID(e.Rel) {
					r.warn(e.Path, fmt.Sprintf("line %d is not valid UTF-8; decoded as Windows-1252", n))
					warned = true
				}
				text, _ = charmap.Windows1252.NewDecoder().Bytes(raw)
			}
			p, perr := parseJSONRecord(text, n, r.opts.JSON)
			var re *recordError
			if errors.As(perr, &re) {
				re.Reason = fmt.Sprintf("line %d: %s", n, re.Reason)
			}
			if p.Raw != nil {
				p.Raw = raw
			}
			if err := r.routeRecord(ctx, e, p, perr, nil, jobs, results); err != nil {
				return err
			}
		}
		if eof {
			return nil
		}
	}
}

// readLine reads one line without its newline. A line longer than limit is
// consumed but not kept: size reports its length and line is nil.
func readLine(br *bufio.Reader, limit int64) (line []byte, size int64, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		size += int64(len(frag))
		if size <= limit+1 { // +1: the newline itself does not count
			line = append(line, frag...)
		} else {
			line = nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if size > 0 && (len(frag) > 0 && frag[len(frag)-1] == '\n') {
			size--
		}
		return line, size, err
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
