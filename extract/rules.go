package extract

import (
	"strings"
)

// cand is one Open IE extraction in surface order, before it becomes a
// rawTriple (article mode) or a LineTriple (lines mode).
type cand struct {
	subj       tokRange
	rel        []int
	obj        tokRange // empty for an intransitive relation
	extra      []tokRange
	negated    bool
	passive    bool // surface passive: be + past participle
	agent      bool // passive whose object is the "by" agent
	clausal    bool // object is a clause, not a noun phrase
	reportedBy tokRange
	speech     tokRange // reported clause this extraction frames ("X said [Y met Z]")
	synthetic  string   // relation word not in the text ("is" for appositions)
	objExt     int      // lines mode: end of the object with its modifiers, when > obj.To
	objExtFrom int      // lines mode: start of a clause remainder standing in for a missing object
	auxPrefix  string   // lines mode: implied auxiliary of a bare participle ("[was] born in")
	subjParts  []tokRange
	objParts   []tokRange
	kind       string // pattern that produced it, a confidence feature
	rules      []string
	conf       float64
}

// sentInfo holds per-sentence tag classes used by the rules.
type sentInfo struct {
	s     *sentence
	n     int
	tags  []string
	low   []string
	chunk []int // chunk[i] = end (exclusive) of the NP chunk starting at i, or 0
	inNP  []int // inNP[i] = start of the NP chunk containing i, or -1
	group []int // group[i] = end of the verb group starting at i, or 0
	inVG  []bool
}

func ieNounTag(t string) bool {
	switch t {
	case "NN", "NNS", "NNP", "NNPS", "PRP", "CD", "$", "FW":
		return true
	}
	return false
}

func ieVerbTag(t string) bool {
	return strings.HasPrefix(t, "VB") || t == "MD"
}

func ieAdjTag(t string) bool { return t == "JJ" || t == "JJR" || t == "JJS" }

var beForms = map[string]bool{"be": true, "is": true, "am": true, "are": true, "was": true, "were": true,
	"been": true, "being": true, "'s": true, "'re": true, "'m": true}

var saidVerbs = map[string]bool{"said": true, "says": true, "say": true, "told": true, "tells": true,
	"added": true, "adds": true, "stated": true, "claimed": true, "claims": true, "announced": true,
	"reported": true, "warned": true, "insisted": true, "believes": true, "believed": true, "argued": true,
	"argues": true, "suggested": true, "denied": true, "confirmed": true, "explained": true, "noted": true,
	"think": true, "thinks": true, "thought": true, "believe": true, "saying": true, "insists": true}

var lightVerbs = map[string]bool{"make": true, "made": true, "makes": true, "making": true, "take": true,
	"took": true, "takes": true, "taken": true, "taking": true, "have": true, "has": true, "had": true,
	"having": true, "give": true, "gave": true, "gives": true, "given": true, "get": true, "got": true,
	"gets": true, "hold": true, "held": true, "holds": true, "play": true, "played": true, "plays": true,
	"pay": true, "paid": true, "become": true, "became": true, "becomes": true, "serve": true, "served": true,
	"serves": true, "remain": true, "remains": true, "remained": true}

var subordinators = map[string]bool{"because": true, "if": true, "while": true, "although": true,
	"though": true, "whether": true, "unless": true, "that": true, "than": true, "so": true,
	"whereas": true, "once": true, "as": false}

// subjPreps may attach a PP inside a subject: "Regulators in Brussels".
var subjPreps = map[string]bool{"in": true, "at": true, "on": true, "for": true, "from": true, "with": true,
	"between": true, "among": true, "near": true, "under": true, "within": true, "across": true, "like": true}

var relPronouns = map[string]bool{"who": true, "which": true, "that": true, "whom": true, "whose": false}

// analyseSentence computes NP chunks and verb groups.
func analyseSentence(s *sentence) *sentInfo {
	n := len(s.Tokens)
	s.fillLow()
	ints := make([]int, 3*n) // one allocation for chunk, inNP and group
	si := &sentInfo{s: s, n: n, tags: make([]string, n), low: s.Low,
		chunk: ints[:n:n], inNP: ints[n : 2*n : 2*n], group: ints[2*n:], inVG: make([]bool, n)}
	for i, t := range s.Tokens {
		si.tags[i] = t.Tag
		si.inNP[i] = -1
	}
	si.chunkNPs()
	si.verbGroups()
	return si
}

func (si *sentInfo) isQuote(i int) bool {
	return i >= 0 && i < si.n && (si.tags[i] == "``" || si.tags[i] == "''")
}

