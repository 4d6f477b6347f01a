#!/bin/bash
# Stores a shipped model's weights as float16 only when its held-out figures stay within 1%:
# evaluates a float32 and a float16 copy with the same `alea eval` command and seed, then
# quantizes models/<name> and records both figure sets in its card, or leaves it float32.
#
#   bash scripts/quantize-model.sh <name> <alea eval args, without --model and --json>
#   bash scripts/quantize-model.sh chorale-jsb transformer --data ../shared/data/jsb --continuations 0
#   bash scripts/quantize-model.sh arrangement-pop909 transformer --data ../shared/data/pop909 --continuations 0
# A model evaluated through another one's command names its flag in MODEL_FLAG (default --model):
#   MODEL_FLAG=--flow bash scripts/quantize-model.sh timbre-flow vae --model timbre-vae --data … --baseline-data …
set -euo pipefail
flag=${MODEL_FLAG:---model}
name=$1; shift
work=.cache/quantize/$name
rm -rf "$work" && mkdir -p "$work"
cp -r "models/$name" "$work/f32" && cp -r "models/$name" "$work/f16"
node bin/alea.mjs models quantize "$work/f16"
for v in f32 f16; do
  echo "alea eval $* $flag $work/$v --json" >&2
  node bin/alea.mjs eval "$@" "$flag" "$work/$v" --json > "$work/$v.json"
done
npx tsx scripts/record-float16-figures.ts "$work/f16" "$work/f32.json" "$work/f16.json" "alea eval $* $flag $name --json" || exit 1
node bin/alea.mjs models quantize "models/$name"
# the folder quantized in place is the one evaluated, byte for byte
for f in $(cd "$work/f16" && ls ./*.bin model.json); do cmp "$work/f16/$f" "models/$name/$f"; done
npx tsx scripts/record-float16-figures.ts "models/$name" "$work/f32.json" "$work/f16.json" "alea eval $* $flag $name --json" --write
node bin/alea.mjs models index --dir models
