// Package config loads kgb's configuration with spf13/viper from, in rising
// order of precedence: built-in defaults, a YAML file (kgb.yaml), the
// environment (KGB_* and the standard NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD, NEO4J_DATABASE) and command-line flags.
//
// Every key is bound explicitly (viper's AutomaticEnv alone is ignored by
// Unmarshal), unknown keys in the file are rejected by name, and values are
// validated once, without touching the network, with messages that say what
// to fix. Load remembers where each value came from for `kgb config show`.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is kgb's effective configuration.
type Config struct {
	Store         string   `mapstructure:"store"`          // "embedded" or "neo4j"
	DB            string   `mapstructure:"db"`             // embedded store directory
	Workers       int      `mapstructure:"workers"`        // extraction workers; resolved from 0 to one per core
	MaxFileSize   ByteSize `mapstructure:"max_file_size"`  // largest article read, in bytes
	Hidden        bool     `mapstructure:"hidden"`         // walk hidden files and folders
	BatchArticles int      `mapstructure:"batch_articles"` // articles per store write
	RelationTypes string   `mapstructure:"relation_types"` // YAML file: lemma → relationship type
	Aliases       string   `mapstructure:"aliases"`        // aliases file for the extractor
	JSON          JSON     `mapstructure:"json"`
	Log           Log      `mapstructure:"log"`
	Neo4j         Neo4j    `mapstructure:"neo4j"`

	sources map[string]string // key → where its value came from
	file    string            // config file read, "" if none
}

// JSON names the fields read from .json and .jsonl articles. For each, the
// first listed field present in an object with a non-empty value is used.
type JSON struct {
	TextFields  []string `mapstructure:"text_fields"`
	TitleFields []string `mapstructure:"title_fields"`
	IDFields    []string `mapstructure:"id_fields"`
	DateFields  []string `mapstructure:"date_fields"`
}

// Log configures structured logging (log/slog).
type Log struct {
	Format string `mapstructure:"format"` // text or json
	Level  string `mapstructure:"level"`  // debug, info, warn, error
}

// Neo4j configures the Neo4j store.
type Neo4j struct {
	URI       string `mapstructure:"uri"`
	Username  string `mapstructure:"username"`
	Password  string `mapstructure:"password"`
	Database  string `mapstructure:"database"` // "" = the server's default database
	BatchSize int    `mapstructure:"batch_size"`
}

// Store kinds.
const (
	StoreEmbedded = "embedded"
	StoreNeo4j    = "neo4j"
)

// key describes one configuration key: default, environment variables and flag.
type key struct {
	name  string
	def   any
	env   []string // in order of precedence
	flag  string   // "" when the key has no flag
	usage string
	// secret values are masked by Show.
	secret bool
}