// npToken reports whether token i can continue an NP chunk whose previous
// token is i-1.
func (si *sentInfo) npToken(i int, start bool) bool {
	t := si.tags[i]
	switch t {
	case "DT", "PDT", "PRP$", "WP$":
		if si.low[i] == "that" && !start {
			return false
		}
		if !start && i > 0 && ieNounTag(si.tags[i-1]) && si.tags[i-1] != "$" {
			return false
		}
		return true
	case "PRP":
		// "her" is often tagged PRP where it is a determiner: "her Master Degree"
		if si.low[i] == "her" && i+1 < si.n && (strings.HasPrefix(si.tags[i+1], "NN") || ieAdjTag(si.tags[i+1])) {
			return start || si.tags[i-1] == "PDT"
		}
		return start
	case "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "$", "FW":
		if !start && i > 0 && si.tags[i-1] == "PRP" && si.low[i-1] != "her" {
			return false
		}
		return true
	case "POS":
		return !start
	case "''":
		// plural possessive: "the workers ' union"
		return !start && si.s.Tokens[i].Text == "'" && si.tags[i-1] == "NNS" && i+1 < si.n &&
			(strings.HasPrefix(si.tags[i+1], "NN") || ieAdjTag(si.tags[i+1]))
	case "VBG", "VBN":
		// modifier inside an NP: "a founding justice", "the proposed plan"
		if start || i+1 >= si.n {
			return false
		}
		p, q := si.tags[i-1], si.tags[i+1]
		return (p == "DT" || p == "PRP$" || ieAdjTag(p) || p == "POS" || p == "CD") && (strings.HasPrefix(q, "NN") || ieAdjTag(q))
	case ":":
		// hyphen inside a compound: "take - it", "US-led"
		return !start && si.low[i] == "-" && i+1 < si.n && si.tags[i+1] != "," && si.tags[i+1] != "."
	}
	return false
}

func (si *sentInfo) chunkNPs() {
	i := 0
	for i < si.n {
		// a quoted span of up to 12 tokens is one chunk: `` Five Lucky Stars ''
		if si.tags[i] == "``" {
			j := i + 1
			for j < si.n && j-i <= 12 && si.tags[j] != "''" && si.tags[j] != "``" && si.tags[j] != "." {
				j++
			}
			finite := false
			for k := i + 1; k < j && k < si.n; k++ {
				switch si.tags[k] {
				case "VBD", "VBZ", "VBP", "MD", ",":
					finite = true // quoted speech, not a quoted name
				}
			}
			if j < si.n && si.tags[j] == "''" && j > i+1 && j-i <= 12 && !finite {
				end := j + 1
				for end < si.n && strings.HasPrefix(si.tags[end], "NN") {
					end++
				}
				si.setChunk(i, end)
				i = end
				continue
			}
		}
		if !si.npToken(i, true) {
			i++
			continue
		}
		j := i + 1
		for j < si.n && j-i < maxArgTokens && si.npToken(j, false) {
			j++
		}
		// trailing hyphen or possessive without a noun after: drop it
		for j > i+1 && (si.low[j-1] == "-") {
			j--
		}
		// a chunk needs something other than determiners
		head := false
		for k := i; k < j; k++ {
			if si.tags[k] != "DT" && si.tags[k] != "PDT" && si.tags[k] != "PRP$" {
				head = true
			}
		}
		if !head && j == i+1 {
			switch si.low[i] {
			case "this", "these", "those", "all", "both", "some", "each", "many", "most", "any", "none":
				head = true
			}
		}
		if head {
			si.setChunk(i, j)
		}
		i = j
	}
}

func (si *sentInfo) setChunk(i, j int) {
	si.chunk[i] = j
	for k := i; k < j; k++ {
		si.inNP[k] = i
	}
}

var groupAdj = map[string]bool{"able": true, "unable": true, "likely": true, "unlikely": true, "due": true,
	"ready": true, "willing": true, "set": true, "about": true, "going": true}

// verbGroups finds maximal verb groups: auxiliaries, adverbs, particles and
// infinitival "to": "has not been", "is set to hold", "wants to buy".
func (si *sentInfo) verbGroups() {
	i := 0
	for i < si.n {
		startsTo := si.tags[i] == "TO" && i+1 < si.n && si.tags[i+1] == "VB"
		if !(ieVerbTag(si.tags[i]) && si.inNP[i] < 0) && !startsTo {
			i++
			continue
		}
		j := i
		lastVerb := i
		for j < si.n && j-i < 12 {
			t := si.tags[j]
			switch {
			case ieVerbTag(t) && (si.inNP[j] < 0 || j == i):
				lastVerb = j
				j++
				continue
			case t == "RB" || t == "RP":
				if t == "RP" || si.low[j] == "not" || si.low[j] == "n't" || si.low[j] == "never" ||
					(j+1 < si.n && (ieVerbTag(si.tags[j+1]) || si.tags[j+1] == "RB" || si.tags[j+1] == "TO")) {
					j++
					continue
				}
			case t == "TO" && j+1 < si.n && si.tags[j+1] == "VB":
				j++
				continue
			case groupAdj[si.low[j]] && j > i && j+2 < si.n && si.tags[j+1] == "TO" && si.tags[j+2] == "VB":
				j++
				continue
			}
			break
		}
		end := lastVerb + 1
		// keep trailing particles and negation after the last verb
		for end < j && (si.tags[end] == "RP" || si.tags[end] == "RB") {
			end++
		}
		if end <= i {
			end = i + 1
		}
		si.group[i] = end
		for k := i; k < end; k++ {
			si.inVG[k] = true
		}
		i = end
	}
}

