#!/usr/bin/env bash
# Trains the three shipped Continue models one after another (both cores each), logging to
# .cache/logs/. Run in the background: nohup bash scripts/train-continue-models.sh &
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/logs
for preset in ${PRESETS:-chorale-jsb folk-nottingham melody-pop909}; do
  echo "== $preset $(date -u +%H:%M:%S)"
  node bin/alea.mjs train transformer --preset "$preset" --out "models/$preset" --workers 2 ${RESUME:+--resume} \
    > ".cache/logs/train-$preset.out" 2> ".cache/logs/train-$preset.log"
  cat ".cache/logs/train-$preset.out"
done
echo "== done $(date -u +%H:%M:%S)"
