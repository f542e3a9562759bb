#!/usr/bin/env bash
# Trains a class archive for the CLI jar with one short self-contained run (embedded broker, generator
# and processor: `paypulse run --events 20000 --rate 0`) and prints, as its last line, the JVM options
# that use it. What the archive holds depends on the JVM:
#   Java 17-24: an AppCDS dynamic archive (-XX:ArchiveClassesAtExit): classes parsed, verified, laid out.
#   Java 25+:   an AOT cache (-XX:AOTCacheOutput, JEP 483/514/515): classes loaded and linked, plus
#               the training run's method profiles, so the JIT starts from them.
#   bash packaging/warmup/train.sh JAVA JAR OUT_PREFIX      # writes OUT_PREFIX.jsa or OUT_PREFIX.aot
# TRAIN_ARGS replaces the training command (ClassArchiveIT trains on `--version`, in a second).
# An archive only fits the JVM build and the jar (path, size, mtime) it was trained with: retrain when
# either changes. The options printed keep a misfit archive from failing a start or printing a warning.
set -euo pipefail
java=$1 jar=$2 prefix=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/paypulse-train.XXXXXX")
trap 'rm -rf "$work"' EXIT
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
mkdir -p "$(dirname "$prefix")"
if ((feature >= 25)); then
  archive=$prefix.aot
  train_opts=(-XX:AOTCacheOutput="$archive")
  use="-XX:AOTCache=$archive -Xlog:aot*=off -Xlog:cds*=off"  # AOTCache refuses any -Xshare; it is optional by default
else
  archive=$prefix.jsa
  train_opts=(-XX:ArchiveClassesAtExit="$archive")
  use="-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds*=off"
fi
rm -f "$archive"
# XDG_*: the run keeps its broker data and CSV files in the temporary folder.
# -Xlog:cds*=off: the dump lists every class it skips (picocli's Java 5 classes, generated accessors).
read -r -a train_args <<< "${TRAIN_ARGS:-run --events 20000 --rate 0 --seed 7}"
if ! XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config "$java" "${train_opts[@]}" -Xlog:cds*=off \
     -jar "$jar" "${train_args[@]}" > "$work/train.log" 2>&1 || [[ ! -s $archive ]]; then
  tail -30 "$work/train.log" >&2
  echo "train.sh: the training run did not write $archive" >&2
  exit 1
fi
echo "$use"
