package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// browserArg decodes the editor text of a Browser URL the way Neo4j Browser
// 5.x does (populateEditorFromUrlEpic): replace '+' with ' ' in the raw URL,
// decodeURIComponent the whole URL once, then take every [?&]arg=([^&#]*)
// match, joined with newlines.
func browserArg(t testing.TB, raw string) string {
	t.Helper()
	dec, err := url.PathUnescape(strings.ReplaceAll(raw, "+", " "))
	if err != nil {
		t.Fatalf("decodeURIComponent would throw on %q: %v", raw, err)
	}
	var args []string
	for _, m := range regexp.MustCompile(`[?&]arg=([^&#]*)`).FindAllStringSubmatch(dec, -1) {
		if m[1] != "" {
			args = append(args, m[1])
		}
	}
	return strings.Join(args, "\n")
}

// browserParam reads a parameter as Browser reads connectURL and db:
// URLSearchParams.get, then decodeURIComponent once more.
func browserParam(t testing.TB, raw, key string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("parse %q: %v", raw, err)
	}
	v := u.Query().Get(key)
	dec, err := url.PathUnescape(v)
	if err != nil {
		t.Fatalf("decodeURIComponent(%q) would throw: %v", v, err)
	}
	return dec
}

// cypherUnquote reads a single-quoted Cypher string literal at the start of
// s as Neo4j 5.26 does: \uXXXX escapes are replaced before tokenising when
// their backslash follows an even number of backslashes (Java's rule, checked
// against a real server in TestCypherStringNeo4j), then the literal's own
// escapes apply. It returns the value and the bytes of s consumed.
func cypherUnquote(s string) (string, int, error) {
	// Pre-pass: unicode escapes, remembering where each output rune came from.
	type ch struct {
		r   rune
		end int // offset in s just after this rune's source
	}
	var pre []ch
	for i := 0; i < len(s); {
		if s[i] == '\\' {
			n := 0
			for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 && i+1 < len(s) && s[i+1] == 'u' {
				if i+6 > len(s) {
					return "", 0, errors.New("short \\u escape")
				}
				v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
				if err != nil {
					return "", 0, fmt.Errorf("bad \\u escape %q", s[i:i+6])
				}
				pre = append(pre, ch{rune(v), i + 6})
				i += 6
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		pre = append(pre, ch{r, i + size})
		i += size
	}
	if len(pre) == 0 || pre[0].r != '\'' {
		return "", 0, errors.New("no opening quote")
	}
	var b strings.Builder
	for i := 1; i < len(pre); i++ {
		switch pre[i].r {
		case '\'':
			return b.String(), pre[i].end, nil
		case '\\':
			if i+1 >= len(pre) {
				return "", 0, errors.New("dangling backslash")
			}
			i++
			switch pre[i].r {
			case '\\', '\'', '"':
				b.WriteRune(pre[i].r)
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			default:
				return "", 0, fmt.Errorf("unknown escape \\%c", pre[i].r)
			}
		default:
			b.WriteRune(pre[i].r)
		}
	}
	return "", 0, errors.New("unterminated string")
}

func TestCypherString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Helen Marsh", `'Helen Marsh'`},
		{"quote", "O'Brien", `'O\'Brien'`},
		{"double quote", `Dwayne "The Rock" Johnson`, `'Dwayne "The Rock" Johnson'`},
		{"backslash", `a\b`, `'a\\b'`},
		{"ampersand and hash", "AT&T #1", `'AT\u0026T \u00231'`},
		{"backslash before ampersand", `\&`, `'\\\u0026'`},
		{"literal unicode escape text", `a\u0027b`, `'a\\u0027b'`},
		{"injection", `'}) DETACH DELETE n //`, `'\'}) DETACH DELETE n //'`},
		{"backticks", "`x` y", "'`x` y'"},
		{"newline and tab", "a\nb\tc\r", `'a\nb\tc\r'`},
		{"non-ASCII", "Zoë Ångström 😀", `'Zoë Ångström 😀'`},
		{"percent and plus", "100% + more", `'100% + more'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cypherString(tt.in)
			if err != nil {
				t.Fatalf("cypherString(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("cypherString(%q) = %s, want %s", tt.in, got, tt.want)
			}
			back, n, err := cypherUnquote(got)
			if err != nil || back != tt.in || n != len(got) {
				t.Errorf("cypherUnquote(%s) = %q, %d, %v; want %q, %d", got, back, n, err, tt.in, len(got))
			}
		})
	}
}

func TestCypherStringRejects(t *testing.T) {
	for _, in := range []string{"a\x00b", "bell\a", "esc\x1b[0m", "del\x7f", "bad \xff utf8", "c1 \u0085"} {
		t.Run(strconv.Quote(in), func(t *testing.T) {
			_, err := cypherString(in)
			var ue *usageError
			if !errors.As(err, &ue) || !errors.Is(err, errBadName) {
				t.Fatalf("cypherString(%q) error = %v, want a usage error wrapping errBadName", in, err)
			}
		})
	}
}

func TestBrowseURL(t *testing.T) {
	tests := []struct {
		name        string
		opts        browseOptions
		entity      string
		wantPrefix  string // the URL starts with this
		wantConnect string // connectURL as Browser reads it
		wantDB      string
		wantInQuery []string // substrings of the editor text
	}{
		{
			name:        "defaults",
			opts:        browseOptions{URI: defaultBrowseURI, BrowserURL: defaultBrowseBrowserURL, Depth: 1, Limit: 300},
			entity:      "Helen Marsh",
			wantPrefix:  "http://localhost:7474/browser/?connectURL=bolt%3A%2F%2Flocalhost%3A7687&cmd=edit&arg=MATCH%20",
			wantConnect: "bolt://localhost:7687",
			wantInQuery: []string{"e.name = 'Helen Marsh'", "e.key = 'helen marsh'", "-[*1..1]-", "LIMIT 300"},
		},
		{
			name:        "local server, depth 2, database",
			opts:        browseOptions{URI: "bolt://127.0.0.1:7688", BrowserURL: "http://127.0.0.1:7474/browser/", Database: "news", Depth: 2, Limit: 50},
			entity:      "  Tobias Weber ",
			wantPrefix:  "http://127.0.0.1:7474/browser/?connectURL=bolt%3A%2F%2F127.0.0.1%3A7688&db=news&cmd=edit&arg=",
			wantConnect: "bolt://127.0.0.1:7688",
			wantDB:      "news",
			wantInQuery: []string{"e.name = 'Tobias Weber'", "-[*1..2]-", "LIMIT 50"},
		},
		{
			name:        "no auth preselected",
			opts:        browseOptions{URI: "bolt://127.0.0.1:7688", BrowserURL: "http://127.0.0.1:7474/browser/", NoAuth: true, Depth: 1, Limit: 300},
			entity:      "Helen Marsh",
			wantPrefix:  "http://127.0.0.1:7474/browser/?connectURL=bolt%3A%2F%2F127.0.0.1%3A7688&preselectAuthMethod=NO_AUTH&cmd=edit&arg=",
			wantConnect: "bolt://127.0.0.1:7688",
		},
		{
			name:        "password never in the URL",
			opts:        browseOptions{URI: "neo4j+s://alice:s3cret@db.example.com:7687/x?y=1", BrowserURL: "https://browser.example.com", Depth: 1, Limit: 1},
			entity:      "Ingrid Dahl",
			wantPrefix:  "https://browser.example.com/?connectURL=neo4j%2Bs%3A%2F%2Falice%40db.example.com%3A7687&cmd=edit&arg=",
			wantConnect: "neo4j+s://alice@db.example.com:7687",
		},
		{
			name:        "browser URL with its own query and fragment",
			opts:        browseOptions{URI: "bolt://h:1", BrowserURL: "http://h:7474/browser/?preselectAuthMethod=NO_AUTH#x", Depth: 1, Limit: 10},
			entity:      "A",
			wantPrefix:  "http://h:7474/browser/?preselectAuthMethod=NO_AUTH&connectURL=bolt%3A%2F%2Fh%3A1&cmd=edit&arg=",
			wantConnect: "bolt://h:1",
		},
		{
			name:        "hostile name stays inside its string",
			opts:        browseOptions{URI: defaultBrowseURI, BrowserURL: defaultBrowseBrowserURL, Depth: 1, Limit: 300},
			entity:      `AT&T's #1 \ "x" '}) DETACH DELETE n //`,
			wantPrefix:  "http://localhost:7474/browser/?connectURL=",
			wantConnect: "bolt://localhost:7687",
			wantInQuery: []string{`e.name = 'AT\u0026T\'s \u00231 \\ "x" \'}) DETACH DELETE n //'`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := browseURL(tt.opts, tt.entity)
			if err != nil {
				t.Fatalf("browseURL: %v", err)
			}
			if !strings.HasPrefix(got, tt.wantPrefix) {
				t.Errorf("URL = %s\nwant prefix %s", got, tt.wantPrefix)
			}
			if strings.Contains(got, "s3cret") {
				t.Errorf("URL leaks the password: %s", got)
			}
			if c := browserParam(t, got, "connectURL"); c != tt.wantConnect {
				t.Errorf("connectURL = %q, want %q", c, tt.wantConnect)
			}
			if db := browserParam(t, got, "db"); db != tt.wantDB {
				t.Errorf("db = %q, want %q", db, tt.wantDB)
			}
			if c := browserParam(t, got, "cmd"); c != "edit" {
				t.Errorf("cmd = %q, want edit", c)
			}
			want, err := neighbourhoodCypher(tt.entity, tt.opts.Depth, tt.opts.Limit)
			if err != nil {
				t.Fatal(err)
			}
			if arg := browserArg(t, got); arg != want {
				t.Errorf("Browser's editor would get\n%s\nwant\n%s", arg, want)
			}
			for _, s := range tt.wantInQuery {
				if !strings.Contains(want, s) {
					t.Errorf("query lacks %q:\n%s", s, want)
				}
			}
		})
	}
}

