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

// typed is a key's value for JSON, secrets masked: raw's value, with sizes
// in bytes and an unset list as [].
func (c *Config) typed(k key) any {
	if k.secret {
		if c.value(k.name) == "" {
			return nil
		}
		return "****"
	}
	switch v := c.raw(k.name).(type) {
	case ByteSize:
		return int64(v)
	case []string:
		if v == nil {
			return []string{}
		}
		return v
	}
	if k.name == "neo4j.uri" {
		return MaskURI(c.Neo4j.URI)
	}
	return c.raw(k.name)
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
	switch v := c.raw(name).(type) {
	case string:
		return v
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	default:
		return fmt.Sprint(v)
	}
}

// raw returns a key's effective value in its own type; typed and value
// derive the JSON and text forms from it.
func (c *Config) raw(name string) any {
	switch name {
	case "store":
		return c.Store
	case "db":
		return c.DB
	case "workers":
		return c.Workers
	case "max_file_size":
		return c.MaxFileSize
	case "hidden":
		return c.Hidden
	case "batch_articles":
		return c.BatchArticles
	case "relation_types":
		return c.RelationTypes
	case "aliases":
		return c.Aliases
	case "json.text_fields":
		return c.JSON.TextFields
	case "json.title_fields":
		return c.JSON.TitleFields
	case "json.id_fields":
		return c.JSON.IDFields
	case "json.date_fields":
		return c.JSON.DateFields
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
		return c.Neo4j.BatchSize
	}
	panic("config: no value for key " + name)
}
