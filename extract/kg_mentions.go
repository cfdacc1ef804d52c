package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/token"

	"github.com/kgb-dev/kgb/extract/clauses"
)

// kgMention is one proper-name mention found in a sentence by POS chunking
// and the gazetteers. Token indices are into the sentence's Tokens.
type kgMention struct {
	Sent      int
	From, To  int // the name itself, titles excluded: "Vladimir Putin"
	TextFrom  int // first token of the surface mention: "Russian President Vladimir Putin"
	Titles    []string
	Gaz       *kgGazEntry // gazetteer hit on the name, if any
	TitleOnly bool        // "United States President", "Prime Minister": a title with no name
	Person    bool        // evidence that it names a person (title, honorific, given name)
	Gender    byte
	Possessed bool // followed by 's: "Zelensky's office"
	Subject   bool // before the sentence's first finite verb, or right before a finite verb of its own clause
	Lead      bool // before the sentence's first finite verb (Subject's first sense)
	Raw       string
	RoleType  string // type implied by a role noun right before the name ("band U2" → Organization)
	RoleWord  string // that role noun, lower case: "band"
	OfStaff   bool   // a staff noun right after: "Wolves chairman", so an organisation
	TimeFront bool   // a time noun right before the name: "Last year Ostrava Steel"
	Ambiguous bool   // a surname shared by several full names, none clearly meant: no argument
	Ent       *kgEntity
	Rules     []string
}

// kgEntity is one real-world referent within a document: the cluster of its
// mentions ("Donald Trump", "Trump", "President Trump").
type kgEntity struct {
	Name   string
	Type   string
	Gender byte
	Titles []string
	Tokens []string // name tokens, for surname matching
	Gaz    *kgGazEntry
	First  int // doc order of the first full mention (sentence*1e6 + token)
	// roleType is the type a role noun before one of its mentions implies;
	// roleWords are those nouns ("brewer"), for descriptions ("the brewer").
	roleType  string
	roleWords []string
}

func kgNormApos(s string) string {
	if strings.IndexByte(s, 0xE2) < 0 {
		return s
	}
	return kgAposReplacer.Replace(s)
}

var kgAposReplacer = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"")

func kgIsPossTok(s string) bool {
	switch s {
	case "'s", "’s", "'", "’", "'S", "’S":
		return true
	}
	return false
}

func kgIsQuoteTok(s string) bool {
	switch s {
	case "“", "”", "\"", "‘", "’", "``", "''", "`", "'", "„", "«", "»":
		return true
	}
	return false
}

