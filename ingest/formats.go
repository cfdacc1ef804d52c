package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// format is a supported input file format.
type format int

const (
	formatNone format = iota
	formatText
	formatMarkdown
	formatHTML
	formatJSON
	formatJSONL
)

func (f format) String() string {
	return [...]string{"unsupported", "text", "markdown", "html", "json", "jsonl"}[f]
}

// formatOf picks a format from a file name's extension, case-insensitively
// (the BBC corpus's README.TXT is text).
func formatOf(name string) format {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".json":
		return formatJSON
	case ".jsonl", ".ndjson":
		return formatJSONL
	}
	return formatNone
}

// parsed is one article read from a file, before extraction.
type parsed struct {
	Suffix string // "" for one-article files, "#<id>" for records of JSON files
	Title  string
	Date   string
	Text   string
	Raw    []byte // the bytes hashed for identity ("" → the whole file)
}

// recordError is a JSON record that cannot be used; the rest of the file is.
type recordError struct {
	Suffix string
	Reason string
}

func (e *recordError) Error() string { return e.Reason }

// JSONFields names the fields read from JSON articles; the first field
// present with a non-empty value wins.
type JSONFields struct {
	Text, Title, ID, Date []string
}

// DefaultJSONFields are used when Options.JSON is empty.
var DefaultJSONFields = JSONFields{
	Text:  []string{"text", "body", "content", "article", "story"},
	Title: []string{"title", "headline", "name"},
	ID:    []string{"id", "guid", "uuid", "url"},
	Date:  []string{"date", "published", "published_at", "pubDate", "datePublished"},
}

// parsePlain handles .txt: the first non-empty line is the title.
func parsePlain(text string) parsed {
	return parsed{Title: firstLine(text), Text: text}
}

func firstLine(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if l := strings.TrimSpace(line); l != "" {
			return clip(l, 300)
		}
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdHeading  = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+`)
	mdEmphasis = regexp.MustCompile("\\*\\*|__|`+")
	mdMeta     = regexp.MustCompile(`(?m)^(title|date):[ \t]*(.*)$`)
)

// parseMarkdown handles .md: YAML front matter (title, date) is read and
// dropped; headings, links, emphasis and code marks are reduced to their
// text; the first non-empty line is the title unless front matter has one.
func parseMarkdown(text string) parsed {
	var p parsed
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if fm, body, ok := strings.Cut(rest, "\n---\n"); ok {
			for _, m := range mdMeta.FindAllStringSubmatch(fm, -1) {
				v := strings.Trim(strings.TrimSpace(m[2]), `"'`)
				if m[1] == "title" {
					p.Title = v
				} else {
					p.Date = v
				}
			}
			text = body
		}
	}
	text = mdLink.ReplaceAllString(text, "$1")
	text = mdHeading.ReplaceAllString(text, "")
	text = mdEmphasis.ReplaceAllString(text, "")
	p.Text = text
	if p.Title == "" {
		p.Title = firstLine(text)
	}
	return p
}

// skipElems are HTML elements whose content is never article text.
var skipElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Head: true, atom.Object: true,
	atom.Canvas: true, atom.Menu: true, atom.Dialog: true, atom.Figcaption: false,
}

// blockElems end a paragraph.
var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true, atom.Tr: true,
	atom.Table: true, atom.Section: true, atom.Article: true, atom.Ul: true, atom.Ol: true, atom.Dd: true,
	atom.Dt: true, atom.Figure: true, atom.Hr: true, atom.Main: true, atom.Td: true, atom.Th: true,
}

// parseHTML handles .html: the visible text of <article>, else <main>, else
// <body>, without script, style, navigation, header, footer or forms. Title
// from <title>, else the first <h1>; date from common meta tags or <time>.
func parseHTML(text string) (parsed, error) {
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return parsed{}, fmt.Errorf("cannot parse HTML: %w", err)
	}
	var p parsed
	var article, mainEl, body, h1 *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if p.Title == "" {
					p.Title = collapse(textOf(n))
				}
			case atom.Meta:
				if p.Date == "" {
					name := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
					switch name {
					case "article:published_time", "date", "pubdate", "datepublished", "dc.date", "og:published_time":
						p.Date = attr(n, "content")
					}
				}
			case atom.Time:
				if p.Date == "" {
					p.Date = attr(n, "datetime")
				}
			case atom.Article:
				if article == nil {
					article = n
				}
			case atom.Main:
				if mainEl == nil {
					mainEl = n
				}
			case atom.Body:
				body = n
			case atom.H1:
				if h1 == nil {
					h1 = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if p.Title == "" && h1 != nil {
		p.Title = collapse(textOf(h1))
	}
	p.Title = clip(p.Title, 300)
	src := article
	if src == nil {
		src = mainEl
	}
	if src == nil {
		src = body
	}
	if src == nil {
		src = root
	}
	var b strings.Builder
	visibleText(&b, src)
	paras := strings.Split(b.String(), "\n")
	out := paras[:0]
	for _, para := range paras {
		if c := collapse(para); c != "" {
			out = append(out, c)
		}
	}
	p.Text = strings.Join(out, "\n\n")
	return p, nil
}