// isPrep reports whether token i is a preposition that can open a PP argument.
func (si *sentInfo) isPrep(i int) bool {
	if i < 0 || i >= si.n {
		return false
	}
	if si.tags[i] == "TO" {
		return !(i+1 < si.n && si.tags[i+1] == "VB")
	}
	return si.tags[i] == "IN" && !subordinators[si.low[i]]
}

// npPhrase returns the end of the argument NP starting with the chunk at i:
// the chunk plus "of"-PPs and possessive chains. parts lists the
// conjuncts when the phrase is a coordinated list ("X , Y and Z").
func (si *sentInfo) npPhrase(i int, coord bool) (end int, parts []tokRange) {
	if i < 0 || i >= si.n || si.chunk[i] == 0 {
		return i, nil
	}
	end = si.ofChain(i)
	parts = []tokRange{{i, end}}
	if !coord {
		return end, nil
	}
	// coordination: NP (, NP)* ,? (and|or) NP
	k := end
	var more []tokRange
	for k < si.n && len(more) < 8 {
		if si.tags[k] == "," && k+1 < si.n && si.chunk[k+1] != 0 {
			e := si.ofChain(k + 1)
			more = append(more, tokRange{k + 1, e})
			k = e
			continue
		}
		if si.tags[k] == "," && k+1 < si.n && si.tags[k+1] == "CC" {
			k++
		}
		if si.tags[k] == "CC" && (si.low[k] == "and" || si.low[k] == "or") && k+1 < si.n && si.chunk[k+1] != 0 &&
			si.groupAt(si.chunk[k+1]) == 0 {
			e := si.ofChain(k + 1)
			more = append(more, tokRange{k + 1, e})
			parts = append(parts, more...)
			return e, parts
		}
		break
	}
	return end, nil
}

func (si *sentInfo) ofChain(i int) int {
	end := si.chunk[i]
	for hops := 0; hops < 3 && end+1 < si.n; hops++ {
		if si.low[end] == "of" && si.chunk[end+1] != 0 {
			end = si.chunk[end+1]
			continue
		}
		break
	}
	return end
}

// leftNP returns the start of the argument NP ending at token j (inclusive):
// the chunk containing j extended left over "of"-PPs.
func (si *sentInfo) leftNP(j int) int {
	if j < 0 || j >= si.n || si.inNP[j] < 0 {
		return -1
	}
	start := si.inNP[j]
	for hops := 0; hops < 3; hops++ {
		p := start - 1
		if p-1 >= 0 && (si.low[p] == "of" || (subjPreps[si.low[p]] && hops == 0)) && si.inNP[p-1] >= 0 {
			prev := si.inNP[p-1]
			// do not swallow a sentence-initial PP ("In 1990 the firm ...")
			if prev > 0 && si.isPrep(prev-1) {
				break
			}
			start = prev
			continue
		}
		break
	}
	return start
}

// leftList extends an argument NP starting at start leftwards over a
// coordinated list ("X , Y and [start...]").
func (si *sentInfo) leftList(start, end int) (int, []tokRange) {
	p := start - 1
	if p < 1 || si.tags[p] != "CC" || (si.low[p] != "and" && si.low[p] != "or") {
		return start, nil
	}
	parts := []tokRange{{start, end}}
	q := p - 1
	if si.tags[q] == "," {
		q--
	}
	for q >= 0 && len(parts) < 8 {
		if si.inNP[q] < 0 {
			break
		}
		s := si.leftNP(q)
		if s > 0 && (si.isPrep(s-1) || ieVerbTag(si.tags[s-1]) || si.tags[s-1] == "TO") {
			// "sent off in [the second half] and [Eastbrook] scored": the left
			// conjunct is the object of an earlier verb, not part of a list
			break
		}
		parts = append([]tokRange{{s, q + 1}}, parts...)
		start = s
		if s-1 >= 1 && si.tags[s-1] == "," && si.inNP[s-2] >= 0 {
			q = s - 2
			continue
		}
		break
	}
	if len(parts) < 2 {
		return parts[0].From, nil
	}
	return start, parts
}

// ppChain collects prepositional phrases starting at k, at most max.
func (si *sentInfo) ppChain(k, max int) []tokRange {
	var out []tokRange
	for len(out) < max && k+1 < si.n && si.isPrep(k) {
		j := k + 1
		for j < si.n && si.tags[j] == "RB" && j-k < 3 {
			j++
		}
		if j < si.n && si.tags[j] == "VBG" && j+1 < si.n && si.chunk[j+1] != 0 {
			// gerund complement: "of ignoring the workers"
			e, _ := si.npPhrase(j+1, true)
			out = append(out, tokRange{k, e})
			k = e
			continue
		}
		if j >= si.n || si.chunk[j] == 0 {
			break
		}
		e, _ := si.npPhrase(j, true)
		out = append(out, tokRange{k, e})
		k = e
	}
	return out
}

