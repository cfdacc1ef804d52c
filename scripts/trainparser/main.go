// Command trainparser trains kgb's PTB tagger and dependency parser on UD
// English EWT and writes the models that package extract/syntax embeds.
// Deterministic: the same data and flags give the same model bytes.
//
//	go run ./scripts/trainparser -ud ../shared/corpora/ud-ewt -out extract/syntax/model
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/kgb-dev/kgb/extract/syntax"
)

func main() {
	ud := flag.String("ud", "../shared/corpora/ud-ewt", "UD English EWT directory")
	out := flag.String("out", "extract/syntax/model", "output directory")
	folds := flag.Int("folds", 5, "jackknife folds for the parser's training tags")
	tagEpochs := flag.Int("tag-epochs", 10, "tagger epochs")
	parseEpochs := flag.Int("parse-epochs", 15, "parser epochs")
	limit := flag.Int("limit", 0, "use only the first N training sentences (development)")
	seed := flag.Int64("seed", 1, "random seed")
	minUpd := flag.Int("min-upd", 3, "drop parser features updated fewer times")
	workers := flag.Int("workers", 2, "parallel tagger trainings")
	verbose := flag.Bool("v", false, "print dev scores after every parser epoch")
	taggerOnly := flag.Bool("tagger-only", false, "train the tagger on train, print its dev accuracy, write nothing")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuprof != "" {
		f, err := os.Create(*cpuprof)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	log.SetFlags(0)
	start := time.Now()

	train := mustRead(filepath.Join(*ud, "en_ewt-ud-train.conllu"))
	dev := mustRead(filepath.Join(*ud, "en_ewt-ud-dev.conllu"))
	if *limit > 0 && *limit < len(train) {
		train = train[:*limit]
	}
	log.Printf("train %d sentences, dev %d", len(train), len(dev))

	topt := syntax.TaggerTrainOptions{Epochs: *tagEpochs, Seed: *seed}
	if *taggerOnly {
		tg := syntax.TrainTagger(train, topt)
		var e syntax.Eval
		for _, s := range dev {
			e.Add(s, tg.Tag(s.Form, nil), &syntax.Tree{})
		}
		log.Printf("tagger: dev xpos %.2f (%s)", e.Scores().XPOS, time.Since(start).Round(time.Second))
		return
	}
	// Jackknifed tags: fold k is tagged by a tagger trained on the others.
	jack := make([][]string, len(train))
	var wg sync.WaitGroup
	sem := make(chan struct{}, *workers)
	for k := 0; k < *folds; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var rest []*syntax.Sentence
			for i, s := range train {
				if i%*folds != k {
					rest = append(rest, s)
				}
			}
			tg := syntax.TrainTagger(rest, topt)
			for i, s := range train {
				if i%*folds == k {
					jack[i] = tg.Tag(s.Form, nil)
				}
			}
		}(k)
	}
	var full *syntax.Tagger
	wg.Add(1)
	go func() {
		defer wg.Done()
		sem <- struct{}{}
		defer func() { <-sem }()
		full = syntax.TrainTagger(train, topt)
	}()
	wg.Wait()
	var jeval syntax.Eval
	ptrain := make([]*syntax.Sentence, len(train))
	for i, s := range train {
		c := *s
		c.XPOS = jack[i]
		ptrain[i] = &c
		jeval.Add(s, jack[i], &syntax.Tree{})
	}
	log.Printf("tagger: jackknifed train xpos %.2f (%s)", jeval.Scores().XPOS, time.Since(start).Round(time.Second))
	devTags := make([][]string, len(dev))
	for i, s := range dev {
		devTags[i] = full.Tag(s.Form, nil)
	}

	evalDev := func(p *syntax.Parser) syntax.Scores {
		var e syntax.Eval
		var t syntax.Tree
		for i, s := range dev {
			p.Parse(s.Form, devTags[i], &t)
			e.Add(s, devTags[i], &t)
		}
		return e.Scores()
	}
	popt := syntax.ParserTrainOptions{Epochs: *parseEpochs, Seed: *seed, MinUpd: int32(*minUpd)}
	if *verbose {
		popt.Progress = func(ep int, p *syntax.Parser) {
			sc := evalDev(p)
			log.Printf("epoch %2d  dev UAS %.2f LAS %.2f las_full %.2f (%s)", ep, sc.UAS, sc.LAS, sc.LASFull, time.Since(start).Round(time.Second))
		}
	}
	parser := syntax.TrainParser(ptrain, popt)
	sc := evalDev(parser)
	f, w := parser.Size()
	log.Printf("parser: %d features, %d weights", f, w)
	log.Printf("dev: UAS %.2f LAS %.2f las_full %.2f xpos %.2f", sc.UAS, sc.LAS, sc.LASFull, sc.XPOS)

	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var tb, pb bytes.Buffer
	if _, err := full.WriteTo(&tb); err != nil {
		log.Fatal(err)
	}
	if _, err := parser.WriteTo(&pb); err != nil {
		log.Fatal(err)
	}
	mustWrite(filepath.Join(*out, "tagger.bin"), tb.Bytes())
	mustWrite(filepath.Join(*out, "parser.bin"), pb.Bytes())
	// Re-read the written models and score dev again: the recorded figures
	// are those of the bytes on disk.
	tg2, err := syntax.ReadTagger(bytes.NewReader(tb.Bytes()))
	if err != nil {
		log.Fatal(err)
	}
	p2, err := syntax.ReadParser(bytes.NewReader(pb.Bytes()))
	if err != nil {
		log.Fatal(err)
	}
	var e syntax.Eval
	var t syntax.Tree
	for _, s := range dev {
		tags := tg2.Tag(s.Form, nil)
		p2.Parse(s.Form, tags, &t)
		e.Add(s, tags, &t)
	}
	rec := struct {
		Treebank string `json:"treebank"`
		Split    string `json:"split"`
		syntax.Scores
		TrainSentences int   `json:"train_sentences"`
		Folds          int   `json:"folds"`
		TagEpochs      int   `json:"tag_epochs"`
		ParseEpochs    int   `json:"parse_epochs"`
		Seed           int64 `json:"seed"`
	}{"UD_English-EWT", "dev", e.Scores(), len(train), *folds, *tagEpochs, *parseEpochs, *seed}
	js, _ := json.MarshalIndent(rec, "", "  ")
	mustWrite(filepath.Join(*out, "dev.json"), append(js, '\n'))
	log.Printf("wrote %s: tagger %d bytes, parser %d bytes; dev %s; %s, %d CPUs", *out, tb.Len(), pb.Len(), js, time.Since(start).Round(time.Second), runtime.GOMAXPROCS(0))
}

func mustRead(path string) []*syntax.Sentence {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	s, err := syntax.ReadCoNLLU(f)
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	return s
}

func mustWrite(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
	_ = fmt.Sprint
}
