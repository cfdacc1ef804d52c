package config

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// load runs Load with a file (when yaml != ""), an environment and flag args.
func load(t *testing.T, yaml string, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	dir := t.TempDir()
	if yaml != "" {
		if err := os.WriteFile(filepath.Join(dir, "kgb.yaml"), []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return Load(Options{
		Flags:     fs,
		WorkDir:   dir,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		NumCPU:    func() int { return 4 },
	})
}

func TestPrecedence(t *testing.T) {
	tests := []struct {
		name       string
		yaml       string
		env        map[string]string
		args       []string
		key        string
		get        func(*Config) any
		want       any
		wantSource string
	}{
		{"default store is embedded", "", nil, nil, "store", func(c *Config) any { return c.Store }, "embedded", "default (neo4j.uri is not set)"},
		{"default db", "", nil, nil, "db", func(c *Config) any { return c.DB }, "./kgb.db", "default"},
		{"workers 0 is one per core", "", nil, nil, "workers", func(c *Config) any { return c.Workers }, 4, "default (0 = one per core)"},
		{"default max file size", "", nil, nil, "max_file_size", func(c *Config) any { return c.MaxFileSize }, ByteSize(8 << 20), "default"},
		{"file beats default", "workers: 3\n", nil, nil, "workers", func(c *Config) any { return c.Workers }, 3, "file"},
		{"env beats file", "workers: 3\n", map[string]string{"KGB_WORKERS": "5"}, nil, "workers", func(c *Config) any { return c.Workers }, 5, "env KGB_WORKERS"},
		{"flag beats env", "workers: 3\n", map[string]string{"KGB_WORKERS": "5"}, []string{"--workers=7"}, "workers", func(c *Config) any { return c.Workers }, 7, "flag --workers"},
		{"empty env is unset", "workers: 3\n", map[string]string{"KGB_WORKERS": ""}, nil, "workers", func(c *Config) any { return c.Workers }, 3, "file"},
		{"size with unit from file", "max_file_size: 100MB\n", nil, nil, "max_file_size", func(c *Config) any { return c.MaxFileSize }, ByteSize(100_000_000), "file"},
		{"size as bytes from flag", "", nil, []string{"--max-file-size", "2048"}, "max_file_size", func(c *Config) any { return c.MaxFileSize }, ByteSize(2048), "flag --max-file-size"},
		{"NEO4J_URI picks neo4j store", "", map[string]string{"NEO4J_URI": "neo4j://db:7687"}, nil, "store", func(c *Config) any { return c.Store }, "neo4j", "default (neo4j.uri is set)"},
		{"NEO4J_URI is read", "", map[string]string{"NEO4J_URI": "neo4j://db:7687"}, nil, "neo4j.uri", func(c *Config) any { return c.Neo4j.URI }, "neo4j://db:7687", "env NEO4J_URI"},
		{"KGB_NEO4J_URI beats NEO4J_URI", "", map[string]string{"NEO4J_URI": "neo4j://a:7687", "KGB_NEO4J_URI": "bolt://b:7687"}, nil, "neo4j.uri", func(c *Config) any { return c.Neo4j.URI }, "bolt://b:7687", "env KGB_NEO4J_URI"},
		{"NEO4J_PASSWORD is read", "", map[string]string{"NEO4J_PASSWORD": "s3cret"}, nil, "neo4j.password", func(c *Config) any { return c.Neo4j.Password }, "s3cret", "env NEO4J_PASSWORD"},
		{"store flag beats uri default", "neo4j:\n  uri: bolt://x:7687\n", nil, []string{"--store", "embedded"}, "store", func(c *Config) any { return c.Store }, "embedded", "flag --store"},
		{"nested key from file", "neo4j:\n  database: news\n", nil, nil, "neo4j.database", func(c *Config) any { return c.Neo4j.Database }, "news", "file"},
		{"list from env", "", map[string]string{"KGB_JSON_TEXT_FIELDS": "story, copy"}, nil, "json.text_fields", func(c *Config) any { return strings.Join(c.JSON.TextFields, "|") }, "story|copy", "env KGB_JSON_TEXT_FIELDS"},
		{"list from flag", "json:\n  text_fields: [a]\n", nil, []string{"--json-text-fields", "x,y"}, "json.text_fields", func(c *Config) any { return strings.Join(c.JSON.TextFields, "|") }, "x|y", "flag --json-text-fields"},
		{"list from file", "json:\n  text_fields: [a, b]\n", nil, nil, "json.text_fields", func(c *Config) any { return strings.Join(c.JSON.TextFields, "|") }, "a|b", "file"},
		{"bool from env", "", map[string]string{"KGB_HIDDEN": "true"}, nil, "hidden", func(c *Config) any { return c.Hidden }, true, "env KGB_HIDDEN"},
		{"verbose sets debug", "log:\n  level: error\n", nil, []string{"--verbose"}, "log.level", func(c *Config) any { return c.Log.Level }, "debug", "flag --verbose"},
		{"log format upper-case accepted", "", map[string]string{"KGB_LOG_FORMAT": "JSON"}, nil, "log.format", func(c *Config) any { return c.Log.Format }, "json", "env KGB_LOG_FORMAT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.yaml, tt.env, tt.args...)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := tt.get(c); got != tt.want {
				t.Errorf("%s = %v, want %v", tt.key, got, tt.want)
			}
			if src := c.Source(tt.key); !strings.HasPrefix(src, tt.wantSource) {
				t.Errorf("source of %s = %q, want prefix %q", tt.key, src, tt.wantSource)
			}
		})
	}
}