// clauseEnd returns the end of the clause starting at k: the sentence end
// without final punctuation, or a closing quote.
func (si *sentInfo) clauseEnd(k int) int {
	e := k
	quoted := k < si.n && si.tags[k] == "``"
	for e < si.n && e-k < 60 {
		if (si.tags[e] == "''" && !quoted) || (si.tags[e] == "." && e == si.n-1) {
			break
		}
		e++
	}
	for e > k && (si.tags[e-1] == "," || si.tags[e-1] == "." || si.tags[e-1] == ":") {
		e--
	}
	return e
}

// extractSentence runs the Open IE rules over one sentence.
func extractSentence(s *sentence) []*cand {
	if len(s.Tokens) == 0 {
		return nil
	}
	return extractAnalysed(analyseSentence(s))
}

// extractAnalysed runs the Open IE rules over an analysed sentence. It does
// not change si's chunks or tags, so callers may reuse si afterwards.
func extractAnalysed(si *sentInfo) []*cand {
	if si.n == 0 {
		return nil
	}
	var out []*cand
	var prev *cand
	var speakers []*cand // reported-speech frames: said-verb triples with clausal objects
	for i := 0; i < si.n; i++ {
		if si.group[i] == 0 {
			continue
		}
		c := si.relation(i, prev, &out)
		if c == nil {
			continue
		}
		for _, sp := range speakers {
			if sp.speech.From <= c.rel[0] && c.rel[0] < sp.speech.To && c.reportedBy.Empty() {
				c.reportedBy = sp.subj
				c.rules = append(c.rules, "reported-speech")
			}
		}
		if c.clausal && c.kind == "said" {
			c.speech = c.obj
		}
		if !c.speech.Empty() {
			speakers = append(speakers, c)
		}
		out = append(out, c)
		prev = c
	}
	// trailing attribution: `"..." , X said .` marks earlier triples
	for _, c := range out {
		if c.kind == "said-trailing" {
			for _, d := range out {
				if d != c && len(d.rel) > 0 && d.rel[0] < c.subj.From && d.reportedBy.Empty() {
					d.reportedBy = c.subj
					d.rules = append(d.rules, "reported-speech")
				}
			}
		}
	}
	// a sentence-initial adverbial ("In 1957 ,", "Earlier this year ,")
	// is an n-ary argument of the main clause's extractions
	if lead := si.leadingAdverbial(); !lead.Empty() {
		for _, c := range out {
			if c.synthetic == "" && !c.clausal && c.subj.From > lead.To && c.reportedBy.Empty() {
				c.extra = append(c.extra, lead)
				c.rules = append(c.rules, "nary-leading-adverbial")
			}
		}
	}
	for _, c := range out {
		c.conf = confidence(si, c)
	}
	for _, c := range si.inferred() {
		c.conf = confidence(si, c)
		out = append(out, c)
	}
	return out
}