func TestBrowseURLErrors(t *testing.T) {
	ok := browseOptions{URI: defaultBrowseURI, BrowserURL: defaultBrowseBrowserURL, Depth: 1, Limit: 300}
	tests := []struct {
		name    string
		mod     func(*browseOptions)
		entity  string
		wantErr string
	}{
		{"empty entity", nil, "   ", "empty"},
		{"control character", nil, "a\x00b", "control character"},
		{"depth 0", func(o *browseOptions) { o.Depth = 0 }, "A", "--depth 0"},
		{"depth 5", func(o *browseOptions) { o.Depth = 5 }, "A", "--depth 5"},
		{"limit 0", func(o *browseOptions) { o.Limit = 0 }, "A", "--limit 0"},
		{"http scheme for Neo4j", func(o *browseOptions) { o.URI = "http://localhost:7474" }, "A", `scheme "http"`},
		{"no host", func(o *browseOptions) { o.URI = "bolt://" }, "A", "no host"},
		{"unparsable URI hides password", func(o *browseOptions) { o.URI = "bolt://u:s3cret@h:%zz" }, "A", "not a URI"},
		{"browser URL not http", func(o *browseOptions) { o.BrowserURL = "bolt://localhost:7687" }, "A", "--browser-url"},
		{"browser URL with credentials", func(o *browseOptions) { o.BrowserURL = "http://u:p@localhost:7474/browser/" }, "A", "credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := ok
			if tt.mod != nil {
				tt.mod(&o)
			}
			_, err := browseURL(o, tt.entity)
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %q, want it to mention %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error leaks the password: %q", err)
			}
		})
	}
}

