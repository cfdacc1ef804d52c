package config

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Setting is one effective configuration value, ready to print.
type Setting struct {
	Key    string
	Value  string // as text; secrets masked
	Source string // default, file PATH, env NAME, flag --name
	typed  any    // the value with its JSON type; secrets masked
}

// MarshalJSON writes {"key", "value", "source"} with the value in its own
// type: numbers as numbers (max_file_size in bytes), booleans, lists as
// arrays, strings as strings, an unset secret as null.
func (s Setting) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Key    string `json:"key"`
		Value  any    `json:"value"`
		Source string `json:"source"`
	}{s.Key, s.typed, s.Source})
}

// Settings lists every key's effective value and where it came from, in
// documentation order. Secrets are masked: a set password shows as "****".
func (c *Config) Settings() []Setting {
	out := make([]Setting, 0, len(keys))
	for _, k := range keys {
		out = append(out, Setting{Key: k.name, Value: c.display(k), Source: c.sources[k.name], typed: c.typed(k)})
	}
	return out
}

// typed is a key's value for JSON, secrets masked.
func (c *Config) typed(k key) any {
	if k.secret {
		if c.value(k.name) == "" {
			return nil
		}
		return "****"
	}
	switch k.name {
	case "workers":
		return c.Workers
	case "batch_articles":
		return c.BatchArticles
	case "neo4j.batch_size":
		return c.Neo4j.BatchSize
	case "max_file_size":
		return int64(c.MaxFileSize)
	case "hidden":
		return c.Hidden
	case "json.text_fields":
		return nonNil(c.JSON.TextFields)
	case "json.title_fields":
		return nonNil(c.JSON.TitleFields)
	case "json.id_fields":
		return nonNil(c.JSON.IDFields)
	case "json.date_fields":
		return nonNil(c.JSON.DateFields)
	case "neo4j.uri":
		return MaskURI(c.Neo4j.URI)
	}
	return c.value(k.name)
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func (c *Config) display(k key) string {
	if k.secret {
		if c.value(k.name) == "" {
			return "(not set)"
		}
		return "****"
	}
	v := c.value(k.name)
	if k.name == "neo4j.uri" {
		v = MaskURI(v)
	}
	if v == "" {
		return `""`
	}
	return v
}

// value returns a key's effective value as text.
func (c *Config) value(name string) string {
	list := func(ss []string) string { return "[" + strings.Join(ss, ", ") + "]" }
	switch name {
	case "store":
		return c.Store
	case "db":
		return c.DB
	case "workers":
		return fmt.Sprint(c.Workers)
	case "max_file_size":
		return c.MaxFileSize.String()
	case "hidden":
		return fmt.Sprint(c.Hidden)
	case "batch_articles":
		return fmt.Sprint(c.BatchArticles)
	case "relation_types":
		return c.RelationTypes
	case "aliases":
		return c.Aliases
	case "json.text_fields":
		return list(c.JSON.TextFields)
	case "json.title_fields":
		return list(c.JSON.TitleFields)
	case "json.id_fields":
		return list(c.JSON.IDFields)
	case "json.date_fields":
		return list(c.JSON.DateFields)
	case "log.format":
		return c.Log.Format
	case "log.level":
		return c.Log.Level
	case "neo4j.uri":
		return c.Neo4j.URI
	case "neo4j.username":
		return c.Neo4j.Username
	case "neo4j.password":
		return c.Neo4j.Password
	case "neo4j.database":
		return c.Neo4j.Database
	case "neo4j.batch_size":
		return fmt.Sprint(c.Neo4j.BatchSize)
	}
	panic("config: no value for key " + name)
}