// relation builds the extraction anchored at the verb group starting at i.
func (si *sentInfo) relation(i int, prev *cand, out *[]*cand) *cand {
	gEnd := si.group[i]
	c := &cand{kind: "svo"}
	for k := i; k < gEnd; k++ {
		c.rel = append(c.rel, k)
		switch si.low[k] {
		case "not", "n't", "never":
			c.negated = true
		}
	}
	// passive: a form of "be"/"get" followed by a past participle as head
	head := gEnd - 1
	for head > i && !ieVerbTag(si.tags[head]) {
		head--
	}
	if si.tags[head] == "VBN" {
		for k := i; k < head; k++ {
			if beForms[si.low[k]] || si.low[k] == "got" || si.low[k] == "get" {
				c.passive = true
			}
		}
	}
	headLow := si.low[head]
	if si.tags[head] == "VBN" && !c.passive {
		aux := false
		for k := i; k < head; k++ {
			if ieVerbTag(si.tags[k]) {
				aux = true
			}
		}
		if !aux && (gEnd >= si.n || si.chunk[gEnd] == 0) {
			c.auxPrefix = "is"
			if si.pastContext() {
				c.auxPrefix = "was"
			}
		}
	}
	startsTo := si.tags[i] == "TO"

	// --- subject ---
	p := i - 1
	for p >= 0 && si.tags[p] == "RB" {
		p--
	}
	// pre-verbal adverbs belong to the relation: "also said", "thus re-designated"
	if p+1 < i && !startsTo {
		pre := make([]int, 0, i-p-1+len(c.rel))
		for k := p + 1; k < i; k++ {
			pre = append(pre, k)
			switch si.low[k] {
			case "not", "n't", "never":
				c.negated = true
			}
		}
		c.rel = append(pre, c.rel...)
	}
	subjOK := false
	if si.tags[i] == "VBN" && p >= 1 && si.tags[p] == "," && si.inNP[p-1] >= 0 {
		// reduced relative: "The team , led by X , ..."
		c.subj = tokRange{si.leftNP(p - 1), p}
		c.kind = "reduced-relative"
		c.rules = append(c.rules, "reduced-relative")
		subjOK = true
	}
	if !subjOK && (startsTo || (si.tags[i] == "VBG" && p >= 0 && si.tags[p] == ",")) {
		// infinitival complement or participial clause: the subject is the
		// object (object control) or subject of the previous relation
		if prev != nil && !prev.subj.Empty() {
			if poss, ok := si.nounControl(prev, i); startsTo && ok {
				// "declared his intention to speak with Y": the subject of
				// the infinitive is the control noun's possessor, or the
				// subject of the relation when it has none ("the need to")
				if !poss.Empty() {
					c.subj = poss
					c.rules = append(c.rules, "infinitive-possessor-control")
				} else {
					c.subj = prev.subj
					c.subjParts = prev.subjParts
					c.rules = append(c.rules, "infinitive-subject-control")
				}
			} else if startsTo && !prev.obj.Empty() && !prev.clausal && prev.obj.To == i && si.chunk[prev.obj.From] != 0 &&
				!strings.HasSuffix(prev.kind, "-vp") {
				c.subj = prev.obj
				c.rules = append(c.rules, "infinitive-object-control")
			} else {
				c.subj = prev.subj
				c.rules = append(c.rules, "infinitive-subject-control")
			}
			c.kind = "control"
			subjOK = true
		}
	}
	if !subjOK && p >= 0 {
		switch {
		case si.inNP[p] >= 0 && si.tags[p] != "POS":
			st := si.leftNP(p)
			st, parts := si.leftList(st, p+1)
			c.subj = tokRange{st, p + 1}
			c.subjParts = parts
			subjOK = true
			if st > 0 && si.isPrep(st-1) && st-1 == 0 {
				// "In Paris police arrested ..." is rare; keep it
				c.rules = append(c.rules, "subject-after-pp")
			}
		case relPronouns[si.low[p]] && (si.tags[p] == "WDT" || si.tags[p] == "WP" || si.tags[p] == "IN"):
			q := p - 1
			if q >= 0 && si.tags[q] == "," {
				q--
			}
			if q >= 0 && si.inNP[q] >= 0 {
				st := si.leftNP(q)
				c.subj = tokRange{st, q + 1}
				c.rules = append(c.rules, "relative-clause")
				c.kind = "relative"
				subjOK = true
			}
		case si.tags[p] == "," || si.tags[p] == "''":
			// apposition: NP1 , NP2 , V  → subject NP1, plus (NP1, is, NP2)
			q := p - 1
			if q >= 0 && si.inNP[q] >= 0 {
				st2 := si.leftNP(q)
				r := st2 - 1
				if r-1 >= 0 && si.tags[r] == "," && si.inNP[r-1] >= 0 {
					st1 := si.leftNP(r - 1)
					c.subj = tokRange{st1, r}
					c.rules = append(c.rules, "apposition-subject")
					subjOK = true
					ap := &cand{subj: tokRange{st1, r}, obj: tokRange{st2, q + 1}, synthetic: "is",
						kind: "apposition", rules: []string{"apposition"}}
					*out = append(*out, ap)
				}
			}
			if !subjOK {
				// skip a parenthetical: "NP , led by X , V" / "NP , who ... , V"
				for r := p - 1; r > 0 && p-r < 25; r-- {
					if si.tags[r] == "," {
						nt := si.tags[r+1]
						if (nt == "VBN" || nt == "VBG" || nt == "WDT" || nt == "WP" || nt == "IN" || nt == "DT" ||
							nt == "JJ" || nt == "CD" || strings.HasPrefix(nt, "NN")) && si.inNP[r-1] >= 0 && si.tags[p] == "," {
							c.subj = tokRange{si.leftNP(r - 1), r}
							c.rules = append(c.rules, "parenthetical-skipped")
							subjOK = true
						}
						break
					}
				}
			}
			if !subjOK && prev != nil && !prev.subj.Empty() && si.tags[p] == "," && prev.end() == p && !saidVerbs[headLow] {
				// a list of verb phrases: "broke out of X , took Y , and raced to Z"
				c.subj = prev.subj
				c.subjParts = prev.subjParts
				c.rules = append(c.rules, "coordinated-verb")
				c.kind = "coord-verb"
				subjOK = true
			}
			if !subjOK && saidVerbs[headLow] && gEnd < si.n && si.chunk[gEnd] != 0 {
				// `"...", said X` — inverted attribution
				e, _ := si.npPhrase(gEnd, false)
				c.subj = tokRange{gEnd, e}
				c.kind = "said-trailing"
				c.rules = append(c.rules, "reported-speech-inverted")
				c.obj = tokRange{0, si.clauseEnd(0)}
				if c.obj.To > p {
					c.obj.To = p
				}
				if si.tags[p] == "''" && si.tags[0] == "``" {
					c.obj.To = p + 1 // keep the quote marks paired
				}
				c.clausal = true
				return c
			}
		case si.tags[p] == "CC" || (si.tags[p] == "," && p > 0 && si.tags[p-1] == "CC"):
			if src := si.coordSource(i, prev, *out); src != nil && !src.subj.Empty() {
				c.subj = src.subj
				c.subjParts = src.subjParts
				c.rules = append(c.rules, "coordinated-verb")
				c.kind = "coord-verb"
				subjOK = true
			}
		}
	}
	if !subjOK || c.subj.Empty() {
		return nil
	}
	// a said-verb after a comma with its subject just before: `"...", X said`
	if saidVerbs[headLow] && c.subj.From > 0 && (si.tags[c.subj.From-1] == "," || si.tags[c.subj.From-1] == "''") &&
		si.clauseEndsAfterPPs(gEnd) {
		c.kind = "said-trailing"
		c.rules = append(c.rules, "reported-speech-trailing")
		e := c.subj.From - 1
		for e > 0 && (si.tags[e-1] == "," || si.isQuote(e-1)) {
			e--
		}
		b := 0
		for b < e && si.isQuote(b) {
			b++
		}
		if e > b {
			c.obj = tokRange{b, e}
			c.clausal = true
		}
		return c
	}

	// --- relation tail and object ---
	k := gEnd
	// adverb + preposition continue the relation: "surged ahead of", "moved back to";
	// so does an adverb before the object: "was formerly chairman of"
	if k+1 < si.n && (si.tags[k] == "RB" || si.tags[k] == "RBR") && (si.isPrep(k+1) || si.chunk[k+1] != 0 || ieAdjTag(si.tags[k+1])) {
		c.rel = append(c.rel, k)
		k++
	}
	// particle-like preposition before a preposition: "made up of", "ran out of"
	if k+2 < si.n && si.isPrep(k) && si.isPrep(k+1) && si.chunk[k+2] != 0 {
		c.rel = append(c.rel, k)
		k++
	}
	switch {
	case (saidVerbs[headLow] && si.clauseAfter(k) && !si.controlNounAt(k)) || (k+1 < si.n && si.low[k] == "that" && si.tags[k+1] != "," && si.chunk[k+1] != 0 && si.hasVerbAfter(si.ofChain(k+1))):
		b := si.skipPPs(k)
		for b < si.n && (si.low[b] == "that" || si.tags[b] == ":") {
			b++
		}
		e := si.clauseEnd(b)
		if e > b {
			c.obj = tokRange{b, e}
			c.extra = si.ppChain(k, 3)
			c.clausal = true
			if saidVerbs[headLow] {
				c.kind = "said"
				c.rules = append(c.rules, "reported-speech-frame")
			} else {
				c.kind = "that-clause"
				c.rules = append(c.rules, "complement-clause")
			}
			return c
		}
	case si.isPrep(k) && k+1 < si.n && si.chunk[k+1] != 0:
		c.rel = append(c.rel, k)
		e, parts := si.npPhrase(k+1, true)
		c.obj = tokRange{k + 1, e}
		c.objParts = parts
		c.agent = c.passive && si.low[k] == "by"
		c.kind += "-vp"
		k = e
	default:
		// V W* P for light verbs and copulas: "was an increase to", "is the capital of"
		if (lightVerbs[headLow] || beForms[headLow] || si.bareNounPrep(k)) && k < si.n && si.chunk[k] != 0 {
			m := k
			for m < si.n && m-k < 6 && (si.inNP[m] >= 0 || si.tags[m] == "RB") {
				m++
			}
			if m > k && si.isPrep(m) && m+1 < si.n && si.chunk[m+1] != 0 && si.low[m] != "by" {
				for x := k; x <= m; x++ {
					c.rel = append(c.rel, x)
				}
				e, parts := si.npPhrase(m+1, true)
				c.obj = tokRange{m + 1, e}
				c.objParts = parts
				c.kind += "-vwp"
				c.rules = append(c.rules, "reverb-vwp")
				k = e
				break
			}
		}
		if k < si.n && si.chunk[k] != 0 {
			e, parts := si.npPhrase(k, true)
			c.obj = tokRange{k, e}
			c.objParts = parts
			k = e
			// "told reporters that ...": a speech frame after the object
			if saidVerbs[headLow] && k < si.n && si.low[k] == "that" {
				if ce := si.clauseEnd(k + 1); ce > k+1 {
					c.speech = tokRange{k + 1, ce}
				}
			}
			// second object: "gave him the book"
			if k < si.n && si.chunk[k] != 0 && si.tags[k-1] == "PRP" {
				e2, _ := si.npPhrase(k, false)
				c.extra = append(c.extra, tokRange{k, e2})
				k = e2
			}
		} else if k+1 < si.n && si.tags[k] == ":" && si.low[k] != "-" && si.chunk[k+1] != 0 {
			// "include : A , B and C"
			e, parts := si.npPhrase(k+1, true)
			c.obj = tokRange{k + 1, e}
			c.objParts = parts
			c.kind += "-colon"
			k = e
		} else if k < si.n && (ieAdjTag(si.tags[k]) || (si.tags[k] == "RB" && k+1 < si.n && ieAdjTag(si.tags[k+1]))) {
			e := k
			for e < si.n && e-k < 8 && (ieAdjTag(si.tags[e]) || si.tags[e] == "RB" ||
				(si.tags[e] == "CC" && e+1 < si.n && ieAdjTag(si.tags[e+1])) || (si.tags[e] == "," && e+1 < si.n && ieAdjTag(si.tags[e+1]))) {
				e++
			}
			c.obj = tokRange{k, e}
			c.kind += "-adj"
			k = e
		} else if k < si.n && subordinators[si.low[k]] || k < si.n && (si.low[k] == "when" || si.low[k] == "after" ||
			si.low[k] == "before" || si.low[k] == "until" || si.low[k] == "since") && si.tags[k] != "TO" && !si.isPrep(k) {
			// "awoke when a meteorite hit the Earth": the adverbial clause is the argument
			e := k + 1
			for e < si.n && e-k < 25 && si.tags[e] != "," && si.tags[e] != "." && si.tags[e] != ":" {
				e++
			}
			if e > k+1 && si.low[k] != "that" && si.low[k] != "than" && si.low[k] != "so" {
				c.obj = tokRange{k, e}
				c.clausal = true
				c.kind = "intrans-clause"
				return c
			}
			c.kind = "intrans"
		} else {
			c.kind = "intrans"
		}
	}
	// a participial modifier belongs to the object: "benefits paid under the plans"
	if !c.obj.Empty() && c.obj.To == k && k < si.n && (si.tags[k] == "VBN" || si.tags[k] == "VBG") &&
		si.group[k] != 0 && si.group[k]-k == 1 {
		e := k + 1
		if e < si.n && si.chunk[e] != 0 {
			e, _ = si.npPhrase(e, false)
		}
		for _, pp := range si.ppChain(e, 2) {
			e = pp.To
		}
		c.objExt = e // lines mode only: graph nodes stay noun phrases
		c.rules = append(c.rules, "object-participle")
		k = e
	}
	pps := si.ppChain(k, 4)
	if c.obj.Empty() && len(pps) > 0 {
		c.obj = pps[0]
		c.kind = "intrans-pp"
		pps = pps[1:]
	}
	// object relative clause: "the army that Charles was raising" → Charles | was raising | the army
	if c.obj.Empty() && len(pps) == 0 && c.kind == "intrans" && c.subj.From >= 2 {
		w := c.subj.From - 1
		if (si.tags[w] == "WDT" || si.low[w] == "that" || si.low[w] == "whom") && si.inNP[w-1] >= 0 &&
			!ieVerbTag(si.tags[w-1]) && !si.soThat(w) {
			c.obj = tokRange{si.leftNP(w - 1), w}
			c.kind = "object-relative"
			c.rules = append(c.rules, "object-relative-clause")
		}
	}
	if c.obj.Empty() && len(pps) == 0 {
		// lines mode: a one-argument extraction never matches a gold tuple
		// with two, so give it the rest of the clause ("went | out")
		e := k
		for e < si.n && e-k < 12 && si.tags[e] != "," && si.tags[e] != "." && si.tags[e] != ":" &&
			!(si.tags[e] == "CC" && e+1 < si.n && si.group[e+1] != 0) {
			e++
		}
		if e > k {
			c.objExt = e
			c.objExtFrom = k
		}
	}
	c.extra = append(c.extra, pps...)
	if len(pps) > 0 {
		c.rules = append(c.rules, "nary-pp")
	}
	return c
}

