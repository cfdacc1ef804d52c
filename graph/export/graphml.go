package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kgb-dev/kgb/graph"
)

const graphmlNS = "http://graphml.graphdrawing.org/xmlns"

type gmlKey struct {
	XMLName xml.Name `xml:"key"`
	ID      string   `xml:"id,attr"`
	For     string   `xml:"for,attr"`
	Name    string   `xml:"attr.name,attr"`
	Type    string   `xml:"attr.type,attr"`
}

type gmlData struct {
	XMLName xml.Name `xml:"data"`
	Key     string   `xml:"key,attr"`
	Value   string   `xml:",chardata"`
}

type gmlNode struct {
	XMLName xml.Name  `xml:"node"`
	ID      string    `xml:"id,attr"`
	Data    []gmlData `xml:"data"`
}

type gmlEdge struct {
	XMLName xml.Name  `xml:"edge"`
	ID      string    `xml:"id,attr"`
	Source  string    `xml:"source,attr"`
	Target  string    `xml:"target,attr"`
	Data    []gmlData `xml:"data"`
}

// graphmlKeys declares every attribute; "label" is what Gephi and yEd show.
var graphmlKeys = []gmlKey{
	{ID: "n_label", For: "node", Name: "label", Type: "string"},
	{ID: "n_key", For: "node", Name: "key", Type: "string"},
	{ID: "n_type", For: "node", Name: "type", Type: "string"},
	{ID: "n_aliases", For: "node", Name: "aliases", Type: "string"},
	{ID: "n_titles", For: "node", Name: "titles", Type: "string"},
	{ID: "e_label", For: "edge", Name: "label", Type: "string"},
	{ID: "e_predicate", For: "edge", Name: "predicate", Type: "string"},
	{ID: "e_lemma", For: "edge", Name: "lemma", Type: "string"},
	{ID: "e_article", For: "edge", Name: "article", Type: "string"},
	{ID: "e_sentence", For: "edge", Name: "sentence", Type: "string"},
	{ID: "e_sentence_index", For: "edge", Name: "sentence_index", Type: "int"},
	{ID: "e_start", For: "edge", Name: "start", Type: "int"},
	{ID: "e_end", For: "edge", Name: "end", Type: "int"},
	{ID: "e_confidence", For: "edge", Name: "confidence", Type: "double"},
	{ID: "e_negated", For: "edge", Name: "negated", Type: "boolean"},
	{ID: "e_modality", For: "edge", Name: "modality", Type: "string"},
	{ID: "e_reported_by", For: "edge", Name: "reported_by", Type: "string"},
}

// GraphML writes the entity graph as one GraphML document: a node per
// entity (id = entity key; label, type, aliases and titles joined by "; ")
// and a directed edge per piece of evidence (label = relationship type, plus
// every evidence property). Articles are not nodes; each edge names its
// article. Characters XML 1.0 cannot carry are replaced by U+FFFD.
func GraphML(ctx context.Context, r graph.Reader, w io.Writer) (Summary, error) {
	var sum Summary
	bw := bufio.NewWriterSize(ctxWriter{ctx, w}, 256<<10)
	if _, err := io.WriteString(bw, xml.Header); err != nil {
		return sum, fmt.Errorf("export graphml: %w", err)
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: graphmlNS},
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: "http://www.w3.org/2001/XMLSchema-instance"},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: graphmlNS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"},
	}}
	g := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "id"}, Value: "kgb"},
		{Name: xml.Name{Local: "edgedefault"}, Value: "directed"},
	}}
	err := enc.EncodeToken(root)
	for _, k := range graphmlKeys {
		if err == nil {
			err = enc.Encode(k)
		}
	}
	if err == nil {
		err = enc.EncodeToken(g)
	}
	if err == nil {
		err = r.Entities(ctx, func(e graph.Entity) error {
			sum.Entities++
			n := gmlNode{ID: e.Key, Data: []gmlData{
				{Key: "n_label", Value: e.Name}, {Key: "n_key", Value: e.Key}, {Key: "n_type", Value: e.Type},
			}}
			if len(e.Aliases) > 0 {
				n.Data = append(n.Data, gmlData{Key: "n_aliases", Value: strings.Join(e.Aliases, "; ")})
			}
			if len(e.Titles) > 0 {
				n.Data = append(n.Data, gmlData{Key: "n_titles", Value: strings.Join(e.Titles, "; ")})
			}
			return enc.Encode(n)
		})
	}
	if err == nil {
		err = r.ArticleGraphs(ctx, func(ag graph.ArticleGraph) error {
			sum.Articles++
			for _, e := range ag.Edges {
				sum.Edges++
				article := e.Article
				if article == "" {
					article = ag.Article.ID
				}
				ed := gmlEdge{ID: "e" + strconv.Itoa(sum.Edges), Source: e.Subject, Target: e.Object, Data: []gmlData{
					{Key: "e_label", Value: e.Type},
					{Key: "e_predicate", Value: e.Predicate},
					{Key: "e_lemma", Value: e.Lemma},
					{Key: "e_article", Value: article},
					{Key: "e_sentence", Value: e.Sentence},
					{Key: "e_sentence_index", Value: strconv.Itoa(e.SentenceIndex)},
					{Key: "e_start", Value: strconv.Itoa(e.Start)},
					{Key: "e_end", Value: strconv.Itoa(e.End)},
					{Key: "e_confidence", Value: strconv.FormatFloat(e.Confidence, 'g', -1, 64)},
					{Key: "e_negated", Value: strconv.FormatBool(e.Negated)},
				}}
				if e.Modality != "" {
					ed.Data = append(ed.Data, gmlData{Key: "e_modality", Value: e.Modality})
				}
				if e.ReportedBy != "" {
					ed.Data = append(ed.Data, gmlData{Key: "e_reported_by", Value: e.ReportedBy})
				}
				if err := enc.Encode(ed); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = enc.EncodeToken(g.End())
	}
	if err == nil {
		err = enc.EncodeToken(root.End())
	}
	if err == nil {
		err = enc.Close()
	}
	if err == nil {
		_, err = io.WriteString(bw, "\n")
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return sum, fmt.Errorf("export graphml: %w", err)
	}
	return sum, nil
}
