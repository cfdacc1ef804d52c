package extract

import "strings"

// Inferred relations: facts a sentence states without a verb — possessives
// ("Marc 's label" → Marc has label), roles before names ("Colombian
// President Virgilio Barco" → Virgilio Barco is Colombian President),
// appositions anywhere, and place containment ("Hillsborough , North
// Carolina" → Hillsborough is in North Carolina). They carry a synthetic
// relation word and the confidence model ranks them by kind (possessives
// low). Lines mode only: they have no relation tokens for article mode's
// byte offsets.

var roleWords = map[string]bool{"president": true, "minister": true, "chancellor": true, "king": true,
	"queen": true, "prince": true, "princess": true, "senator": true, "governor": true, "general": true,
	"secretary": true, "chairman": true, "chairwoman": true, "director": true, "judge": true, "mayor": true,
	"coach": true, "leader": true, "chief": true, "executive": true, "founder": true, "editor": true,
	"spokesman": true, "spokeswoman": true, "captain": true, "ambassador": true, "professor": true,
	"bishop": true, "pope": true, "emperor": true, "manager": true, "analyst": true, "officer": true,
	"commander": true, "head": true, "author": true, "writer": true, "singer": true, "actor": true,
	"actress": true, "player": true, "economist": true, "lawyer": true, "attorney": true, "producer": true,
	"biographer": true, "guitarist": true, "drummer": true, "colonel": true, "lieutenant": true, "admiral": true,
	"sheriff": true, "rep.": true, "sen.": true, "gov.": true, "gen.": true, "member": true, "partner": true,
	"vice": true, "deputy": true, "premier": true, "president-elect": true, "representative": true}

func (si *sentInfo) pastContext() bool {
	past, present := 0, 0
	for _, t := range si.tags {
		switch t {
		case "VBD":
			past++
		case "VBZ", "VBP":
			present++
		}
	}
	return past > present
}

// inferred returns the low-confidence verbless extractions of a sentence.
func (si *sentInfo) inferred() []*cand {
	var out []*cand
	has := "has"
	be := "is"
	if si.pastContext() {
		has, be = "had", "was"
	}
	add := func(subj, obj tokRange, rel, kind string) {
		if subj.Empty() || obj.Empty() || len(out) >= 12 {
			return
		}
		out = append(out, &cand{subj: subj, obj: obj, synthetic: rel, kind: kind, rules: []string{"inferred-" + kind}})
	}
	for i := 0; i < si.n; i++ {
		end := si.chunk[i]
		if end == 0 {
			continue
		}
		// possessive: [owner] 's [thing]
		for k := i + 1; k < end-1; k++ {
			if si.tags[k] == "POS" || (si.tags[k] == "''" && si.s.Tokens[k].Text == "'") {
				st := i
				for st < k && (si.tags[st] == "DT" || si.tags[st] == "PRP$") {
					st++
				}
				add(tokRange{st, k}, tokRange{k + 1, end}, has, "possessive")
				break
			}
		}
		// role before a name: [role words] [NNP run]
		ne := end
		ns := ne
		for ns > i && strings.HasPrefix(si.tags[ns-1], "NNP") && !roleWords[si.low[ns-1]] {
			ns--
		}
		if ns < ne && ns > i {
			rs := i
			for k := i; k < ns; k++ {
				if si.tags[k] == "POS" || si.tags[k] == "DT" || si.tags[k] == "PRP$" {
					rs = k + 1
				}
			}
			role := false
			for k := rs; k < ns; k++ {
				if roleWords[si.low[k]] || si.tags[k] == "NN" {
					role = true
				}
			}
			if role && rs < ns {
				add(tokRange{ns, ne}, tokRange{rs, ns}, be, "role")
			}
		}
		// apposition: NP1 , NP2 ,|.  (NP2 a common-noun phrase)
		if end+1 < si.n && si.tags[end] == "," && si.chunk[end+1] != 0 && strings.HasPrefix(si.tags[end-1], "NNP") {
			e2, _ := si.npPhrase(end+1, false)
			if e2 < si.n && (si.tags[e2] == "," || si.tags[e2] == ".") && !strings.HasPrefix(si.tags[e2-1], "NNP") {
				add(tokRange{si.leftNP(end - 1), end}, tokRange{end + 1, e2}, be, "apposition")
			}
		}
		// place containment: NNP , NNP ,|. after a preposition, or NNP in NNP
		if i > 0 && si.isPrep(i-1) && strings.HasPrefix(si.tags[end-1], "NNP") && end+1 < si.n {
			if si.tags[end] == "," && si.chunk[end+1] != 0 && strings.HasPrefix(si.tags[si.chunk[end+1]-1], "NNP") {
				e2 := si.chunk[end+1]
				if e2 >= si.n || si.tags[e2] == "," || si.tags[e2] == "." {
					add(tokRange{i, end}, tokRange{end + 1, e2}, be+" in", "place")
				}
			}
		}
		if strings.HasPrefix(si.tags[end-1], "NNP") && end+1 < si.n && si.low[end] == "in" && si.chunk[end+1] != 0 &&
			strings.HasPrefix(si.tags[si.chunk[end+1]-1], "NNP") {
			add(tokRange{i, end}, tokRange{end + 1, si.chunk[end+1]}, be+" in", "place")
		}
		i = end - 1
	}
	return out
}