// hasVerbAfter reports whether a verb group starts at j or right after an
// NP phrase at j (a clause "Y met Z" follows).
func (si *sentInfo) hasVerbAfter(j int) bool {
	for j < si.n && j < len(si.group) && (si.tags[j] == "RB" || si.tags[j] == "MD") && si.group[j] == 0 {
		j++
	}
	if j < si.n && si.group[j] != 0 {
		return true
	}
	if pps := si.ppChain(j, 2); len(pps) > 0 {
		j = pps[len(pps)-1].To
		return j < si.n && si.group[j] != 0
	}
	return false
}

// skipPPs returns the position after any prepositional phrases at k.
func (si *sentInfo) skipPPs(k int) int {
	for _, pp := range si.ppChain(k, 3) {
		k = pp.To
	}
	if k < si.n && si.tags[k] == "," {
		k++
	}
	return k
}

// clauseAfter reports whether a reported clause starts at k, possibly after
// PPs: "said on Monday that ...", "said Y met Z".
func (si *sentInfo) clauseAfter(k int) bool {
	k = si.skipPPs(k)
	if k >= si.n {
		return false
	}
	if si.low[k] == "that" || si.tags[k] == "``" || (si.tags[k] == ":" && si.low[k] != "-") {
		return true
	}
	return si.chunk[k] != 0 && si.hasVerbAfter(si.ofChain(k))
}