// keys lists every configuration key. It is the single source of truth for
// defaults, env bindings, flags, `config show` and kgb.example.yaml.
var keys = []key{
	{name: "store", def: "", env: []string{"KGB_STORE"}, flag: "store", usage: "graph store: embedded or neo4j (default: neo4j when neo4j.uri is set, else embedded)"},
	{name: "db", def: "./kgb.db", env: []string{"KGB_DB"}, flag: "db", usage: "embedded store directory"},
	{name: "workers", def: 0, env: []string{"KGB_WORKERS"}, flag: "workers", usage: "extraction workers (0 = one per CPU core)"},
	{name: "max_file_size", def: "8MiB", env: []string{"KGB_MAX_FILE_SIZE"}, flag: "max-file-size", usage: "largest article file (or JSONL line) read, e.g. 8MiB; larger ones fail with a reason"},
	{name: "hidden", def: false, env: []string{"KGB_HIDDEN"}, flag: "hidden", usage: "also read hidden files and folders (names starting with .)"},
	{name: "batch_articles", def: 64, env: []string{"KGB_BATCH_ARTICLES"}, flag: "batch-articles", usage: "articles written to the store per batch"},
	{name: "relation_types", def: "", env: []string{"KGB_RELATION_TYPES"}, flag: "relation-types", usage: "YAML file mapping relation lemmas to relationship types"},
	{name: "aliases", def: "", env: []string{"KGB_ALIASES"}, flag: "aliases", usage: "aliases file for entity resolution"},
	{name: "json.text_fields", def: []string{"text", "body", "content", "article", "story"}, env: []string{"KGB_JSON_TEXT_FIELDS"}, flag: "json-text-fields", usage: "JSON fields holding an article's text, first non-empty wins"},
	{name: "json.title_fields", def: []string{"title", "headline", "name"}, env: []string{"KGB_JSON_TITLE_FIELDS"}, flag: "json-title-fields", usage: "JSON fields holding an article's title"},
	{name: "json.id_fields", def: []string{"id", "guid", "uuid", "url"}, env: []string{"KGB_JSON_ID_FIELDS"}, flag: "json-id-fields", usage: "JSON fields holding an article's id within its file"},
	{name: "json.date_fields", def: []string{"date", "published", "published_at", "pubDate", "datePublished"}, env: []string{"KGB_JSON_DATE_FIELDS"}, flag: "json-date-fields", usage: "JSON fields holding an article's publication date"},
	{name: "log.format", def: "text", env: []string{"KGB_LOG_FORMAT"}, flag: "log-format", usage: "log format: text or json"},
	{name: "log.level", def: "warn", env: []string{"KGB_LOG_LEVEL"}, flag: "log-level", usage: "log level: debug, info, warn or error (--verbose = debug)"},
	{name: "neo4j.uri", def: "", env: []string{"KGB_NEO4J_URI", "NEO4J_URI"}, flag: "neo4j-uri", usage: "Neo4j Bolt URI, e.g. neo4j://localhost:7687"},
	{name: "neo4j.username", def: "neo4j", env: []string{"KGB_NEO4J_USERNAME", "NEO4J_USERNAME"}, flag: "neo4j-username", usage: "Neo4j user"},
	{name: "neo4j.password", def: "", env: []string{"KGB_NEO4J_PASSWORD", "NEO4J_PASSWORD"}, secret: true, usage: "Neo4j password (file or environment only, never a flag)"},
	{name: "neo4j.database", def: "", env: []string{"KGB_NEO4J_DATABASE", "NEO4J_DATABASE"}, flag: "neo4j-database", usage: "Neo4j database (default: the server's default database)"},
	{name: "neo4j.batch_size", def: 2000, env: []string{"KGB_NEO4J_BATCH_SIZE"}, flag: "neo4j-batch-size", usage: "evidence edges per Neo4j write statement, and rows of its other UNWIND statements (2000 was fastest in scripts/bench.sh neo4j)"},
}

// Keys returns the names of every configuration key, in documentation order.
func Keys() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

// Flag names that are not configuration keys.
const (
	FlagConfig  = "config"
	FlagVerbose = "verbose"
)

// AddFlags registers the configuration flags on fs: --config, --verbose and
// one flag per key that has one. Load reads only the flags the user set.
func AddFlags(fs *pflag.FlagSet) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
	}
	AddFlagsFor(fs, names...)
}

// AddFlagsFor registers --config, --verbose and the flags of the named
// configuration keys only, for commands that use no other setting (so that
// their --help lists only flags that apply). Unknown names panic.
func AddFlagsFor(fs *pflag.FlagSet, names ...string) {
	fs.String(FlagConfig, "", "config file (default $KGB_CONFIG, else ./kgb.yaml, else $XDG_CONFIG_HOME/kgb/kgb.yaml)")
	fs.BoolP(FlagVerbose, "v", false, "debug logging (same as --log-level debug)")
	for _, name := range names {
		i := slices.IndexFunc(keys, func(k key) bool { return k.name == name })
		if i < 0 {
			panic("config: AddFlagsFor: unknown key " + name)
		}
		k := keys[i]
		if k.flag == "" {
			continue
		}
		switch d := k.def.(type) {
		case string:
			fs.String(k.flag, d, k.usage)
		case int:
			fs.Int(k.flag, d, k.usage)
		case bool:
			fs.Bool(k.flag, d, k.usage)
		case []string:
			fs.StringSlice(k.flag, d, k.usage)
		}
	}
}

