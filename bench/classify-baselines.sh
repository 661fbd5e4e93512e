#!/usr/bin/env bash
# Marsad's text classifier vs fastText and scikit-learn TF-IDF + LogisticRegression, side by side on
# the same split in one run. Installs the Debian packages if missing. The split (derived from the
# corpora) is written to a temp dir, never to the repository.
# Usage: bench/classify-baselines.sh [MODEL] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-models/marsad-text-v1.bin}
DATA=${2:-../shared/datasets/text}
OUT=$(mktemp -d /tmp/marsad-classify-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

if ! command -v fasttext >/dev/null || ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fasttext python3-sklearn
fi

echo "machine: $(nproc) cores, $(node -v), load average $(cut -d' ' -f1-3 /proc/loadavg)"
npx tsx bench/classify-export-split.ts --model "$MODEL" --data-dir "$DATA" --out "$OUT"
/usr/bin/python3 bench/classify-baselines.py "$OUT"
