#!/usr/bin/env bash
# Builds Latent Synth's models from scratch, logging to .cache/logs/. Run in the background:
#   nohup bash scripts/train-latent-synth-models.sh &
# 1. single notes from FluidR3 (training) and TimGM6mb (validation; a bank the model never hears)
# 2. the timbre VAE (stage 1: log-mel L1 from random weights; stage 2: the log-spectral distance the
# evaluation reports, from stage 1's weights; stage 3: plus the morph-path term; stage 4: plus the fine low-frequency term), 3. its flow prior, 4. held-out figures into the
# cards, 5. the map and presets.
# MuseScore General is never used here: it is the untouched test bank.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/logs
FLUID=${FLUID:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
TIMGM=${TIMGM:-/usr/share/sounds/sf2/TimGM6mb.sf2}
TRAIN=.cache/datasets/notes-fluidr3
VALID=.cache/datasets/notes-timgm6mb
alea() { node bin/alea.mjs "$@"; }
step() { echo "== $1 $(date -u +%H:%M:%S)"; }

step dataset
[ -f "$TRAIN/notes.json" ] || alea dataset notes --soundfont "$FLUID" --out "$TRAIN"
[ -f "$VALID/notes.json" ] || alea dataset notes --soundfont "$TIMGM" --out "$VALID"
step vae
[ -f .cache/models/timbre-vae-l1/card.json ] || alea train vae --preset timbre-vae-l1 --data "$TRAIN" --validation "$VALID" --out .cache/models/timbre-vae-l1 2> .cache/logs/train-timbre-vae-l1.log
[ -f .cache/models/timbre-vae-lsd/card.json ] || alea train vae --init .cache/models/timbre-vae-l1 --data "$TRAIN" --validation "$VALID" --out .cache/models/timbre-vae-lsd ${RESUME:+--resume} 2> .cache/logs/train-timbre-vae-lsd.log
# stage 3: two short passes with the morph-path term, each from the weights before it
[ -f .cache/models/timbre-vae-smooth1/card.json ] || alea train vae --preset timbre-vae-smooth --steps 1500 --init .cache/models/timbre-vae-lsd --data "$TRAIN" --validation "$VALID" --out .cache/models/timbre-vae-smooth1 2> .cache/logs/train-timbre-vae-smooth1.log
[ -f .cache/models/timbre-vae-smooth2/card.json ] || alea train vae --preset timbre-vae-smooth --steps 1500 --init .cache/models/timbre-vae-smooth1 --data "$TRAIN" --validation "$VALID" --out .cache/models/timbre-vae-smooth2 2> .cache/logs/train-timbre-vae-smooth2.log
# stage 4: the fine low-frequency term, so low notes keep clear harmonics
alea train vae --preset timbre-vae-fine --steps 600 --init .cache/models/timbre-vae-smooth2 --data "$TRAIN" --validation "$VALID" --out models/timbre-vae 2> .cache/logs/train-timbre-vae.log
step float16
# float16 weights only where every held-out figure stays within 1% of float32
bash scripts/quantize-model.sh timbre-vae vae --data "$VALID" --baseline-data "$TRAIN" || echo "timbre-vae stays float32"
step flow
alea train flow --vae models/timbre-vae --data "$TRAIN" --validation "$VALID" --out models/timbre-flow 2> .cache/logs/train-timbre-flow.log
MODEL_FLAG=--flow bash scripts/quantize-model.sh timbre-flow vae --model timbre-vae --data "$VALID" --baseline-data "$TRAIN" || echo "timbre-flow stays float32"
step eval
alea eval vae --model timbre-vae --data "$VALID" --baseline-data "$TRAIN" --flow timbre-flow --update-card --json > .cache/logs/eval-timbre-vae.json
step map-and-presets
npx tsx scripts/make-latent-map.ts models/timbre-vae "$TRAIN"
npx tsx scripts/make-latent-synth-presets.ts models/timbre-vae presets/latent-synth
alea models index
step done
