package extract

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kgb-dev/kgb/extract/lexicon"
)

// kgGazEntry is one gazetteer hit: the canonical name, its type and, for
// capitals and seats of power, the country they stand for as a metonym.
type kgGazEntry struct {
	Name      string
	Type      string
	MetonymOf string // capital or seat of power → country
	Kind      string // "country", "capital", "place", "org", "news", "party", "metonym"
	Key       string // "gaz:" + Name, the entity key in a document (set by add)
}

// kgGazetteer maps surface strings to entries. Exact holds every alias as
// written; Fold holds lower-cased aliases that are not all-caps acronyms, so
// "US" never matches the pronoun "us".
type kgGazetteer struct {
	Exact  map[string]*kgGazEntry
	Fold   map[string]*kgGazEntry
	First  map[string]bool // first words of aliases, as written
	MaxLen int             // longest alias in tokens (whitespace-separated words)
}

func kgNewGazetteer() *kgGazetteer {
	return &kgGazetteer{Exact: map[string]*kgGazEntry{}, Fold: map[string]*kgGazEntry{}, First: map[string]bool{}}
}

// add registers alias → e. Earlier registrations win, so files are loaded
// from most to least specific.
func (g *kgGazetteer) add(alias string, v kgGazEntry) {
	alias = strings.TrimSpace(alias)
	if alias == "" {
		return
	}
	e := &v
	e.Key = "gaz:" + e.Name
	if _, ok := g.Exact[alias]; !ok {
		g.Exact[alias] = e
	}
	if !kgIsAllCaps(alias) {
		if _, ok := g.Fold[strings.ToLower(alias)]; !ok {
			g.Fold[strings.ToLower(alias)] = e
		}
	}
	f := strings.Fields(alias)
	g.First[f[0]] = true
	if len(f) > g.MaxLen {
		g.MaxLen = len(f)
	}
}

// lookup finds s exactly, then case-folded (never for all-caps input
// shorter than 5 bytes: "US", "WHO" must match as written).
func (g *kgGazetteer) lookup(s string) (*kgGazEntry, bool) {
	if e, ok := g.Exact[s]; ok {
		return e, true
	}
	if kgIsAllCaps(s) && len(s) < 5 || kgTitleCase(s) {
		// Title-case names are registered as written; skip the folded
		// lookup (and its allocation) for them.
		return nil, false
	}
	e, ok := g.Fold[strings.ToLower(s)]
	return e, ok
}

// kgTitleCase reports whether every word of s starts with an upper-case
// ASCII letter and has no other upper-case letter ("New York", not "NATO",
// "Nato's", "new york").
func kgTitleCase(s string) bool {
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return false
		}
		switch {
		case c == ' ':
			start = true
			continue
		case start && (c < 'A' || c > 'Z'):
			return false
		case !start && c >= 'A' && c <= 'Z':
			return false
		}
		start = false
	}
	return len(s) > 0
}

func kgIsAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters > 0
}

// kgDataLines returns the non-comment, non-blank lines of a data file of
// the lexicon (extract/lexicon/data, embedded in the binary).
func kgDataLines(name string) ([]string, error) {
	b, err := lexicon.File(name)
	if err != nil {
		return nil, err
	}
	return kgSplitDataLines(string(b)), nil
}

func kgSplitDataLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// kgSections splits lines into "[name]" sections; lines before the first
// header go to "".
func kgSections(lines []string) map[string][]string {
	out := map[string][]string{}
	cur := ""
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			cur = t[1 : len(t)-1]
			continue
		}
		out[cur] = append(out[cur], l)
	}
	return out
}

func kgField(parts []string, i int) string {
	if i < len(parts) {
		return strings.TrimSpace(parts[i])
	}
	return ""
}

func kgSplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// kgTitleInfo describes a title phrase ("prime minister") or honorific.
type kgTitleInfo struct {
	Gender    byte // 'm', 'f' or 0
	Honorific bool
}