// clauseEndsAfterPPs reports whether only PPs and final punctuation follow k.
func (si *sentInfo) clauseEndsAfterPPs(k int) bool {
	for _, pp := range si.ppChain(k, 3) {
		k = pp.To
	}
	return k >= si.n || si.tags[k] == "." || si.tags[k] == "," || si.tags[k] == "''"
}

// leadingAdverbial returns a sentence-initial PP or time phrase closed by a
// comma: "In 1957 ,", "On Monday ,", "Earlier this year ,".
func (si *sentInfo) leadingAdverbial() tokRange {
	k := 0
	if k < si.n && (si.tags[k] == "RB" || si.tags[k] == "RBR") {
		k++
	}
	if k < si.n && si.isPrep(k) {
		k++
	}
	if k >= si.n || si.chunk[k] == 0 {
		return tokRange{}
	}
	e, _ := si.npPhrase(k, false)
	for _, pp := range si.ppChain(e, 2) {
		e = pp.To
	}
	if e < si.n && si.tags[e] == "," && e <= 10 {
		return tokRange{0, e}
	}
	return tokRange{}
}

// end returns the token index just past the extraction's last argument.
func (c *cand) end() int {
	e := c.obj.To
	for _, x := range c.extra {
		if x.To > e {
			e = x.To
		}
	}
	if c.objExt > e {
		e = c.objExt
	}
	if len(c.rel) > 0 && c.rel[len(c.rel)-1]+1 > e {
		e = c.rel[len(c.rel)-1] + 1
	}
	return e
}