// Error is a configuration mistake the user must fix; Load returns only
// *Error values (wrapping I/O errors where there is one).
type Error struct {
	Key    string // offending key, "" when not about one key
	Source string // where the offending value came from
	Msg    string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("config")
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	if e.Source != "" {
		b.WriteString(" (from " + e.Source + ")")
	}
	b.WriteString(": " + e.Msg)
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Options tells Load where to look.
type Options struct {
	// Flags holds the parsed flags registered by AddFlags; nil for none.
	Flags *pflag.FlagSet
	// WorkDir is searched for kgb.yaml; "" means the current directory.
	WorkDir string
	// LookupEnv reads the environment; nil means os.LookupEnv. Empty values
	// count as unset.
	LookupEnv func(string) (string, bool)
	// NumCPU resolves workers=0; nil means runtime.NumCPU.
	NumCPU func() int
}

// Load reads and validates the configuration.
func Load(opts Options) (*Config, error) {
	lookup := opts.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	getenv := func(name string) (string, bool) {
		v, ok := lookup(name)
		return v, ok && v != ""
	}
	v := viper.New()
	for _, k := range keys {
		v.SetDefault(k.name, k.def)
	}

	// Config file: --config, else $KGB_CONFIG, else ./kgb.yaml, else XDG.
	file, fileSource, err := findFile(opts, getenv)
	if err != nil {
		return nil, err
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, &Error{Msg: fmt.Sprintf("cannot read config file %s (%s)", file, fileSource), Err: err}
		}
		if err := checkUnknown(v, file); err != nil {
			return nil, err
		}
	}

	sources := make(map[string]string, len(keys))
	for _, k := range keys {
		src := "default"
		if file != "" && v.InConfig(k.name) {
			src = "file " + file
		}
		for _, name := range k.env {
			if val, ok := getenv(name); ok {
				v.Set(k.name, val)
				src = "env " + name
				break
			}
		}
		if opts.Flags != nil && k.flag != "" {
			if f := opts.Flags.Lookup(k.flag); f != nil && f.Changed {
				v.Set(k.name, flagValue(f))
				src = "flag --" + k.flag
			}
		}
		sources[k.name] = src
	}
	if opts.Flags != nil {
		if f := opts.Flags.Lookup(FlagVerbose); f != nil && f.Changed && f.Value.String() == "true" {
			v.Set("log.level", "debug")
			sources["log.level"] = "flag --" + FlagVerbose
		}
	}

	cfg := &Config{sources: sources, file: file}
	if err := decode(v, cfg); err != nil {
		return nil, err
	}
	if err := cfg.validate(opts); err != nil {
		return nil, err
	}
	return cfg, nil
}

func flagValue(f *pflag.Flag) any {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return sv.GetSlice()
	}
	return f.Value.String()
}

func findFile(opts Options, getenv func(string) (string, bool)) (file, source string, err error) {
	if opts.Flags != nil {
		if f := opts.Flags.Lookup(FlagConfig); f != nil && f.Changed {
			return mustExist(f.Value.String(), "flag --config")
		}
	}
	if p, ok := getenv("KGB_CONFIG"); ok {
		return mustExist(p, "env KGB_CONFIG")
	}
	wd := opts.WorkDir
	if wd == "" {
		wd = "."
	}
	if p := filepath.Join(wd, "kgb.yaml"); fileExists(p) {
		return p, "working directory", nil
	}
	xdg, ok := getenv("XDG_CONFIG_HOME")
	if !ok {
		if home, ok := getenv("HOME"); ok {
			xdg = filepath.Join(home, ".config")
		}
	}
	if xdg != "" {
		if p := filepath.Join(xdg, "kgb", "kgb.yaml"); fileExists(p) {
			return p, "XDG_CONFIG_HOME", nil
		}
	}
	return "", "", nil
}

func mustExist(p, source string) (string, string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return "", "", &Error{Source: source, Msg: fmt.Sprintf("config file %s cannot be used", p), Err: err}
	}
	if st.IsDir() {
		return "", "", &Error{Source: source, Msg: fmt.Sprintf("config file %s is a directory", p)}
	}
	return p, source, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// checkUnknown rejects keys in the file that kgb does not know, by name.