// kgTables is everything loaded from the embedded data files.
type kgTables struct {
	gaz        *kgGazetteer
	demonyms   map[string]string // "Russian" → "Russia"
	titles     map[string]kgTitleInfo
	titleMax   int
	titleFirst map[string]bool // first words of multi-word titles
	titleMods  map[string]bool
	orgSuffix  map[string]bool
	placeWord  map[string]bool
	thingWord  map[string]bool // heads of named things that are not people ("Bill", "Cup")
	nonEntity  map[string]bool
	givenNames map[string]byte
	lem        *lexicon.Lemmatizer
	roles      map[string]lexicon.EntityType // role nouns: "band" → Organization
	staff      map[string]bool               // "chairman" after a name: an organisation's
	anaphors   map[string]lexicon.Anaphor    // "the company" → the last Organization
	synonyms   map[string]string
	modals     map[string]bool
	catenative map[string]bool
	speech     map[string]bool
	light      map[string]bool // light verbs: "hold [a conversation] with X"
	event      map[string]bool // their event nouns: "conversation"
	spelling   map[string]string
	docAliases map[string][]string // folded alias → names it stands for when the document names one of them
}

func kgLoadTables() (*kgTables, error) {
	t := &kgTables{
		gaz: kgNewGazetteer(), demonyms: map[string]string{}, titles: map[string]kgTitleInfo{}, titleFirst: map[string]bool{}, titleMax: 1,
		titleMods: map[string]bool{}, orgSuffix: map[string]bool{}, placeWord: map[string]bool{}, thingWord: map[string]bool{},
		nonEntity: map[string]bool{}, givenNames: map[string]byte{},
		synonyms: map[string]string{}, modals: map[string]bool{},
		catenative: map[string]bool{}, speech: map[string]bool{}, light: map[string]bool{}, event: map[string]bool{}, spelling: map[string]string{},
	}
	// Seats of power first: "Kremlin" is a metonym before it is an org.
	lines, err := kgDataLines("metonyms.tsv")
	if err != nil {
		return nil, err
	}
	metonymOf := map[string]string{} // target country → a metonym naming it
	for _, l := range lines {
		p := strings.Split(l, "\t")
		t.gaz.add(kgField(p, 0), kgGazEntry{Name: strings.TrimPrefix(kgField(p, 0), "the "), Type: TypeOrganization, MetonymOf: kgField(p, 1), Kind: "metonym"})
		metonymOf[kgField(p, 1)] = kgField(p, 0)
	}
	if lines, err = kgDataLines("countries.tsv"); err != nil {
		return nil, err
	}
	for _, l := range lines {
		p := strings.Split(l, "\t")
		name := kgField(p, 0)
		delete(metonymOf, name)
		e := kgGazEntry{Name: name, Type: TypePlace, Kind: "country"}
		t.gaz.add(name, e)
		for _, a := range kgSplitList(kgField(p, 1)) {
			t.gaz.add(a, e)
		}
		for _, d := range kgSplitList(kgField(p, 2)) {
			if _, ok := t.demonyms[d]; !ok {
				t.demonyms[d] = name
			}
		}
		for _, c := range kgSplitList(kgField(p, 3)) {
			t.gaz.add(c, kgGazEntry{Name: c, Type: TypePlace, MetonymOf: name, Kind: "capital"})
		}
	}
	for country, m := range metonymOf {
		// the node's name: an alias ("United Kingdom" for UK) would make a second node
		return nil, fmt.Errorf("metonyms.tsv: %q stands for %q, which is not a country's name in countries.tsv", m, country)
	}
	t.docAliases = map[string][]string{}
	if lines, err = kgDataLines("docaliases.tsv"); err != nil {
		return nil, err
	}
	for _, l := range lines {
		p := strings.Split(l, "\t")
		t.docAliases[kgFoldKey(kgField(p, 0))] = kgSplitList(kgField(p, 1))
	}
	if lines, err = kgDataLines("orgs.tsv"); err != nil {
		return nil, err
	}
	for _, l := range lines {
		p := strings.Split(l, "\t")
		e := kgGazEntry{Name: kgField(p, 0), Type: TypeOrganization, Kind: kgField(p, 2)}
		t.gaz.add(e.Name, e)
		for _, a := range kgSplitList(kgField(p, 1)) {
			t.gaz.add(a, e)
		}
	}
	if lines, err = kgDataLines("places.tsv"); err != nil {
		return nil, err
	}
	regions, err := kgDataLines("regions.tsv")
	if err != nil {
		return nil, err
	}
	sec := kgSections(regions) // [us], [uk], [au], [ca]: read as one more places list
	for _, k := range slices.Sorted(maps.Keys(sec)) {
		lines = append(lines, sec[k]...)
	}
	for _, l := range lines {
		p := strings.Split(l, "\t")
		e := kgGazEntry{Name: kgField(p, 0), Type: TypePlace, Kind: "place"}
		t.gaz.add(e.Name, e)
		for _, a := range kgSplitList(kgField(p, 1)) {
			t.gaz.add(a, e)
		}
		for _, d := range kgSplitList(kgField(p, 2)) {
			if _, ok := t.demonyms[d]; !ok {
				t.demonyms[d] = e.Name
			}
		}
	}
	if lines, err = kgDataLines("titles.txt"); err != nil {
		return nil, err
	}
	for sec, ls := range kgSections(lines) {
		for _, l := range ls {
			p := strings.Split(l, "\t")
			w := strings.ToLower(kgField(p, 0))
			var g byte
			if s := kgField(p, 1); s != "" {
				g = s[0]
			}
			switch sec {
			case "honorific":
				t.titles[w] = kgTitleInfo{Gender: g, Honorific: true}
			case "head":
				if _, ok := t.titles[w]; !ok {
					t.titles[w] = kgTitleInfo{Gender: g}
				}
				if f := strings.Fields(w); len(f) > 1 {
					t.titleFirst[f[0]] = true
					if len(f) > t.titleMax {
						t.titleMax = len(f)
					}
				}
			case "modifier":
				t.titleMods[w] = true
			}
		}
	}
	if lines, err = kgDataLines("orgwords.txt"); err != nil {
		return nil, err
	}
	for sec, ls := range kgSections(lines) {
		for _, l := range ls {
			w := strings.ToLower(strings.TrimSpace(l))
			if sec == "place" {
				t.placeWord[w] = true
			} else if sec == "thing" {
				t.thingWord[w] = true
			} else {
				t.orgSuffix[w] = true
			}
		}
	}
	if lines, err = kgDataLines("nonentities.txt"); err != nil {
		return nil, err
	}
	for _, l := range lines {
		t.nonEntity[strings.ToLower(strings.TrimSpace(l))] = true
	}
	if lines, err = kgDataLines("givennames.txt"); err != nil {
		return nil, err
	}
	for sec, ls := range kgSections(lines) {
		for _, l := range ls {
			for _, w := range strings.Fields(l) {
				if len(sec) == 0 {
					continue
				}
				if g, ok := t.givenNames[w]; ok && g != sec[0] {
					t.givenNames[w] = 'u' // both: "Kim", "Andrea"
				} else {
					t.givenNames[w] = sec[0]
				}
			}
		}
	}
	if t.lem, err = lexicon.DefaultLemmatizer(); err != nil {
		return nil, err
	}
	if t.roles, err = lexicon.DefaultRoles(); err != nil {
		return nil, err
	}
	if t.staff, err = lexicon.DefaultStaffNouns(); err != nil {
		return nil, err
	}
	if t.anaphors, err = lexicon.DefaultAnaphors(); err != nil {
		return nil, err
	}
	if lines, err = kgDataLines("relations.tsv"); err != nil {
		return nil, err
	}
	if err := t.addRelationLines(lines); err != nil {
		return nil, err
	}
	if lines, err = kgDataLines("spelling.tsv"); err != nil {
		return nil, err
	}
	for _, l := range lines {
		p := strings.Split(l, "\t")
		t.spelling[kgField(p, 0)] = kgField(p, 1)
	}
	return t, nil
}

// addRelationLines adds relations.tsv-format lines (sections [synonym],
// [modal], [catenative], [speech]).
func (t *kgTables) addRelationLines(lines []string) error {
	for sec, ls := range kgSections(lines) {
		for _, l := range ls {
			p := strings.Split(l, "\t")
			k := strings.Join(strings.Fields(strings.ToLower(kgField(p, 0))), " ")
			if k == "" {
				continue
			}
			switch sec {
			case "synonym":
				v := strings.Join(strings.Fields(strings.ToLower(kgField(p, 1))), " ")
				if v == "" {
					return fmt.Errorf("relation table: synonym %q has no lemma (want KEY<TAB>LEMMA)", k)
				}
				t.synonyms[k] = v
			case "modal":
				t.modals[k] = true
			case "catenative":
				t.catenative[k] = true
			case "speech":
				t.speech[k] = true
			case "light":
				t.light[k] = true
			case "event":
				t.event[k] = true
			default:
				return fmt.Errorf("relation table: line %q outside a known section ([synonym], [modal], [catenative], [speech], [light], [event])", l)
			}
		}
	}
	return nil
}