func TestValidationErrors(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		env     map[string]string
		args    []string
		wantKey string
		want    []string // substrings of the message
	}{
		{"unknown key named with suggestion", "workrs: 2\n", nil, nil, "workrs", []string{`unknown key "workrs"`, `did you mean "workers"`}},
		{"unknown nested key", "neo4j:\n  url: bolt://x\n", nil, nil, "neo4j.url", []string{`unknown key "neo4j.url"`, `"neo4j.uri"`}},
		{"unknown key far from any", "colour: blue\n", nil, nil, "colour", []string{`unknown key "colour"`, "kgb.example.yaml"}},
		{"bad store", "store: postgres\n", nil, nil, "store", []string{`"postgres" is not a store`, "embedded or neo4j"}},
		{"neo4j without uri", "", map[string]string{"KGB_STORE": "neo4j"}, nil, "neo4j.uri", []string{"no URI is set", "NEO4J_URI"}},
		{"bad uri scheme", "", map[string]string{"NEO4J_URI": "http://localhost:7474"}, nil, "neo4j.uri", []string{`scheme "http"`, "bolt"}},
		{"uri without scheme, password masked", "", map[string]string{"NEO4J_URI": "u:pw@localhost"}, nil, "neo4j.uri", []string{"not a URI"}},
		{"port out of range", "", map[string]string{"NEO4J_URI": "bolt://localhost:99999"}, nil, "neo4j.uri", []string{`port "99999"`, "1-65535"}},
		{"port not a number", "", nil, []string{"--neo4j-uri", "neo4j://localhost:76x7"}, "neo4j.uri", []string{"flag --neo4j-uri", "port"}},
		{"port checked with store embedded", "", map[string]string{"KGB_STORE": "embedded"}, []string{"--neo4j-uri", "bolt://h:0"}, "neo4j.uri", []string{`port "0"`}},
		{"password in a flag uri", "", nil, []string{"--neo4j-uri", "bolt://neo4j:s3cret@h:7687"}, "neo4j.uri", []string{"command line", "NEO4J_PASSWORD"}},
		{"uri password contradicts neo4j.password", "neo4j:\n  password: other\n", map[string]string{"NEO4J_URI": "bolt://neo4j:s3cret@h:7687"}, nil, "neo4j.uri", []string{"holds another", "file "}},
		{"uri user contradicts neo4j.username", "", map[string]string{"NEO4J_URI": "bolt://ada:s3cret@h:7687", "NEO4J_USERNAME": "neo4j"}, nil, "neo4j.uri", []string{`names user "ada"`, "env NEO4J_USERNAME"}},
		{"workers not a number", "", map[string]string{"KGB_WORKERS": "many"}, nil, "workers", []string{"env KGB_WORKERS", "whole number", `"many"`}},
		{"workers negative", "workers: -1\n", nil, nil, "workers", []string{"out of range"}},
		{"bad size", "max_file_size: lots\n", nil, nil, "max_file_size", []string{`"lots" is not a size`, "8MiB"}},
		{"zero size", "", nil, []string{"--max-file-size", "0"}, "max_file_size", []string{"at least 1 byte"}},
		{"bad bool", "hidden: sometimes\n", nil, nil, "hidden", []string{"true or false"}},
		{"bad log format", "", nil, []string{"--log-format", "xml"}, "log.format", []string{`"xml" is not a log format`, "flag --log-format"}},
		{"bad log level", "log:\n  level: loud\n", nil, nil, "log.level", []string{"not a log level"}},
		{"batch size out of range", "neo4j:\n  batch_size: 0\n", nil, nil, "neo4j.batch_size", []string{"out of range"}},
		{"missing relation types file", "relation_types: /nonexistent/rt.yaml\n", nil, nil, "relation_types", []string{"cannot use file", "no such file"}},
		{"empty json field list", "json:\n  text_fields: []\n", nil, nil, "json.text_fields", []string{"at least one field"}},
		{"section given a scalar", "neo4j: yes\n", nil, nil, "neo4j", []string{"neo4j"}},
		{"scalar given a map", "db:\n  path: x\n", nil, nil, "db.path", []string{`unknown key "db.path"`}},
		{"empty db for embedded", "db: \"\"\n", nil, nil, "db", []string{"needs a directory path"}},
		{"missing --config file", "", nil, []string{"--config", "/nonexistent/kgb.yaml"}, "", []string{"/nonexistent/kgb.yaml", "flag --config"}},
		{"malformed yaml", "workers: [1,\n", nil, nil, "", []string{"cannot read config file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.yaml, tt.env, tt.args...)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v is not a *config.Error", err, err)
			}
			if tt.wantKey != "" && ce.Key != tt.wantKey {
				t.Errorf("error key = %q, want %q (%v)", ce.Key, tt.wantKey, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "pw@") {
				t.Errorf("error leaks a password: %q", err)
			}
		})
	}
}