// kgIsPunctTok reports whether s has no letter or digit.
func kgIsPunctTok(s string) bool {
	if s != "" {
		// fast path: an ASCII letter or digit first
		if c := s[0] | 0x20; c >= 'a' && c <= 'z' || s[0] >= '0' && s[0] <= '9' {
			return false
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func kgIsCapWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func kgIsVerbTag(tag string) bool { return strings.HasPrefix(tag, "VB") }

func kgIsFiniteTag(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

func kgIsNounTag(tag string) bool { return strings.HasPrefix(tag, "NN") }

var kgDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"both": true, "all": true, "each": true, "every": true, "some": true, "any": true, "no": true,
	"another": true, "such": true,
}

var kgPronouns = map[string]string{
	// pronoun → class: m, f, p (plural), n (neuter), 1 (first person singular), w (first person plural), y (you)
	"he": "m", "him": "m", "his": "m", "himself": "m",
	"she": "f", "her": "f", "hers": "f", "herself": "f",
	"they": "p", "them": "p", "their": "p", "theirs": "p", "themselves": "p",
	"it": "n", "its": "n", "itself": "n",
	"i": "1", "me": "1", "my": "1", "mine": "1", "myself": "1",
	"we": "w", "us": "w", "our": "w", "ours": "w", "ourselves": "w",
	"you": "y", "your": "y", "yours": "y", "yourself": "y",
	"this": "x", "that": "x", "these": "x", "those": "x", "who": "x", "whom": "x", "which": "x",
	"what": "x", "there": "x", "here": "x", "one": "x", "someone": "x", "something": "x", "nothing": "x",
	"everyone": "x", "anyone": "x", "everything": "x", "anything": "x", "nobody": "x", "none": "x",
}

var kgPossessivePronouns = map[string]bool{"his": true, "her": true, "its": true, "their": true, "my": true, "our": true, "your": true}

var kgOfConnectorHeads = map[string]bool{
	"republic": true, "kingdom": true, "state": true, "states": true, "isle": true, "house": true,
	"bank": true, "duke": true, "duchess": true, "earl": true, "prince": true, "princess": true,
	"university": true, "ministry": true, "department": true, "secretary": true, "bishop": true,
	"archbishop": true, "church": true, "court": true, "office": true, "institute": true,
	"college": true, "school": true, "museum": true, "bay": true, "gulf": true, "sea": true,
	"city": true, "province": true, "county": true, "chamber": true, "council": true,
}

var kgNameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "del": true, "della": true, "der": true, "den": true, "van": true,
	"von": true, "al": true, "al-": true, "el": true, "bin": true, "ibn": true, "la": true, "le": true,
	"du": true, "dos": true, "das": true, "&": true,
}

// kgDocVocab collects the words a document tags NNP somewhere, so a name the
// tagger misses once ("Trump/NN" at a sentence start) is still a name.
func kgDocVocab(sents []*sentence) map[string]bool {
	v := map[string]bool{}
	surnames := map[string]bool{} // words the document writes after "Ms", "Mr"
	for _, s := range sents {
		for i, t := range s.Tokens {
			if (t.Tag == "NNP" || t.Tag == "NNPS") && kgIsCapWord(t.Text) && !kgIsPossTok(t.Text) {
				v[t.Text] = true
			}
			if clauses.Honorific(t.Text) && i+1 < len(s.Tokens) && kgIsCapWord(s.Tokens[i+1].Text) {
				surnames[s.Tokens[i+1].Text] = true
			}
		}
	}
	// "replaced by Lillian Tan" with "Lillian" tagged an adjective: a
	// capitalised word inside a sentence right before a surname the
	// document uses with an honorific is a given name
	for _, s := range sents {
		for i := 1; i+1 < len(s.Tokens); i++ {
			if w := s.Tokens[i].Text; !v[w] && kgIsCapWord(w) && surnames[s.Tokens[i+1].Text] && !clauses.Honorific(w) {
				v[w] = true
			}
		}
	}
	return v
}

// isNameTok reports whether token i can be part of a proper-name chunk.
func (m *kgModel) isNameTok(toks []token.Token, i int, vocab map[string]bool) bool {
	t := toks[i]
	if t.Text == "" {
		return false
	}
	if t.Tag != "NNP" && t.Tag != "NNPS" {
		if c := t.Text[0]; c < 'A' || c > 'Z' {
			if c < 0x80 {
				return false // fast path: ASCII lower case, digits, punctuation
			}
		}
	}
	if kgIsPossTok(t.Text) || kgIsQuoteTok(t.Text) || kgIsPunctTok(t.Text) {
		return false
	}
	if t.Text == "No" && i > 0 && i+1 < len(toks) && kgIsCapWord(toks[i+1].Text) && !kgIsQuoteTok(toks[i-1].Text) && !kgIsPunctTok(toks[i-1].Text) {
		return true // "the film No Way Out": a capitalised "No" inside a sentence opens a title
	}
	if strings.HasPrefix(t.Tag, "PRP") || strings.HasPrefix(t.Tag, "WP") || t.Tag == "DT" {
		if _, ok := m.tab.gaz.Exact[t.Text]; !ok || !kgIsAllCaps(t.Text) {
			return false // "He", "It", "This": never names; "US" is
		}
	}
	if t.Text == "I" || strings.IndexAny(t.Text, "'’") > 0 && kgPronouns[kgPronounWord(t.Text)] != "" {
		return false // "I", "I've"
	}
	if kgIsAcronymPlural(t.Text) {
		return false // "MPs", "CEOs": common nouns
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	upper := unicode.IsUpper(r) || unicode.IsDigit(r) && (t.Tag == "NNP")
	if t.Tag == "NNP" || t.Tag == "NNPS" {
		return upper || kgHasUpper(t.Text)
	}
	if !unicode.IsUpper(r) {
		return false
	}
	if vocab[t.Text] {
		return true
	}
	if _, ok := m.tab.gaz.Exact[t.Text]; ok && (kgIsNounTag(t.Tag) || t.Tag == "JJ") {
		return true
	}
	return false
}

func kgHasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// kgSpanText returns the document text of tokens [from, to) of s with
// whitespace collapsed and curly apostrophes straightened.
func kgSpanText(s *sentence, from, to int) string {
	if from >= to {
		return ""
	}
	a := s.Tokens[from].Start - s.Start
	b := s.Tokens[to-1].End() - s.Start
	if a < 0 || b > len(s.Text) || a > b {
		return ""
	}
	t := s.Text[a:b]
	if kgPlainText(t) {
		return t // no allocation for the common case
	}
	return strings.Join(strings.Fields(kgNormApos(t)), " ")
}

// kgPlainText reports whether t has only single ASCII spaces between words
// and no curly quotes, so it is already in spanText's normal form.
func kgPlainText(t string) bool {
	prevSpace := true
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c == '\n' || c == '\t' || c == '\r' || c == 0xE2 || c == 0xC2:
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || len(t) == 0
}

// kgRawText returns the verbatim document text of tokens [from, to).
func kgRawText(s *sentence, from, to int) (string, int, int) {
	if from >= to {
		return "", 0, 0
	}
	a := s.Tokens[from].Start
	b := s.Tokens[to-1].End()
	if a-s.Start < 0 || b-s.Start > len(s.Text) || a > b {
		return "", 0, 0
	}
	return s.Text[a-s.Start : b-s.Start], a, b
}

// titleAt returns the length in tokens of the longest title phrase or
// honorific starting at token i (0 when none), and its info.
func (m *kgModel) titleAt(s *sentence, i, end int) (int, kgTitleInfo) {
	best, info := 0, kgTitleInfo{}
	if i >= end {
		return 0, info
	}
	w0 := s.lowTok(i)
	if !m.tab.titleFirst[w0] {
		ti, ok := m.tab.titles[w0]
		if ok {
			return 1, ti
		}
		return 0, info
	}
	var b strings.Builder
	for n := 1; n <= m.tab.titleMax && i+n <= end; n++ {
		if n > 1 {
			b.WriteByte(' ')
		}
		b.WriteString(s.lowTok(i + n - 1))
		if ti, ok := m.tab.titles[b.String()]; ok {
			best, info = n, ti
		}
	}
	return best, info
}

// stripTitles scans a chunk [a, b) for leading titles, honorifics and
// title modifiers (including a leading place or nationality: "U.S. Vice
// President", "UK Prime Minister"). It returns the first name token, the
// titles seen and whether the chunk shows person evidence.
func (m *kgModel) stripTitles(s *sentence, a, b int) (p int, titles []string, person bool, gender byte) {
	toks := s.Tokens
	p = a
	lastTitleEnd := a
	for p < b {
		// A place or nationality qualifying a following title.
		if q := m.placePrefix(toks, p, b); q > p && q < b {
			if n, _ := m.titleAt(s, q, b); n > 0 || m.tab.titleMods[s.lowTok(q)] {
				p = q
				lastTitleEnd = q
				continue
			}
		}
		if n, ti := m.titleAt(s, p, b); n > 0 {
			titles = append(titles, kgJoinToks(toks, lastTitleEnd, p+n, m))
			if ti.Gender != 0 {
				gender = ti.Gender
			}
			person = true
			p += n
			lastTitleEnd = p
			continue
		}
		if len(titles) == 0 {
			// "Industry Secretary", "Trade and Industry Secretary", "Bank of
			// England Governor": capitalised words qualifying a title head,
			// when a name follows the head.
			found := false
			for q := p; q < b && q-p < 6; q++ {
				if c, ti := m.titleAt(s, q, b); c > 0 && !ti.Honorific && q > p {
					p, found = q, true
					break
				}
				l := s.lowTok(q)
				if !kgIsCapWord(toks[q].Text) && l != "and" && l != "of" && l != "for" && l != "&" {
					break
				}
			}
			if found {
				continue
			}
		}
		w := s.lowTok(p)
		if m.tab.titleMods[w] && p+1 < b {
			// Only a modifier when a title follows it.
			q := p + 1
			for q < b && m.tab.titleMods[s.lowTok(q)] {
				q++
			}
			if n, _ := m.titleAt(s, q, b); n > 0 {
				p = q
				continue
			}
		}
		break
	}
	return p, titles, person, gender
}

// kgJoinToks joins the title words of [from, to), dropping places and
// nationalities ("U.S. Vice President" → "Vice President").
func kgJoinToks(toks []token.Token, from, to int, m *kgModel) string {
	if to-from == 1 {
		return toks[from].Text
	}
	var parts []string
	for i := from; i < to; i++ {
		w := toks[i].Text
		if _, ok := m.tab.demonyms[w]; ok {
			continue
		}
		if e, ok := m.tab.gaz.Exact[w]; ok && e.Type == TypePlace {
			continue
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// placePrefix returns the end of a place or nationality starting at token p
// ("U.S.", "United States", "British"), or p when none.
func (m *kgModel) placePrefix(toks []token.Token, p, b int) int {
	if _, ok := m.tab.demonyms[toks[p].Text]; ok {
		return p + 1
	}
	if p+2 <= b {
		if _, ok := m.tab.demonyms[toks[p].Text+" "+toks[p+1].Text]; ok {
			return p + 2 // "South African"
		}
	}
	if !m.tab.gaz.First[kgNormApos(toks[p].Text)] {
		return p
	}
	var sb strings.Builder
	best := p
	for n := 1; n <= m.tab.gaz.MaxLen && p+n <= b; n++ {
		if n > 1 {
			sb.WriteByte(' ')
		}
		sb.WriteString(kgNormApos(toks[p+n-1].Text))
		if e, ok := m.tab.gaz.Exact[sb.String()]; ok && e.Type == TypePlace {
			best = p + n
		}
	}
	return best
}

// findMentions chunks one sentence into proper-name mentions.
// paired holds the words the document writes next to another capitalised
// word somewhere (kgPairedCapWords).
func (m *kgModel) findMentions(s *sentence, vocab map[string]bool, mid map[string]int, paired map[string]bool) []*kgMention {
	toks := s.Tokens
	n := len(toks)
	firstFinite := n
	for i, t := range toks {
		if kgIsFiniteTag(t.Tag) && !kgIsQuoteTok(t.Text) && !kgIsPunctTok(t.Text) {
			firstFinite = i
			break
		}
	}
	var out []*kgMention
	for i := 0; i < n; {
		if !m.isNameTok(toks, i, vocab) {
			i++
			continue
		}
		j := i + 1
		for j < n {
			if m.isNameTok(toks, j, vocab) {
				j++
				continue
			}
			if lw := s.lowTok(j); kgTitleFunctionWords[lw] && kgIsCapWord(toks[j].Text) && !kgIsAllCaps(toks[j].Text) && !kgSentenceFirst(s, j) && !kgIsQuoteTok(toks[j-1].Text) {
				// a title in title case: "Married With Children", "Carry
				// On", "Orange Film Of The Year", "Georgia On My Mind"
				k := j + 1
				for k < n && kgIsCapWord(toks[k].Text) && !kgIsPunctTok(toks[k].Text) && !kgIsQuoteTok(toks[k].Text) {
					k++
				}
				if k > j+1 || kgTitleParticles[lw] {
					j = k
					continue
				}
			}
			if w := toks[j].Text; len(w) > 2 && (w[0] == '\'' || strings.HasPrefix(w, "’")) && !kgEndsPossessive(w) && toks[j].Start == toks[j-1].End() && len(toks[j-1].Text) == 1 && kgIsCapWord(toks[j-1].Text) {
				if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "'’")); unicode.IsUpper(r) {
					j++ // "O'Sullivan" split by the tokenizer into "O" and "'Sullivan"
					continue
				}
			}
			if kgNumberedNames[s.lowTok(j-1)] && kgIsSmallNumber(toks[j].Text) {
				j++ // "Channel 4", "Radio 4", "Formula 1"
				continue
			}
			lw := s.lowTok(j)
			if (lw == "'" || lw == "’") && j+1 < n && strings.HasSuffix(toks[j-1].Text, "s") && toks[j].Start == toks[j-1].End() && m.isNameTok(toks, j+1, vocab) && m.tab.orgSuffix[s.lowTok(j+1)] {
				j += 2 // a plural possessive inside a name: "Lewis Boys' School"
				continue
			}
			if lw == "." && j+1 < n && len(toks[j-1].Text) == 1 && kgIsCapWord(toks[j-1].Text) && toks[j].Start == toks[j-1].End() && m.isNameTok(toks, j+1, vocab) {
				j += 2 // an initial split from its dot: "Donald J . Trump"
				continue
			}
			if kgNameParticles[lw] && !kgIsCapWord(toks[j].Text) {
				k := j
				for k < n && k-j < 3 && kgNameParticles[s.lowTok(k)] && !kgIsCapWord(toks[k].Text) {
					k++
				}
				if k < n && kgIsCapWord(toks[k].Text) && !kgIsPunctTok(toks[k].Text) {
					j = k + 1 // "Lula da Silva", "von der Leyen"
					continue
				}
			}
			if j+1 < n && m.isNameTok(toks, j+1, vocab) {
				left := s.lowTok(j - 1)
				_, leftTitle := m.tab.titles[left]
				orgish := kgOfConnectorHeads[left] || m.tab.orgSuffix[left] || leftTitle || lw == "for" && m.orgWithOf(toks, i, j) // "Court of Arbitration for Sport"
				if lw == "of" && !m.tab.nonEntity[s.lowTok(j+1)] && !m.givenNamed(s, i, j) || lw == "for" && orgish {
					j += 2
					continue
				}
				if (lw == "and" || lw == "&") && (m.orgWithOf(toks, i, j) || m.modifierRun(toks, i, j) && m.titleAhead(s, j+1) || m.nounAndInstitution(s, i, j, vocab)) {
					j += 2
					continue
				}
				if kgNameParticles[lw] && !kgIsCapWord(toks[j].Text) {
					j += 2
					continue
				}
				if lw == "and" {
					if _, ok := m.tab.gaz.lookup(kgSpanText(s, i, j+2)); ok {
						j += 2
						continue
					}
				}
			}
			break
		}
		if kgIsAdjectiveHyphen(toks[j-1].Text) {
			i = j // "Grammy Award-winning composer": a modifier, no name
			continue
		}
		j = m.titleContinues(s, i, j, vocab, paired)
		if i >= 2 && s.lowTok(i-1) == "the" && m.gerundTitle(s, i-2, paired) {
			i -= 2 // "Touching the Void"
		}
		for i > 0 && m.titleWordBefore(s, i-1) {
			i-- // "Why We Fight"
		}
		if i == 0 || i == 1 && kgIsQuoteTok(toks[0].Text) {
			// A lone capitalised word opening the sentence that the document
			// never capitalises elsewhere is a common word ("Nine", "World").
			possessed := j < n && kgIsPossTok(toks[j].Text) // "Freedonia's": a name
			if j == i+1 && mid != nil && mid[toks[i].Text] == 0 && !m.knownName(toks[i].Text) && !possessed {
				i = j
				continue
			}
		}
		// A capitalised adjective before the chunk belongs to an
		// organisation's name: "European Commission", "British Airways".
		if i > 0 && toks[i-1].Tag == "JJ" && kgIsCapWord(toks[i-1].Text) && !m.tab.titleMods[s.lowTok(i-1)] {
			if _, ok := m.tab.gaz.lookup(kgSpanText(s, i-1, j)); ok || m.tab.orgSuffix[s.lowTok(j-1)] {
				i--
			}
		}
		surface := i
		prefixed := i > 0 && kgPrefixedName(toks[i-1].Text) != ""
		if prefixed {
			i-- // "Ex-Downing Street": the name is "Downing Street"
		}
		i = m.trimChunk(s, i, j)
		if k := m.honorificSplit(s, i, j); k > 0 {
			if mt := m.classifyChunk(s, i, k); mt != nil {
				out = append(out, mt)
			}
			i, surface = k, k
		}
		if mt := m.classifyChunk(s, i, j); mt != nil {
			if pn := kgPrefixedName(toks[mt.From].Text); pn != "" && strings.HasPrefix(mt.Raw, toks[mt.From].Text) {
				mt.Raw = pn + strings.TrimPrefix(mt.Raw, toks[mt.From].Text)
			}
			if surface < mt.TextFrom {
				mt.TextFrom = surface // "New Zealand-born Campbell": the surface keeps its modifier
			}
			out = append(out, mt)
		}
		i = j
	}
	for _, mt := range out {
		// A subject: before the first finite verb, or right before a finite
		// verb of its own clause ("said Tesla had not met").
		mt.Lead = mt.TextFrom < firstFinite
		mt.Subject = mt.Lead
		// "for the Workers' Educational Association, he ...": back over the
		// determiner and the name's own words to the preposition
		k := mt.TextFrom - 1
		for k > 0 && (toks[k].Tag == "DT" || toks[k].Tag == "POS" || toks[k].Text == "'" || strings.HasPrefix(toks[k].Tag, "NNP")) {
			k--
		}
		if mt.Subject && k >= 0 && (toks[k].Tag == "IN" || toks[k].Tag == "TO") && s.lowTok(k) != "of" {
			mt.Subject = false // "Born in Tredegar, he ...": a prepositional object
		}
		if k := mt.To; !mt.Subject && k < n {
			if strings.HasPrefix(toks[k].Tag, "RB") && k+1 < n {
				k++
			}
			mt.Subject = kgIsFiniteTag(toks[k].Tag)
		}
		if mt.To < n && kgIsPossTok(toks[mt.To].Text) {
			mt.Possessed = true
		}
		if k := mt.TextFrom - 1; k >= 0 && !mt.TitleOnly && kgIsCapWord(toks[k].Text) && kgIsHyphenModifier(toks[k].Text) {
			mt.TextFrom = k // "Norway-born Lindqvist": the modifier is surface, not name
		}
		if k := mt.To; k < n && !mt.TitleOnly && !kgIsCapWord(toks[k].Text) && (m.tab.staff[s.lowTok(k)] || k+1 < n && m.tab.staff[s.lowTok(k)+" "+s.lowTok(k+1)]) {
			mt.OfStaff = true
		}
		if k := mt.From - 1; k >= 0 && !mt.TitleOnly && kgIsCapWord(toks[k].Text) && m.openingRole(s, k, mt.To) == mt.From {
			if rt, ok := m.tab.roles[s.lowTok(k)]; ok && string(rt) == TypePerson {
				mt.RoleType, mt.RoleWord = TypePerson, s.lowTok(k) // "Teenager Mira Holt"
				mt.Rules = append(mt.Rules, "role-noun:"+s.lowTok(k))
			}
		}
		if k := mt.TextFrom - 1; k >= 0 && !mt.TitleOnly && (toks[k].Tag == "NN" || toks[k].Tag == "NNS" || toks[k].Tag == "JJ") && !kgIsCapWord(toks[k].Text) {
			lw := s.lowTok(k)
			if kgTimeNouns[lw] {
				mt.TimeFront = true
			} else if rt, ok := m.tab.roles[kgNounSingular(lw)]; ok {
				mt.RoleType, mt.RoleWord = string(rt), kgNounSingular(lw)
				mt.Rules = append(mt.Rules, "role-noun:"+lw)
			} else if t2 := k > 0 && !kgIsCapWord(toks[k-1].Text); t2 && m.personTitle(s.lowTok(k-1)+" "+lw) || m.personTitle(lw) {
				// "Wolves chief executive Jez Moxey": an office before a name is a person's
				w := lw
				if t2 && m.personTitle(s.lowTok(k-1)+" "+lw) {
					w = s.lowTok(k-1) + " " + lw
				}
				mt.RoleType, mt.RoleWord = TypePerson, w
				mt.Rules = append(mt.Rules, "role-noun:"+w)
			}
		}
	}
	return out
}

// titleContinues returns the end of a title that a lone capitalised word
// opens inside a sentence and that runs on over "of a"/"of the", "for the"
// (after an institution's head word) or, after a gerund, "the" to more
// capitalised words: "Diary of a Mad Black Woman", "Institute for the
// Future", "Touching the Void". Else j: the word alone would be a fragment
// of the title. A word the document also writes beside another capitalised
// word ("Anne Thompson", then "Thompson of the Hollywood Reporter"), a known
// name, a given name, a title, a role or a time word opens no such title.
func (m *kgModel) titleContinues(s *sentence, i, j int, vocab map[string]bool, paired map[string]bool) int {
	toks := s.Tokens
	n := len(toks)
	if j != i+1 || j+1 >= n || kgSentenceFirst(s, i) || !kgIsCapWord(toks[i].Text) || paired[toks[i].Text] || m.knownName(toks[i].Text) {
		return j
	}
	lw := s.lowTok(i)
	_, title := m.tab.titles[lw]
	_, role := m.tab.roles[lw]
	if title || role || m.tab.nonEntity[lw] || kgTimeWords[lw] || kgTimeNouns[lw] {
		return j
	}
	k := j
	switch next, det := s.lowTok(j), s.lowTok(j+1); {
	case j+2 < n && next == "of" && (det == "the" || det == "a" || det == "an"):
		k = j + 2
	case j+2 < n && next == "for" && det == "the" && (m.tab.orgSuffix[lw] || kgOfConnectorHeads[lw]):
		k = j + 2
	case next == "the" && m.gerundTitle(s, i, paired):
		k = j + 1
	default:
		return j
	}
	if !kgIsCapWord(toks[k].Text) || !m.isNameTok(toks, k, vocab) {
		return j
	}
	for k < n && m.isNameTok(toks, k, vocab) {
		k++
		if k+1 < n && s.lowTok(k) == "of" && m.isNameTok(toks, k+1, vocab) {
			k++ // "Institute for the Study of Labor"
		}
	}
	return k
}

// gerundTitle reports whether token i, inside its sentence, is a
// capitalised gerund that can open a title before "the" ("Touching the
// Void", "Chasing the Dragon"), and no name part ("Fleming").
func (m *kgModel) gerundTitle(s *sentence, i int, paired map[string]bool) bool {
	w := s.Tokens[i].Text
	return len(w) > 5 && strings.HasSuffix(w, "ing") && kgIsCapWord(w) && !kgSentenceFirst(s, i) && !paired[w] && !m.knownName(w)
}

// titleWordBefore reports whether token k is a capitalised pronoun,
// question word or modal inside its sentence, which only a title writes so
// ("Why We Fight", "What Women Want"); "I" is always capitalised.
func (m *kgModel) titleWordBefore(s *sentence, k int) bool {
	t := s.Tokens[k]
	switch {
	case t.Text == "I" || !kgIsCapWord(t.Text) || kgSentenceFirst(s, k) || kgIsQuoteTok(s.Tokens[k-1].Text):
		return false
	case strings.HasPrefix(t.Tag, "PRP") || strings.HasPrefix(t.Tag, "WP") || t.Tag == "WRB" || t.Tag == "MD":
		return true
	}
	return false
}

// kgPairedCapWords collects the capitalised words a document writes right
// before or after another capitalised word: the parts of multi-word names.
func kgPairedCapWords(sents []*sentence) map[string]bool {
	v := map[string]bool{}
	for _, s := range sents {
		for i := 1; i < len(s.Tokens); i++ {
			a, b := s.Tokens[i-1].Text, s.Tokens[i].Text
			if kgIsCapWord(a) && kgIsCapWord(b) && !kgIsPunctTok(a) && !kgIsPunctTok(b) && !kgIsHyphenModifier(a) {
				v[a], v[b] = true, true
			}
		}
	}
	return v
}

// kgEndsPossessive reports a token with a possessive glued on
// ("'Sullivan's"): the tokenizer did not split it, so it is no name part.
func kgEndsPossessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// kgTitleFunctionWords are the small words a title in title case
// capitalises; capitalised inside a sentence right after a name, they go
// on with it.
var kgTitleFunctionWords = map[string]bool{"of": true, "the": true, "a": true, "an": true, "and": true, "with": true,
	"on": true, "in": true, "to": true, "for": true, "from": true, "at": true, "by": true, "off": true, "out": true,
	"up": true, "over": true, "into": true}

// kgTitleParticles may end a title in title case ("Carry On").
var kgTitleParticles = map[string]bool{"on": true, "off": true, "out": true, "up": true, "over": true, "in": true}

// kgNumberedNames are name words that a number completes: "Channel 4",
// "BBC Radio 4", "Formula 1", "PlayStation 2", "Chapter 11".
var kgNumberedNames = map[string]bool{"channel": true, "radio": true, "formula": true, "playstation": true, "apollo": true, "chapter": true}

// kgIsSmallNumber reports whether w is one to three digits.
func kgIsSmallNumber(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// kgPeerTitles take a territorial designation: "Lord Kinnock of Bedwellty".
var kgPeerTitles = map[string]bool{"lord": true, "baroness": true, "baron": true, "lady": true, "viscount": true, "earl": true}

// kgTimeWords are weekdays and months, which may stand before a name
// without belonging to it: "On Thursday Rangers said".
var kgTimeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// kgTimePreps introduce a weekday or month: "on Thursday", "in May", "last June".
var kgTimePreps = map[string]bool{"on": true, "in": true, "last": true, "next": true, "this": true, "since": true,
	"until": true, "till": true, "early": true, "late": true, "from": true, "by": true}

// kgNameAbbrevs keep their final dot in a name: "Jr.", "Inc.".
var kgNameAbbrevs = map[string]bool{"jr.": true, "sr.": true, "inc.": true, "corp.": true, "co.": true,
	"ltd.": true, "st.": true, "bros.": true, "plc.": true, "mt.": true}

// kgTrimNamePunct drops sentence punctuation glued to the last word of a
// name ("Def Jam." at a sentence end) but keeps initials and abbreviations
// ("J.", "U.S.", "Jr.").
func kgTrimNamePunct(name string) string {
	if !strings.HasSuffix(name, ".") || len(name) < 3 {
		return name
	}
	last := name
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		last = name[i+1:]
	}
	if len(last) <= 2 || strings.Count(last, ".") > 1 || kgNameAbbrevs[strings.ToLower(last)] {
		return name
	}
	return name[:len(name)-1]
}

// givenNamed reports whether chunk [i, j) is a person's name opening with
// a given name ("Mark Stephen Trotter" of California), which an "of"
// phrase does not continue, unlike "Bank of England".
func (m *kgModel) givenNamed(s *sentence, i, j int) bool {
	if j-i < 2 || j-i > 3 {
		return false
	}
	if _, ok := m.tab.givenNames[s.lowTok(i)]; !ok {
		return false
	}
	toks := make([]string, 0, 3)
	for k := i; k < j; k++ {
		toks = append(toks, s.Tokens[k].Text)
	}
	return m.personShaped(toks)
}

// personTitle: an office only a person holds, written before the name
// ("chief executive", "chairman", "minister"); not an honorific.
func (m *kgModel) personTitle(w string) bool {
	ti, ok := m.tab.titles[w]
	return ok && !ti.Honorific
}

// kgFormerWords open a chunk only as a sentence's capitalised first word
// qualifying the title after the name, never as part of the name.
var kgFormerWords = map[string]bool{"former": true, "then": true, "ex": true}

// trimChunk narrows a proper-name chunk [i, j) to the name: a weekday or
// month after a time preposition ("On Thursday Rangers"), and a hyphenated
// place modifier ("New Zealand-born Campbell"), are not part of it.
func (m *kgModel) trimChunk(s *sentence, i, j int) int {
	toks := s.Tokens
	if j-i >= 2 && kgTimeWords[strings.TrimSuffix(s.lowTok(i), ".")] && i > 0 && kgTimePreps[s.lowTok(i-1)] {
		i++
	}
	if j-i >= 2 && kgFormerWords[s.lowTok(i)] {
		i++ // "Former Harbour Party leader X": the party is "Harbour Party"
	}
	if j-i >= 2 && kgOpeningFunctionWords[s.lowTok(i)] && kgSentenceFirst(s, i) {
		i++ // "Whilst Angels is a popular song", "Again Roddick broke first"
	}
	if k := m.openingRole(s, i, j); k > i {
		i = k // "Teenager Sania Mirza", "Veteran Spaniard Conchita Martinez"
	}
	for k := j - 2; k >= i; k-- {
		if kgIsHyphenModifier(toks[k].Text) {
			return k + 1 // "Zealand-born", "London-based"
		}
	}
	return i
}

// kgOpeningFunctionWords are conjunctions and adverbs that a sentence may
// open with, capitalised, right before a name; they never start one.
var kgOpeningFunctionWords = map[string]bool{"whilst": true, "while": true, "again": true, "once": true, "often": true,
	"although": true, "though": true, "because": true, "if": true, "when": true, "unless": true, "until": true,
	"meanwhile": true, "however": true, "also": true, "still": true, "now": true, "then": true, "later": true,
	"earlier": true, "yesterday": true, "today": true, "instead": true, "perhaps": true, "as": true, "so": true}

// kgSentenceFirst reports whether token i is its sentence's first word
// (only quotes and punctuation before it).
func kgSentenceFirst(s *sentence, i int) bool {
	for k := 0; k < i; k++ {
		if !kgIsQuoteTok(s.Tokens[k].Text) && !kgIsPunctTok(s.Tokens[k].Text) {
			return false
		}
	}
	return true
}

// openingRole returns where the name starts in chunk [i, j) when the chunk
// opens its sentence with capitalised person role nouns and nationality
// nouns ("Teenager", "Conductor", "Veteran Spaniard"), or anywhere with a
// role in capitals ("DJ Mike Read"), before a name of a
// person's shape ("Sania Mirza"); else i. "Band Aid" and "Bank of England"
// keep their first word: only roles of people are cut, and only before a
// name of two or three words.
func (m *kgModel) openingRole(s *sentence, i, j int) int {
	if !kgIsAllCaps(s.Tokens[i].Text) && !kgSentenceFirst(s, i) { // "DJ Mike Read" anywhere
		return i
	}
	k := i
	for k < j {
		if rt, ok := m.tab.roles[s.lowTok(k)]; ok && string(rt) == TypePerson {
			k++
			continue
		}
		if k > i && k+1 < j {
			if _, dem := m.tab.demonyms[s.Tokens[k].Text+" "+s.Tokens[k+1].Text]; dem {
				k += 2
				continue
			}
		}
		if _, dem := m.tab.demonyms[s.Tokens[k].Text]; dem && k > i {
			k++
			continue
		}
		break
	}
	if k == i || j-k < 2 || j-k > 3 {
		return i
	}
	toks := make([]string, 0, 3)
	for q := k; q < j; q++ {
		toks = append(toks, s.Tokens[q].Text)
	}
	if !m.personShaped(toks) {
		return i
	}
	return k
}

// honorificSplit returns the index of an honorific inside chunk [i, j)
// that starts a second name ("the Sunday Times Mr Campbell" → "Sunday
// Times" + "Mr Campbell"), or -1. Only when no title or title modifier
// precedes it in the chunk ("Foreign Secretary Mr Straw" stays whole).
func (m *kgModel) honorificSplit(s *sentence, i, j int) int {
	for k := i + 1; k < j-1; k++ {
		ti, ok := m.tab.titles[s.lowTok(k)]
		if !ok || !ti.Honorific {
			continue
		}
		for q := i; q < k; q++ {
			if n, _ := m.titleAt(s, q, k); n > 0 || m.tab.titleMods[s.lowTok(q)] {
				return -1
			}
			if _, dem := m.tab.demonyms[s.Tokens[q].Text]; dem {
				return -1
			}
		}
		return k
	}
	return -1
}

// classifyChunk turns a proper-name chunk [a, b) into mentions: a
// kgGazetteer hit, a titled person, a bare title, or a name of unknown kind.
func (m *kgModel) classifyChunk(s *sentence, a, b int) *kgMention {
	toks := s.Tokens
	raw := kgSpanText(s, a, b)
	mk := func(from, to, textFrom int) *kgMention {
		return &kgMention{Sent: s.Index, From: from, To: to, TextFrom: textFrom, Raw: kgTrimNamePunct(kgSpanText(s, from, to))}
	}
	// Whole chunk in a gazetteer.
	if e, ok := m.tab.gaz.lookup(raw); ok {
		mt := mk(a, b, a)
		mt.Gaz = e
		return mt
	}
	// Demonym plural tagged NNPS ("the Russians"): a group, not a name;
	// nor is a two-word nationality ("South African", "New Zealanders").
	if b == a+1 {
		if _, ok := m.tab.demonyms[toks[a].Text]; ok {
			return nil
		}
	}
	if b == a+2 {
		if _, ok := m.tab.demonyms[toks[a].Text+" "+toks[a+1].Text]; ok {
			return nil
		}
	}
	p, titles, person, gender := m.stripTitles(s, a, b)
	if p > a && p < b && m.tab.orgSuffix[s.lowTok(b-1)] {
		// "General Motors", "Chief Executive Office": not a titled person.
		p, titles, person, gender = a, nil, false, 0
	}
	textFrom := a
	// A nationality adjective just before a titled name is part of its surface.
	if a > 0 && len(titles) > 0 {
		_, dem := m.tab.demonyms[toks[a-1].Text]
		if dem || kgIsCapWord(toks[a-1].Text) && toks[a-1].Tag == "JJ" && a-1 > 0 {
			textFrom = a - 1
		}
	}
	if p == a && b-a >= 3 {
		// "Kenyan Bernard Lagat": a nationality before a person's name.
		if _, ok := m.tab.demonyms[toks[a].Text]; ok {
			if _, given := m.tab.givenNames[s.lowTok(a+1)]; given {
				p, person = a+1, true
			} else if b-a == 3 && toks[a].Tag != "NNPS" && !m.tab.lem.KnownNoun(s.lowTok(a+1)) && m.personShaped([]string{toks[a+1].Text, toks[a+2].Text}) {
				p = a + 1 // "Hungarian Melinda Czink": the nationality is no part of the name ("British Music Rights" is: music is a noun)
			}
		}
	}
	if p == b {
		if len(titles) == 0 {
			return nil
		}
		mt := mk(a, b, textFrom)
		mt.TitleOnly, mt.Titles = true, titles
		return mt
	}
	// A leading place not followed by a title ("UK Parliament") stays in
	// the name; nothing else to do. Skip chunks made only of dates.
	if len(titles) > 0 && p+2 < b {
		// "Baroness Royall of Blaisdon": a peer's territorial
		// designation is no part of the name.
		if ti, ok := m.tab.titles[strings.ToLower(titles[len(titles)-1])]; ok && ti.Honorific && kgPeerTitles[strings.ToLower(titles[len(titles)-1])] {
			for q := p + 1; q < b-1; q++ {
				if s.lowTok(q) == "of" {
					b = q
					break
				}
			}
		}
	}
	if l := s.lowTok(p); l == "of" || l == "for" {
		// "the Mayor of London": a title with its complement, no name.
		mt := mk(a, b, textFrom)
		mt.TitleOnly, mt.Titles = true, []string{kgSpanText(s, a, b)}
		return mt
	}
	allNon := true
	for i := p; i < b; i++ {
		if !m.tab.nonEntity[strings.TrimSuffix(s.lowTok(i), ".")] {
			allNon = false
			break
		}
	}
	if allNon && len(titles) == 0 {
		return nil
	}
	mt := mk(p, b, textFrom)
	mt.Titles, mt.Person, mt.Gender = titles, person, gender
	if e, ok := m.tab.gaz.lookup(mt.Raw); ok && !person {
		mt.Gaz = e
	}
	if len(titles) > 0 {
		mt.Rules = append(mt.Rules, "title-stripped:"+strings.Join(titles, ", "))
	}
	if _, place := m.tab.gaz.lookup(toks[p].Text); !place && b-p >= 2 && mt.Gaz == nil && kgIsDottedInitials(toks[p].Text) && kgIsCapWord(toks[b-1].Text) && !m.tab.orgSuffix[s.lowTok(b-1)] {
		mt.Person = true // "J.D. Vance", "J. K. Rowling"
	}
	if g, ok := m.tab.givenNames[s.lowTok(p)]; ok && b-p >= 2 && mt.Gaz == nil && !m.tab.thingWord[s.lowTok(b-1)] && !m.tab.orgSuffix[s.lowTok(b-1)] {
		mt.Person = true
		if mt.Gender == 0 && g != 'u' {
			mt.Gender = g
		}
	}
	return mt
}

// chunkType returns the type a mention's own words suggest.
func (m *kgModel) chunkType(s *sentence, mt *kgMention) string {
	if mt.Gaz != nil {
		return mt.Gaz.Type
	}
	if mt.Person {
		return TypePerson
	}
	last := s.lowTok(mt.To - 1)
	first := s.lowTok(mt.From)
	switch {
	case m.tab.orgSuffix[last] || m.tab.orgSuffix[first] && mt.To-mt.From > 1:
		return TypeOrganization
	case m.tab.placeWord[last]:
		return TypePlace
	case m.tab.thingWord[last]:
		return TypeOther
	case kgIsAllCaps(mt.Raw) && mt.To-mt.From == 1 && len(mt.Raw) >= 2:
		return TypeOrganization
	case m.initialSurname(s, mt):
		return TypePerson
	}
	return TypeOther
}

// initialSurname reports whether mention mt is an initial and a surname,
// the way squad lists and scorelines write people: "D Traille", "B.
// O'Driscoll". "X Factor" and "Q Magazine" are titles, not people.
func (m *kgModel) initialSurname(s *sentence, mt *kgMention) bool {
	if mt.To-mt.From != 2 {
		return false
	}
	ini := strings.TrimSuffix(s.Tokens[mt.From].Text, ".")
	if len(ini) != 1 || ini[0] < 'A' || ini[0] > 'Z' || strings.ContainsRune("QVXZ", rune(ini[0])) {
		return false
	}
	sur := s.Tokens[mt.From+1].Text
	l := strings.ToLower(sur)
	if (ini == "A" || ini == "I") && m.tab.lem.KnownNoun(l) {
		return false // "About A Boy": an article or a pronoun before a noun
	}
	return kgIsCapWord(sur) && !kgIsAllCaps(sur) && !m.tab.orgSuffix[l] && !m.tab.placeWord[l] && !m.tab.thingWord[l] && !m.tab.nonEntity[l]
}

func kgIsDeterminer(w string) bool { return kgDeterminers[strings.ToLower(w)] }

// orgWithOf reports whether chunk [i, j) is an organisation head with an
// of/for complement ("Department for Trade"), which may coordinate: "and
// Industry".
func (m *kgModel) orgWithOf(toks []token.Token, i, j int) bool {
	for k := i; k+1 < j; k++ {
		l := strings.ToLower(toks[k+1].Text)
		if (l == "of" || l == "for") && (m.tab.orgSuffix[strings.ToLower(toks[k].Text)] || kgOfConnectorHeads[strings.ToLower(toks[k].Text)]) {
			return true
		}
	}
	return false
}

// nounAndInstitution reports whether chunk [i, j), one capitalised common
// noun, and the name after the "and" at j are one institution's name: the
// name after it runs on with "of" or ends in an organisation's head word
// ("Rock and Roll Hall of Fame", "Arts and Humanities Research Council").
// "Chelsea and Bank of England" stays two names: Chelsea is no common noun.
func (m *kgModel) nounAndInstitution(s *sentence, i, j int, vocab map[string]bool) bool {
	if j-i != 1 || !m.tab.lem.KnownNoun(kgNounSingular(s.lowTok(i))) {
		return false
	}
	if _, ok := m.tab.gaz.lookup(s.Tokens[i].Text); ok {
		return false
	}
	toks := s.Tokens
	k, names, of := j+1, 0, false
	for k < len(toks) && (m.isNameTok(toks, k, vocab) || s.lowTok(k) == "of" && names > 0) {
		if s.lowTok(k) == "of" {
			of = true
		} else {
			names++
		}
		k++
	}
	return names >= 2 && (of || m.tab.orgSuffix[s.lowTok(k-1)])
}

// titleAhead reports whether a title head follows within three capitalised
// tokens from k ("[Trade and] Industry Secretary").
func (m *kgModel) titleAhead(s *sentence, k int) bool {
	toks := s.Tokens
	for n := 0; n < 3 && k+n < len(toks); n++ {
		if !kgIsCapWord(toks[k+n].Text) {
			return false
		}
		if c, ti := m.titleAt(s, k+n, len(toks)); c > 0 && !ti.Honorific {
			return true
		}
	}
	return false
}

// kgIsAcronymPlural reports "MPs"-like words: capitals then a final "s".
func kgIsAcronymPlural(w string) bool {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return false
	}
	for i := 0; i < n-1; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// kgMidVocab counts capitalised words seen away from a sentence start, so a
// capitalised common word that only ever opens a sentence ("Nine", "World")
// is not taken for a name.
func kgMidVocab(sents []*sentence) map[string]int {
	v := map[string]int{}
	for _, s := range sents {
		for i, t := range s.Tokens {
			if i > 0 && !kgIsQuoteTok(s.Tokens[i-1].Text) && kgIsCapWord(t.Text) {
				v[t.Text]++
			} else if i+1 < len(s.Tokens) && kgIsCapWord(t.Text) && (t.Tag == "NNP" || t.Tag == "NNPS") && s.Tokens[i+1].Tag == "NNP" && kgIsCapWord(s.Tokens[i+1].Text) && !kgIsAcronymPlural(s.Tokens[i+1].Text) {
				v[t.Text]++ // "Anil Berrada ..." opening a sentence: a name's first word
			}
		}
	}
	return v
}

// modifierRun reports whether chunk [i, j) could qualify a title ("Trade"
// in "Trade and Industry Secretary"): no title head and no given name.
func (m *kgModel) modifierRun(toks []token.Token, i, j int) bool {
	for k := i; k < j; k++ {
		l := strings.ToLower(toks[k].Text)
		if _, ok := m.tab.titles[l]; ok {
			return false
		}
		if _, ok := m.tab.givenNames[l]; ok {
			return false
		}
	}
	return true
}

// knownName reports whether w is in a gazetteer or the given names.
func (m *kgModel) knownName(w string) bool {
	if _, ok := m.tab.gaz.lookup(w); ok {
		return true
	}
	_, ok := m.tab.givenNames[strings.ToLower(w)]
	return ok || kgIsAllCaps(w)
}

// kgPronounWord lower-cases w and strips a clitic glued to a pronoun
// ("I've" → "i", "they’re" → "they"); other words are only lower-cased.
func kgPronounWord(w string) string {
	l := strings.ToLower(w)
	if i := strings.IndexAny(l, "'’"); i > 0 {
		if _, ok := kgPronouns[l[:i]]; ok {
			return l[:i]
		}
	}
	return l
}

// kgIsDottedInitials reports "J.", "J.D.", "J.R.R.": capitals each followed
// by a dot.
func kgIsDottedInitials(w string) bool {
	if len(w) < 2 || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// kgIsHyphenModifier reports a word with a lower-case part after its last
// hyphen: "Zealand-born", "London-based", "US-funded".
func kgIsHyphenModifier(w string) bool {
	h := strings.LastIndexByte(w, '-')
	return h > 0 && h+1 < len(w) && !kgHasUpper(w[h+1:]) && !kgIsPunctTok(w[h+1:])
}

// kgIsAdjectiveHyphen reports a hyphenated adjective ending a capitalised
// run: "Award-winning", "Oscar-nominated", "Birmingham-born", "Doo-style";
// not "Co-operation", "Ji-chang" or "Blu-ray".
func kgIsAdjectiveHyphen(w string) bool {
	if !kgIsHyphenModifier(w) {
		return false
	}
	tail := w[strings.LastIndexByte(w, '-')+1:]
	switch tail {
	case "born", "style", "run", "made", "built", "like", "wide", "based", "owned", "backed", "led", "funded":
		return true
	}
	return len(tail) > 4 && (strings.HasSuffix(tail, "ed") || strings.HasSuffix(tail, "ing"))
}

// kgPrefixedName returns the name part of a word glued to a prefix ("Ex-Downing"
// → "Downing", "ex-Labour" → "Labour"), or "" when w is no such word.
func kgPrefixedName(w string) string {
	h := strings.IndexByte(w, '-')
	if h <= 0 || h+1 >= len(w) {
		return ""
	}
	switch strings.ToLower(w[:h]) {
	case "ex", "former", "pro", "anti", "post", "pre", "non":
	default:
		return ""
	}
	if rest := w[h+1:]; kgIsCapWord(rest) && !strings.ContainsRune(rest, '-') {
		return rest
	}
	return ""
}