func visibleText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if skipElems[n.DataAtom] || attr(n, "hidden") != "" || strings.EqualFold(attr(n, "aria-hidden"), "true") {
			return
		}
		if strings.Contains(strings.ReplaceAll(attr(n, "style"), " ", ""), "display:none") {
			return
		}
	}
	block := n.Type == html.ElementNode && blockElems[n.DataAtom]
	if block {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visibleText(b, c)
	}
	if block {
		b.WriteByte('\n')
	} else if n.Type == html.ElementNode && n.DataAtom != atom.A && n.DataAtom != atom.Span && n.DataAtom != atom.Em &&
		n.DataAtom != atom.Strong && n.DataAtom != atom.B && n.DataAtom != atom.I {
		b.WriteByte(' ')
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			if a.Val == "" {
				return key
			}
			return a.Val
		}
	}
	return ""
}

// collapse trims and folds runs of white space to one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// parseJSONRecord reads one JSON object as an article. index is its 1-based
// position in its file, used as its id when it has no id field.
func parseJSONRecord(raw []byte, index int, f JSONFields) (parsed, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj map[string]any
	suffix := "#" + strconv.Itoa(index)
	if err := dec.Decode(&obj); err != nil {
		return parsed{}, &recordError{Suffix: suffix, Reason: jsonReason(err, raw)}
	}
	if obj == nil {
		return parsed{}, &recordError{Suffix: suffix, Reason: "JSON value is null, want an object"}
	}
	if id := pick(obj, f.ID); id != "" {
		suffix = "#" + id
	}
	p := parsed{Suffix: suffix, Title: clip(collapse(pick(obj, f.Title)), 300), Date: pick(obj, f.Date), Raw: raw}
	p.Text = pick(obj, f.Text)
	if strings.TrimSpace(p.Text) == "" {
		return p, &recordError{Suffix: suffix, Reason: fmt.Sprintf("no text: none of the fields %s holds a non-empty string (set json.text_fields)", strings.Join(f.Text, ", "))}
	}
	return p, nil
}

// pick returns the first of fields present in obj as a non-empty string or number.
func pick(obj map[string]any, fields []string) string {
	for _, k := range fields {
		switch v := obj[k].(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				return v
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// jsonReason describes a JSON syntax error with its line and column.
func jsonReason(err error, raw []byte) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(raw, int(se.Offset))
		return fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, se.Error())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("JSON %s where an article object was expected", te.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "malformed JSON: unexpected end of input"
	}
	return "malformed JSON: " + err.Error()
}

func lineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

// parseJSONFile handles .json: one article object, or an array of them.
// emit receives each article or record error in order.
func parseJSONFile(text []byte, f JSONFields, emit func(parsed, error) error) error {
	trim := bytes.TrimSpace(text)
	if len(trim) == 0 {
		return &decodeError{"empty JSON file"}
	}
	if trim[0] != '[' {
		p, err := parseJSONRecord(trim, 1, f)
		if err != nil {
			var re *recordError
			if errors.As(err, &re) {
				return &decodeError{re.Reason}
			}
			return err
		}
		p.Suffix, p.Raw = "", nil // the file is the article
		return emit(p, nil)
	}
	dec := json.NewDecoder(bytes.NewReader(trim))
	if _, err := dec.Token(); err != nil {
		return &decodeError{jsonReason(err, trim)}
	}
	for i := 1; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// The array is broken from here on: nothing after can be trusted.
			return &decodeError{jsonReason(err, trim)}
		}
		p, err := parseJSONRecord(raw, i, f)
		if err := emit(p, err); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return &decodeError{jsonReason(err, trim)}
	}
	return nil
}