func TestExampleFileDocumentsEveryKey(t *testing.T) {
	b, err := os.ReadFile("../kgb.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := load(t, string(b), nil)
	if err != nil {
		t.Fatalf("kgb.example.yaml does not load: %v", err)
	}
	defaults, err := load(t, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Settings() {
		if !strings.HasPrefix(s.Source, "file ") && s.Key != "store" {
			t.Errorf("kgb.example.yaml does not set %s (source %q)", s.Key, s.Source)
		}
	}
	// The example documents the defaults: loading it changes nothing.
	ds := defaults.Settings()
	for i, s := range c.Settings() {
		if s.Value != ds[i].Value {
			t.Errorf("kgb.example.yaml sets %s = %s, but the default is %s", s.Key, s.Value, ds[i].Value)
		}
	}
}

func TestSettingsMaskSecrets(t *testing.T) {
	c, err := load(t, "neo4j:\n  uri: bolt://neo4j:hunter2@db:7687\n  password: hunter2\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	var seen int
	for _, s := range c.Settings() {
		if strings.Contains(s.Value, "hunter2") {
			t.Errorf("%s shows the secret: %q", s.Key, s.Value)
		}
		switch s.Key {
		case "neo4j.password":
			seen++
			if s.Value != "****" {
				t.Errorf("password shows %q, want ****", s.Value)
			}
		case "neo4j.uri":
			seen++
			if s.Value != "bolt://db:7687" {
				t.Errorf("uri shows %q", s.Value)
			}
		}
	}
	if seen != 2 {
		t.Errorf("Settings lacks password or uri")
	}
	if len(c.Settings()) != len(Keys()) {
		t.Errorf("Settings has %d entries, want %d", len(c.Settings()), len(Keys()))
	}
}

func TestConfigFileSearch(t *testing.T) {
	xdg := t.TempDir()
	if err := os.MkdirAll(filepath.Join(xdg, "kgb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(xdg, "kgb", "kgb.yaml"), []byte("workers: 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	explicit := filepath.Join(t.TempDir(), "other.yml")
	if err := os.WriteFile(explicit, []byte("workers: 11\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fromEnv := filepath.Join(t.TempDir(), "env.yaml")
	if err := os.WriteFile(fromEnv, []byte("workers: 13\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		yaml      string // ./kgb.yaml
		kgbConfig string // $KGB_CONFIG
		args      []string
		want      int
	}{
		{"xdg when no local file", "", "", nil, 9},
		{"local file beats xdg", "workers: 2\n", "", nil, 2},
		{"KGB_CONFIG beats local file", "workers: 2\n", fromEnv, nil, 13},
		{"--config beats all", "workers: 2\n", fromEnv, []string{"--config", explicit}, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"XDG_CONFIG_HOME": xdg, "KGB_CONFIG": tt.kgbConfig}
			c, err := load(t, tt.yaml, env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if c.Workers != tt.want {
				t.Errorf("workers = %d, want %d (file %s)", c.Workers, tt.want, c.File())
			}
		})
	}
}

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want ByteSize
		ok   bool
	}{
		{"8MiB", 8 << 20, true}, {"8 mib", 8 << 20, true}, {"10MB", 10_000_000, true}, {"512KiB", 512 << 10, true},
		{"1.5GiB", 3 << 29, true}, {"8m", 8 << 20, true}, {"123", 123, true}, {"123B", 123, true},
		{"", 0, false}, {"-1MiB", 0, false}, {"eightMiB", 0, false}, {"1e30GiB", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseByteSize(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParseByteSize(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestLoadRelationTypes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rt, err := LoadRelationTypes(write("ok.yaml", "\"hold a phone conversation with\": CALL\ncriticise: CRITICIZE\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.Type("Hold a  phone conversation with"); got != "CALL" {
		t.Errorf("mapped lemma → %q, want CALL", got)
	}
	if got := rt.Type("meet"); got != "MEET" {
		t.Errorf("unmapped lemma → %q, want MEET", got)
	}
	if rt, err := LoadRelationTypes(""); err != nil || rt.Type("praise") == "" {
		t.Errorf("empty path: %v, %v", rt, err)
	}
	if got := rt.Type("hold talks with"); got == "HOLD_TALKS_WITH" {
		t.Errorf("shipped defaults not applied under a user file: %q", got)
	}
	if rt, err := LoadRelationTypes(write("empty.yaml", "")); err != nil || rt.Type("meet") != "MEET" {
		t.Errorf("empty file: %v", err)
	}
	tests := []struct{ name, body, want string }{
		{"invalid type", "meet: \"MEET) DETACH DELETE n //\"\n", "want ^[A-Z][A-Z0-9_]*$"},
		{"not a mapping", "- a\n- b\n", "relation_types"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadRelationTypes(write(tt.name+".yaml", tt.body))
			var ce *Error
			if !errors.As(err, &ce) || ce.Key != "relation_types" || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a relation_types error containing %q", err, tt.want)
			}
		})
	}
	if _, err := LoadRelationTypes(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
}

// TestURICredentials: a user and password written in neo4j.uri are used
// (never silently dropped) and removed from the URI, which then shows clean.
func TestURICredentials(t *testing.T) {
	for _, tc := range []struct {
		name, yaml           string
		env                  map[string]string
		uri, user, pw, pwSrc string
	}{
		{"env uri", "", map[string]string{"NEO4J_URI": "bolt://ada:s3cr%40t@db:7687"}, "bolt://db:7687", "ada", "s3cr@t", "env NEO4J_URI (password in the URI)"},
		{"file uri, same password in the file", "neo4j:\n  uri: neo4j://neo4j:pw@db\n  password: pw\n", nil, "neo4j://db", "neo4j", "pw", "env NEO4J_PASSWORD"},
		{"user only", "", map[string]string{"NEO4J_URI": "bolt://ada@db:7687", "NEO4J_PASSWORD": "pw"}, "bolt://db:7687", "ada", "pw", "env NEO4J_PASSWORD"},
		{"no credentials", "", map[string]string{"NEO4J_URI": "bolt://db:7687"}, "bolt://db:7687", "neo4j", "", "default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := tc.env
			if tc.name == "file uri, same password in the file" {
				env = map[string]string{"NEO4J_PASSWORD": "pw"}
			}
			c, err := load(t, tc.yaml, env)
			if err != nil {
				t.Fatal(err)
			}
			if c.Neo4j.URI != tc.uri || c.Neo4j.Username != tc.user || c.Neo4j.Password != tc.pw {
				t.Errorf("uri %q user %q password %q; want %q %q %q", c.Neo4j.URI, c.Neo4j.Username, c.Neo4j.Password, tc.uri, tc.user, tc.pw)
			}
			if got := c.Source("neo4j.password"); got != tc.pwSrc {
				t.Errorf("password source %q, want %q", got, tc.pwSrc)
			}
			for _, s := range c.Settings() {
				if tc.pw != "" && strings.Contains(s.Value, tc.pw) {
					t.Errorf("%s shows the password: %q", s.Key, s.Value)
				}
			}
		})
	}
}

// TestSettingsJSONTypes: config show --json gives numbers as numbers,
// booleans as booleans and lists as arrays.
func TestSettingsJSONTypes(t *testing.T) {
	c, err := load(t, "workers: 3\nhidden: true\nmax_file_size: 1KiB\n", map[string]string{"NEO4J_PASSWORD": "hunter2"})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(c.Settings())
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"workers": 3.0, "hidden": true, "max_file_size": 1024.0, "batch_articles": 64.0,
		"neo4j.batch_size": 2000.0, "neo4j.password": "****", "neo4j.database": "", "json.text_fields": []any{"text", "body", "content", "article", "story"}}
	seen := 0
	for _, s := range got {
		w, ok := want[s["key"].(string)]
		if !ok {
			continue
		}
		seen++
		if !reflect.DeepEqual(s["value"], w) {
			t.Errorf("%s = %#v, want %#v", s["key"], s["value"], w)
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of %d keys in %s", seen, len(want), raw)
	}
	if strings.Contains(string(raw), "hunter2") {
		t.Errorf("JSON shows the password: %s", raw)
	}
}