func TestRunBrowse(t *testing.T) {
	opts := browseOptions{URI: "bolt://127.0.0.1:7688", BrowserURL: "http://127.0.0.1:7474/browser/", Depth: 1, Limit: 300}
	want, err := browseURL(opts, "Helen Marsh")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		open       bool
		openErr    error
		wantOpened bool
		wantStderr string
	}{
		{"print only", false, nil, false, ""},
		{"open", true, nil, true, ""},
		{"open fails: URL still printed, no error", true, errors.New("xdg-open not found"), true, "could not open a browser (xdg-open not found)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opened string
			o := opts
			o.Open = tt.open
			o.opener = func(_ context.Context, u string) error { opened = u; return tt.openErr }
			var stdout, stderr bytes.Buffer
			if err := runBrowse(context.Background(), o, "Helen Marsh", &stdout, &stderr); err != nil {
				t.Fatalf("runBrowse: %v", err)
			}
			if stdout.String() != want+"\n" {
				t.Errorf("stdout = %q, want %q", stdout.String(), want+"\n")
			}
			if tt.wantOpened != (opened == want) {
				t.Errorf("opened %q, want opened=%v", opened, tt.wantOpened)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) || (tt.wantStderr == "" && stderr.Len() > 0) {
				t.Errorf("stderr = %q, want %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestBrowseCmd(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "kgb.yaml")
	if err := os.WriteFile(file, []byte("neo4j:\n  uri: bolt://filehost:7688\n  database: news\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantErr  bool
		wantText []string
	}{
		{"nothing configured", nil, []string{"browse", "Helen Marsh"}, false,
			[]string{"connectURL=bolt%3A%2F%2Flocalhost%3A7687&cmd=edit"}},
		{"NEO4J_URI", map[string]string{"NEO4J_URI": "bolt://envhost:7687"}, []string{"browse", "Helen Marsh"}, false,
			[]string{"connectURL=bolt%3A%2F%2Fenvhost%3A7687"}},
		{"KGB_NEO4J_URI beats NEO4J_URI", map[string]string{"NEO4J_URI": "bolt://a:1", "KGB_NEO4J_URI": "bolt://b:2"}, []string{"browse", "X"}, false,
			[]string{"connectURL=bolt%3A%2F%2Fb%3A2"}},
		{"config file", map[string]string{"KGB_CONFIG": file}, []string{"browse", "X"}, false,
			[]string{"connectURL=bolt%3A%2F%2Ffilehost%3A7688", "&db=news&"}},
		{"--config flag", nil, []string{"browse", "--config", file, "X"}, false,
			[]string{"connectURL=bolt%3A%2F%2Ffilehost%3A7688", "&db=news&"}},
		{"flags beat env and file", map[string]string{"KGB_CONFIG": file, "NEO4J_URI": "bolt://envhost:7687"},
			[]string{"browse", "--uri", "bolt://flag:1", "--database", "other", "X"}, false,
			[]string{"connectURL=bolt%3A%2F%2Fflag%3A1", "&db=other&"}},
		{"--no-auth", nil, []string{"browse", "--no-auth", "X"}, false, []string{"&preselectAuthMethod=NO_AUTH&"}},
		{"bad URI in env", map[string]string{"NEO4J_URI": "http://x"}, []string{"browse", "X"}, true, nil},
		{"missing config file", nil, []string{"browse", "--config", filepath.Join(dir, "nope.yaml"), "X"}, true, nil},
		{"no entity", nil, []string{"browse"}, true, nil},
		{"two entities", nil, []string{"browse", "a", "b"}, true, nil},
		{"bad depth", nil, []string{"browse", "--depth", "9", "a"}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"KGB_CONFIG", "KGB_NEO4J_URI", "NEO4J_URI", "KGB_NEO4J_DATABASE", "NEO4J_DATABASE"} {
				t.Setenv(k, tt.env[k])
			}
			t.Setenv("XDG_CONFIG_HOME", dir) // no kgb/kgb.yaml there
			root := newRootCmd()
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&out)
			root.SetArgs(tt.args)
			err := root.ExecuteContext(context.Background())
			if tt.wantErr {
				var ue *usageError
				if !errors.As(err, &ue) {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("browse: %v", err)
			}
			for _, want := range tt.wantText {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output %q lacks %q", out.String(), want)
				}
			}
		})
	}
}

// FuzzCypherString checks that any entity name Browser's editor receives
// through a kgb browse URL is exactly one Cypher string literal holding the
// name: nothing can end the string early or split the URL parameter.
func FuzzCypherString(f *testing.F) {
	for _, s := range []string{
		"Helen Marsh", "O'Brien", `a\b`, `\`, `\\'`, "AT&T", "#", `\u0027`, `\\u0027`, `\\\u0027`,
		`'}) DETACH DELETE n //`, "`", "100%", "a+b", "%27", "%2527", "Zoë 😀", "a\nb", "\u2028", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		lit, err := cypherString(name)
		valid := utf8.ValidString(name) && !strings.ContainsFunc(name, func(r rune) bool {
			return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
		})
		if !valid {
			if err == nil {
				t.Fatalf("cypherString(%q) accepted a name with invalid UTF-8 or a control character", name)
			}
			return
		}
		if err != nil {
			t.Fatalf("cypherString(%q): %v", name, err)
		}
		if strings.ContainsAny(lit, "&#") {
			t.Fatalf("literal %s contains & or #, which would split Browser's arg", lit)
		}
		back, n, err := cypherUnquote(lit)
		if err != nil {
			t.Fatalf("cypherUnquote(%s): %v", lit, err)
		}
		if n != len(lit) {
			t.Fatalf("literal %s ends after %d of %d bytes: the name escapes the string", lit, n, len(lit))
		}
		if back != name {
			t.Fatalf("round trip: %q -> %s -> %q", name, lit, back)
		}

		if strings.TrimSpace(name) == "" {
			return
		}
		opts := browseOptions{URI: defaultBrowseURI, BrowserURL: defaultBrowseBrowserURL, Depth: 2, Limit: 300}
		u, err := browseURL(opts, name)
		if err != nil {
			t.Fatalf("browseURL(%q): %v", name, err)
		}
		q, err := neighbourhoodCypher(name, opts.Depth, opts.Limit)
		if err != nil {
			t.Fatal(err)
		}
		if got := browserArg(t, u); got != q {
			t.Fatalf("Browser's editor would get\n%s\nwant\n%s", got, q)
		}
	})
}
