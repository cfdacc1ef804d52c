package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
)

// browseOptions are the flags of `kgb browse`.
type browseOptions struct {
	URI        string // Bolt URI that Browser connects to
	BrowserURL string // where Neo4j Browser is served
	Database   string // database Browser uses; "" = the server's default
	Depth      int    // hops from the entity
	Limit      int    // rows returned by the query
	Open       bool   // open the URL with the desktop's opener
	NoAuth     bool   // preselect "No authentication" in Browser's connect form

	// opener opens a URL; nil means the platform's (xdg-open, open).
	opener func(ctx context.Context, url string) error
}

const (
	defaultBrowseURI        = "bolt://localhost:7687"
	defaultBrowseBrowserURL = "http://localhost:7474/browser/"
	maxBrowseDepth          = 4
)

func newBrowseCmd() *cobra.Command {
	var opts browseOptions
	cmd := &cobra.Command{
		Use:   "browse [flags] ENTITY",
		Short: "Print a Neo4j Browser URL showing an entity's neighbourhood",
		Long: `browse prints a Neo4j Browser URL that connects to the configured Neo4j and
fills the editor with a Cypher query for the neighbourhood of ENTITY (matched by
name, alias or normalised key). Press Run (or Ctrl+Enter) in Browser to draw it.

The entity name is written into the query as an escaped string literal, so any
name is safe. The password is never put in the URL: Browser's connect form asks
for it. For a Neo4j without authentication (scripts/neo4j-browser.sh), --no-auth
preselects "No authentication" so that one click on Connect is enough.

Style: entities are coloured by type and captioned by name once Browser has
loaded kgb's style sheet. scripts/neo4j-browser.sh does that on connect
(browser.post_connect_cmd); on any other Neo4j run ":style" with the contents of
scripts/browser/style.grass, or drag the file onto Browser.

The Neo4j URI and database come from --uri and --database, else from kgb's
configuration (neo4j.uri and neo4j.database: kgb.yaml, KGB_NEO4J_URI or
NEO4J_URI, KGB_NEO4J_DATABASE or NEO4J_DATABASE; see kgb config show), else
the URI is ` + defaultBrowseURI + `.`,
		Example: `  # local Neo4j with Browser from Maven Central (no Docker), then ingest and browse
  scripts/neo4j-browser.sh start
  kgb ingest --store neo4j --neo4j-uri bolt://127.0.0.1:7688 examples/articles
  kgb browse --uri bolt://127.0.0.1:7688 --no-auth "Helen Marsh"

  # two hops, opened in the desktop browser
  kgb browse --depth 2 --open "Tobias Weber"

  # Neo4j from docker compose (Browser on :7474, Bolt on :7687)
  NEO4J_URI=bolt://localhost:7687 kgb browse "Ingrid Dahl"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("browse: want exactly one entity name, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := browseDefaultsFromConfig(cmd, &opts); err != nil {
				return err
			}
			return runBrowse(cmd.Context(), opts, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.String(config.FlagConfig, "", "config file (default $KGB_CONFIG, else ./kgb.yaml, else $XDG_CONFIG_HOME/kgb/kgb.yaml)")
	f.StringVar(&opts.URI, "uri", "", "Neo4j Bolt URI Browser connects to (default: neo4j.uri from the configuration, else "+defaultBrowseURI+")")
	f.StringVar(&opts.BrowserURL, "browser-url", defaultBrowseBrowserURL, "URL of Neo4j Browser")
	f.StringVar(&opts.Database, "database", "", "database Browser uses (default: neo4j.database from the configuration, else the server's default)")
	f.IntVar(&opts.Depth, "depth", 1, "hops from the entity (1 to 4)")
	f.IntVar(&opts.Limit, "limit", 300, "maximum rows the query returns")
	f.BoolVar(&opts.Open, "open", false, "open the URL in the desktop's browser (xdg-open)")
	f.BoolVar(&opts.NoAuth, "no-auth", false, "preselect \"No authentication\" in Browser's connect form")
	return cmd
}

// runBrowse writes the Browser URL for entity to stdout and, with opts.Open,
// opens it. Failing to open is reported on stderr but is not an error: the
// URL has been printed.
func runBrowse(ctx context.Context, opts browseOptions, entity string, stdout, stderr io.Writer) error {
	u, err := browseURL(opts, entity)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(stdout, u); err != nil {
		return fmt.Errorf("browse: write url: %w", err)
	}
	if !opts.Open {
		return nil
	}
	open := opts.opener
	if open == nil {
		open = openURL
	}
	if err := open(ctx, u); err != nil {
		fmt.Fprintf(stderr, "kgb: could not open a browser (%s); open the URL above yourself\n", err.Error())
	}
	return nil
}

// browseURL builds the Browser URL: connectURL (the Bolt URI without its
// password), preselectAuthMethod with opts.NoAuth, db when set, and cmd=edit
// with the neighbourhood query as arg.
//
// Browser (5.x) reads arg from the raw URL after replacing '+' with ' ' and
// percent-decoding it once, then takes everything up to the next '&' or '#'.
// The query therefore never contains '&' or '#' (string literals spell them
// as \u0026 and \u0023), and every reserved byte is percent-encoded.
func browseURL(opts browseOptions, entity string) (string, error) {
	base, err := parseBrowserURL(opts.BrowserURL)
	if err != nil {
		return "", err
	}
	connect, err := browserConnectURI(opts.URI)
	if err != nil {
		return "", err
	}
	query, err := neighbourhoodCypher(entity, opts.Depth, opts.Limit)
	if err != nil {
		return "", err
	}
	var q strings.Builder
	q.WriteString(base.RawQuery)
	add := func(k, v string) {
		if q.Len() > 0 {
			q.WriteByte('&')
		}
		q.WriteString(k)
		q.WriteByte('=')
		q.WriteString(percentEncode(v))
	}
	add("connectURL", connect)
	if opts.NoAuth {
		add("preselectAuthMethod", "NO_AUTH")
	}
	if opts.Database != "" {
		add("db", opts.Database)
	}
	add("cmd", "edit")
	add("arg", query)
	base.RawQuery = q.String()
	base.Fragment = ""
	return base.String(), nil
}

func parseBrowserURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, usagef("browse: --browser-url %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("browse: --browser-url %q: want http(s)://host[:port]/path, e.g. %s", s, defaultBrowseBrowserURL)
	}
	if u.User != nil {
		return nil, usagef("browse: --browser-url must not contain credentials")
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

// browserConnectURI validates a Neo4j URI and returns it as Browser's
// connectURL: scheme://[user@]host[:port], never with a password.
func browserConnectURI(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		// url.Parse quotes the whole URI in its error, password included.
		return "", usagef("browse: Neo4j URI is not a URI; want scheme://host:port, e.g. %s", defaultBrowseURI)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return "", usagef("browse: Neo4j URI scheme %q: want bolt, neo4j, or their +s/+ssc forms", u.Scheme)
	}
	if u.Hostname() == "" {
		return "", usagef("browse: Neo4j URI has no host; want scheme://host:port, e.g. %s", defaultBrowseURI)
	}
	out := u.Scheme + "://"
	if u.User != nil && u.User.Username() != "" {
		out += url.PathEscape(u.User.Username()) + "@"
	}
	return out + u.Host, nil
}

// neighbourhoodCypher returns the query Browser runs for entity: the entity
// (by name, alias or normalised key) and every path of up to depth hops
// through other entities (MENTIONS from articles are left out).
func neighbourhoodCypher(entity string, depth, limit int) (string, error) {
	if depth < 1 || depth > maxBrowseDepth {
		return "", usagef("browse: --depth %d is out of range; use 1 to %d", depth, maxBrowseDepth)
	}
	if limit < 1 {
		return "", usagef("browse: --limit %d must be at least 1", limit)
	}
	name := strings.TrimSpace(entity)
	if name == "" {
		return "", usagef("browse: the entity name is empty")
	}
	lit, err := cypherString(name)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("MATCH (e:Entity)\nWHERE e.name = " + lit + " OR " + lit + " IN coalesce(e.aliases, [])")
	if norm := graph.NormalizeName(name); norm != "" {
		nlit, err := cypherString(norm) // a named entity's key is its normalised name
		if err != nil {
			return "", err
		}
		b.WriteString(" OR e.key = " + nlit)
	}
	fmt.Fprintf(&b, "\nOPTIONAL MATCH p = (e)-[*1..%d]-(:Entity)\nWHERE all(n IN nodes(p) WHERE n:Entity)\nRETURN e, p\nLIMIT %d", depth, limit)
	return b.String(), nil
}

// errBadName reports an entity name that cannot be put in a query.
var errBadName = errors.New("invalid entity name")

// cypherString returns s as a single-quoted Cypher string literal that is
// safe to embed in a query and in a Browser URL.
//
// Neo4j's Cypher parser replaces \uXXXX escapes before it tokenises (Java's
// rule: a backslash preceded by an even number of backslashes starts one), so
// \u0027 would end the string: quotes and backslashes are escaped with a
// backslash instead. '&' and '#' become \u0026 and \u0023 (see browseURL).
// Newline, carriage return and tab are escaped; other control characters and
// invalid UTF-8 are rejected.
func cypherString(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", usagef("browse: %w: not valid UTF-8", errBadName)
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '&':
			b.WriteString(`\u0026`)
		case '#':
			b.WriteString(`\u0023`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if unicode.IsControl(r) {
				return "", usagef("browse: %w: control character %U", errBadName, r)
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String(), nil
}

// percentEncode escapes every byte except RFC 3986's unreserved characters,
// so that neither Browser's '+'-to-space step nor its '&'/'#' split can
// change the value.
func percentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 3)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// browseDefaultsFromConfig fills the URI and database that were not given
// as flags from kgb's configuration (file, environment), like every other
// command that talks to Neo4j.
func browseDefaultsFromConfig(cmd *cobra.Command, opts *browseOptions) error {
	uriSet, dbSet := cmd.Flags().Changed("uri"), cmd.Flags().Changed("database")
	if uriSet && dbSet {
		return nil
	}
	cfg, err := config.Load(config.Options{Flags: cmd.Flags()})
	if err != nil {
		return &usageError{err: err}
	}
	if !uriSet {
		opts.URI = defaultBrowseURI
		if cfg.Neo4j.URI != "" {
			opts.URI = cfg.Neo4j.URI
		}
	}
	if !dbSet {
		opts.Database = cfg.Neo4j.Database
	}
	return nil
}

// openURL opens u with the platform's URL opener, without waiting for the
// browser to exit.
func openURL(ctx context.Context, u string) error {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		return errors.New("--open is not supported on Windows")
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%s not found: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Not CommandContext: the browser must outlive kgb, which exits next.
	cmd := exec.Command(path, u)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	return cmd.Process.Release()
}