func checkUnknown(v *viper.Viper, file string) error {
	known := make(map[string]bool, len(keys))
	sections := map[string]bool{}
	for _, k := range keys {
		known[k.name] = true
		if i := strings.IndexByte(k.name, '.'); i > 0 {
			sections[k.name[:i]] = true
		}
	}
	var unknown []string
	for _, k := range v.AllKeys() {
		if !known[k] && v.InConfig(k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	k := unknown[0]
	msg := fmt.Sprintf("unknown key %q", k)
	if s := suggest(k, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else if sections[k] {
		msg = fmt.Sprintf("key %q must be a section of keys", k)
	}
	if len(unknown) > 1 {
		msg += fmt.Sprintf(" and %d more unknown key(s): %s", len(unknown)-1, strings.Join(unknown[1:], ", "))
	}
	return &Error{Key: k, Source: "file " + file, Msg: msg + "; see kgb.example.yaml for every key"}
}

// suggest returns the known key closest to k, or "" when none is close.
func suggest(k string, known map[string]bool) string {
	best, bestD := "", 3
	for c := range known {
		if d := editDistance(k, c); d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// File returns the config file that was read, "" when none.
func (c *Config) File() string { return c.file }

// Source returns where key's value came from: "default", "file PATH",
// "env NAME" or "flag --name".
func (c *Config) Source(key string) string { return c.sources[key] }

func (c *Config) validate(opts Options) error {
	bad := func(key, format string, args ...any) error {
		return &Error{Key: key, Source: c.sources[key], Msg: fmt.Sprintf(format, args...)}
	}
	c.Store = strings.ToLower(strings.TrimSpace(c.Store))
	switch c.Store {
	case "":
		if c.Neo4j.URI != "" {
			c.Store = StoreNeo4j
			c.sources["store"] = "default (neo4j.uri is set)"
		} else {
			c.Store = StoreEmbedded
			c.sources["store"] = "default (neo4j.uri is not set)"
		}
	case StoreEmbedded, StoreNeo4j:
	default:
		return bad("store", "%q is not a store; use embedded or neo4j", c.Store)
	}
	if c.Store == StoreEmbedded && strings.TrimSpace(c.DB) == "" {
		return bad("db", "the embedded store needs a directory path, e.g. ./kgb.db")
	}
	if c.Neo4j.URI != "" {
		if err := checkURI(c.Neo4j.URI); err != nil {
			return bad("neo4j.uri", "%s", err.Error())
		}
		if err := c.takeURICredentials(); err != nil {
			return err
		}
	}
	if c.Store == StoreNeo4j {
		if c.Neo4j.URI == "" {
			return bad("neo4j.uri", "store is neo4j but no URI is set; set neo4j.uri, NEO4J_URI or --neo4j-uri (e.g. neo4j://localhost:7687)")
		}
		if c.Neo4j.Username == "" {
			return bad("neo4j.username", "must not be empty")
		}
	}
	if c.Neo4j.BatchSize < 1 || c.Neo4j.BatchSize > 100000 {
		return bad("neo4j.batch_size", "%d is out of range; use 1 to 100000", c.Neo4j.BatchSize)
	}
	if c.Workers < 0 || c.Workers > 1024 {
		return bad("workers", "%d is out of range; use 0 (one per core) to 1024", c.Workers)
	}
	if c.Workers == 0 {
		n := runtime.NumCPU
		if opts.NumCPU != nil {
			n = opts.NumCPU
		}
		c.Workers = max(1, n())
		c.sources["workers"] += " (0 = one per core)"
	}
	if c.MaxFileSize < 1 {
		return bad("max_file_size", "must be at least 1 byte, e.g. 8MiB")
	}
	if c.BatchArticles < 1 || c.BatchArticles > 10000 {
		return bad("batch_articles", "%d is out of range; use 1 to 10000", c.BatchArticles)
	}
	for _, f := range []struct {
		key  string
		path string
	}{{"relation_types", c.RelationTypes}, {"aliases", c.Aliases}} {
		if f.path == "" {
			continue
		}
		st, err := os.Stat(f.path)
		if err != nil {
			return &Error{Key: f.key, Source: c.sources[f.key], Msg: "cannot use file", Err: err}
		}
		if st.IsDir() {
			return bad(f.key, "%s is a directory, want a file", f.path)
		}
	}
	for _, f := range []struct {
		key    string
		fields []string
	}{{"json.text_fields", c.JSON.TextFields}, {"json.title_fields", c.JSON.TitleFields},
		{"json.id_fields", c.JSON.IDFields}, {"json.date_fields", c.JSON.DateFields}} {
		for _, name := range f.fields {
			if strings.TrimSpace(name) == "" {
				return bad(f.key, "contains an empty field name")
			}
		}
	}
	if len(c.JSON.TextFields) == 0 {
		return bad("json.text_fields", "needs at least one field name, e.g. [text, body]")
	}
	c.Log.Format = strings.ToLower(c.Log.Format)
	if c.Log.Format != "text" && c.Log.Format != "json" {
		return bad("log.format", "%q is not a log format; use text or json", c.Log.Format)
	}
	c.Log.Level = strings.ToLower(c.Log.Level)
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return bad("log.level", "%q is not a log level; use debug, info, warn or error", c.Log.Level)
	}
	return nil
}

// checkURI validates a Neo4j URI: scheme, host and port (1-65535). Its
// messages never repeat a password the URI may hold.
func checkURI(uri string) error {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok || rest == "" {
		return errors.New("not a URI; want scheme://host:port, e.g. neo4j://localhost:7687")
	}
	switch scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return fmt.Errorf("scheme %q is not supported; use bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc", scheme)
	}
	hostport := rest
	if i := strings.LastIndexByte(hostport, '@'); i >= 0 {
		hostport = hostport[i+1:]
	}
	if i := strings.IndexAny(hostport, "/?#"); i >= 0 {
		hostport = hostport[:i]
	}
	u, err := url.Parse(scheme + "://" + hostport)
	if err != nil || u.Hostname() == "" {
		return fmt.Errorf("%q has no valid host; want scheme://host:port, e.g. neo4j://localhost:7687", hostport)
	}
	if p := u.Port(); p != "" || strings.HasSuffix(hostport, ":") {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %q is not a port number (1-65535)", p)
		}
	}
	return nil
}

// takeURICredentials uses a user and password written in neo4j.uri
// ("bolt://user:secret@host") and removes them from the URI, so that the
// URI can be shown and the password is never silently ignored. A password in
// a URI given as a flag is refused: command lines are visible to other users.
// Credentials in the URI that contradict neo4j.username or neo4j.password
// are refused too, rather than one of them being dropped.
func (c *Config) takeURICredentials() error {
	scheme, rest, _ := strings.Cut(c.Neo4j.URI, "://")
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return nil
	}
	src := c.sources["neo4j.uri"]
	userinfo, hostpart := rest[:at], rest[at+1:]
	rawUser, rawPass, hasPass := strings.Cut(userinfo, ":")
	user, err1 := url.PathUnescape(rawUser)
	pass, err2 := url.PathUnescape(rawPass)
	if err1 != nil || err2 != nil {
		return &Error{Key: "neo4j.uri", Source: src, Msg: "the user or password in the URI is not valid percent-encoding"}
	}
	if hasPass && strings.HasPrefix(src, "flag ") {
		return &Error{Key: "neo4j.uri", Source: src, Msg: "holds a password; a password on the command line is visible to other users (ps): " +
			"give the URI without it and the password in NEO4J_PASSWORD or kgb.yaml (neo4j.password)"}
	}
	if user != "" {
		if c.Neo4j.Username != user && !strings.HasPrefix(c.sources["neo4j.username"], "default") {
			return &Error{Key: "neo4j.uri", Source: src, Msg: fmt.Sprintf("names user %q but neo4j.username is %q (%s); give the user in one place",
				user, c.Neo4j.Username, c.sources["neo4j.username"])}
		}
		c.Neo4j.Username = user
		c.sources["neo4j.username"] = src + " (user in the URI)"
	}
	if hasPass {
		if c.Neo4j.Password != "" && c.Neo4j.Password != pass {
			return &Error{Key: "neo4j.uri", Source: src, Msg: fmt.Sprintf("holds a password, and neo4j.password (%s) holds another; give the password in one place",
				c.sources["neo4j.password"])}
		}
		if c.Neo4j.Password == "" {
			c.Neo4j.Password = pass
			c.sources["neo4j.password"] = src + " (password in the URI)"
		}
	}
	c.Neo4j.URI = scheme + "://" + hostpart
	return nil
}

// MaskURI hides a password embedded in a URI ("bolt://u:secret@h" → "bolt://u:****@h").
func MaskURI(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return uri
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return uri
	}
	return scheme + "://" + user + ":****" + rest[at:]
}
