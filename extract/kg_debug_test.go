package extract

import (
	"fmt"
	"testing"
)

func TestKGDebugTmp(t *testing.T) {
	m := kgTestModel(t, KGOptions{})
	sents := analyseForKG(t, kgDocMisc)
	d := m.newDocResolver(sents).(*kgDoc)
	for si, s := range sents {
		for _, tk := range s.Tokens {
			fmt.Printf("%s/%s ", tk.Text, tk.Tag)
		}
		fmt.Println()
		for _, mt := range d.mentions[si] {
			fmt.Printf("  %+v ent=%+v\n", *mt, mt.Ent)
		}
	}
}
