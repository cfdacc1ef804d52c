// Command prosebaseline is the baseline of scripts/bench/extract.sh: prose
// v3's own pipeline (prose.NewDocument) over every *.txt file under the
// given directories, with a pool of GOMAXPROCS goroutines — the same
// parallelism as kgb extract. By default the full pipeline runs
// (segmentation, tokenisation, tagging and NER); with -ner=false only the
// stages kgb itself uses (segmentation, tokenisation, tagging). It prints
// the token count and the wall time.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jdkato/prose/v3"
)

func main() {
	ner := flag.Bool("ner", true, "run prose's named-entity extraction too (false: segment+tokenize+tag only)")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: prosebaseline [-ner=false] DIR...")
		os.Exit(2)
	}
	var files []string
	for _, dir := range flag.Args() {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ".txt") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "prosebaseline:", err)
			os.Exit(1)
		}
	}
	start := time.Now()
	var tokens, entities atomic.Int64
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				b, err := os.ReadFile(f)
				if err != nil {
					fmt.Fprintln(os.Stderr, "prosebaseline:", err)
					continue
				}
				doc, err := prose.NewDocument(string(b), prose.WithExtraction(*ner))
				if err != nil {
					fmt.Fprintln(os.Stderr, "prosebaseline:", f, err)
					continue
				}
				tokens.Add(int64(len(doc.Tokens())))
				entities.Add(int64(len(doc.Entities())))
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	el := time.Since(start).Seconds()
	fmt.Printf("files %d tokens %d entities %d seconds %.3f tokens_per_s %.0f\n",
		len(files), tokens.Load(), entities.Load(), el, float64(tokens.Load())/el)
}
