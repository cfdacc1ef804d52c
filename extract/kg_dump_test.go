package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestKGDumpTags(t *testing.T) {
	p := os.Getenv("KG_DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	for _, s := range analyseForKG(t, string(b)) {
		fmt.Printf("[%d] ", s.Index)
		for _, tk := range s.Tokens {
			fmt.Printf("%s/%s ", tk.Text, tk.Tag)
		}
		fmt.Println()
	}
}