// groupAt returns the end of the verb group starting at i, 0 when none
// (or when i is outside the sentence).
func (si *sentInfo) groupAt(i int) int {
	if i < 0 || i >= si.n {
		return 0
	}
	return si.group[i]
}

// soThat reports whether the "that" at w closes a "so/such ... that" result
// clause rather than opening a relative clause.
func (si *sentInfo) soThat(w int) bool {
	for k := w - 1; k >= 0 && w-k <= 8; k-- {
		if si.low[k] == "so" || si.low[k] == "such" {
			return true
		}
	}
	return false
}

// finiteAt reports whether the verb group starting at i opens with a finite
// verb or a modal ("endorsed", "has", "will"), not an infinitive or a
// participle.
func (si *sentInfo) finiteAt(i int) bool {
	switch si.tags[i] {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

// coordSource picks the extraction whose subject a verb group at i, opened
// by "and"/"but" with no subject of its own, shares. It is prev, except that
// a finite verb ("... and recently endorsed B") skips the non-finite and
// object-relative clauses in between to reach the finite verb they hang
// from: in "X emphasized the need to protect A and endorsed B" and "X
// praised the plan that Y drafted but rejected B" the subject is X.
func (si *sentInfo) coordSource(i int, prev *cand, out []*cand) *cand {
	if prev == nil || !si.finiteAt(i) {
		return prev
	}
	for k := len(out) - 1; k >= 0; k-- {
		c := out[k]
		if c.synthetic != "" || len(c.rel) == 0 || c.rel[0] >= i {
			continue
		}
		switch {
		case strings.HasPrefix(c.kind, "control") || strings.HasPrefix(c.kind, "reduced-relative"):
			continue // "to protect A", "led by A": non-finite
		case strings.HasPrefix(c.kind, "object-relative"):
			continue // "the plan that Y drafted": its own gap
		}
		return c
	}
	return prev
}

// controlNounAt reports whether an NP at k ends with a control noun right
// before an infinitive: "his intention to speak", "her plan to visit".
// Such an NP is an object, not the subject of a reported clause.
func (si *sentInfo) controlNounAt(k int) bool {
	if k >= si.n || si.chunk[k] == 0 {
		return false
	}
	e := si.chunk[k]
	return e < si.n && e+1 < si.n && si.tags[e] == "TO" && si.tags[e+1] == "VB" && kgControlNouns[si.low[e-1]]
}

// nounControl reports whether the infinitive at i complements a control
// noun that ends prev's object ("declared his intention [to speak]"). poss
// is the noun's possessor ("his", "the minister" in "the minister's plan"),
// empty when it has none.
func (si *sentInfo) nounControl(prev *cand, i int) (poss tokRange, ok bool) {
	o := prev.obj
	if o.Empty() || prev.clausal || o.To != i || !kgControlNouns[si.low[i-1]] {
		return tokRange{}, false
	}
	if si.tags[o.From] == "PRP$" {
		return tokRange{o.From, o.From + 1}, true
	}
	for k := o.From + 1; k < i-1; k++ {
		if si.tags[k] == "POS" {
			return tokRange{o.From, k}, true
		}
	}
	return tokRange{}, true
}

// relNounPreps are the prepositions that close a verb + bare noun relation
// ("initiate calls with", "impose sanctions on", "express support for").
var relNounPreps = map[string]bool{"with": true, "to": true, "on": true, "against": true, "for": true,
	"into": true, "over": true, "about": true}

// bareNounPrep reports whether a bare common-noun chunk (no determiner,
// possessive, number or name: "calls", "fresh talks") starts at k and is
// followed by a relational preposition, so that verb + noun + preposition
// is one relation phrase (ReVerb's V W* P beyond light verbs).
func (si *sentInfo) bareNounPrep(k int) bool {
	if k >= si.n || si.chunk[k] == 0 {
		return false
	}
	e := si.chunk[k]
	if e-k > 3 || e >= si.n || !relNounPreps[si.low[e]] || e+1 >= si.n || si.chunk[e+1] == 0 {
		return false
	}
	for x := k; x < e; x++ {
		switch si.tags[x] {
		case "NN", "NNS", "JJ":
		default:
			return false
		}
	}
	return strings.HasPrefix(si.tags[e-1], "NN")
}
