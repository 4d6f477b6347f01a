/**
 * The Web Audio BiquadFilterNode's low-pass (what Tone.Filter with rolloff −12 builds), applied
 * in place (whole, or block by block). Coefficients follow the Web Audio specification, where a low-pass Q is in dB.
 */
export function lowpassInPlace(samples: Float32Array, cutoffHz: number, qDb: number, sampleRate: number): void {
  lowpassStream(cutoffHz, qDb, sampleRate)(samples);
}

/**
 * The same filter over consecutive blocks: each call filters one block in place, carrying the
 * filter's state on, so blocks give exactly the samples of one call over the whole signal.
 */
export function lowpassStream(cutoffHz: number, qDb: number, sampleRate: number): (samples: Float32Array) => void {
  const nyquist = sampleRate / 2;
  if (cutoffHz >= nyquist) return () => undefined; // the node passes everything at or above Nyquist
  const w0 = (2 * Math.PI * Math.max(1, cutoffHz)) / sampleRate;
  const alpha = Math.sin(w0) / (2 * Math.pow(10, qDb / 20));
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b0 = (1 - cos) / 2 / a0;
  const b1 = (1 - cos) / a0;
  const b2 = b0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  return (samples) => {
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      samples[i] = y;
    }
  };
}
