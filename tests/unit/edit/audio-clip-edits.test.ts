import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  audioClipAt,
  audioClipsEnd,
  deleteAudioClip,
  duplicateAudioClip,
  moveAudioClip,
  splitAudioClip,
  trimAudioClip,
} from '../../../src/engine/edit/audio-clip-edits.ts';
import type { AudioClip } from '../../../src/engine/project.ts';

const clip = (startSeconds: number, offsetSeconds: number, lengthSeconds: number): AudioClip => ({ source: 's', startSeconds, offsetSeconds, lengthSeconds, gainDb: 0 });
const SOURCE = 4; // seconds of audio in the source

describe('audio clips', () => {
  it('moves a clip and overwrites the part of another under it (its offset follows)', () => {
    const clips = [clip(0, 0, 2), clip(3, 0, 2)];
    const { clips: moved, index } = moveAudioClip(clips, 1, 1);
    expect(moved).toEqual([clip(0, 0, 1), clip(1, 0, 2)]);
    expect(index).toBe(1);
    const middle = moveAudioClip([clip(0, 0, 4), clip(10, 0, 1)], 1, 1.5).clips;
    expect(middle).toEqual([clip(0, 0, 1.5), clip(1.5, 0, 1), clip(2.5, 2.5, 1.5)]);
  });

  it('trims within the source and the neighbours', () => {
    const clips = [clip(1, 1, 2), clip(5, 0, 1)];
    expect(trimAudioClip(clips, 0, 'start', 0, SOURCE).clips[0]).toEqual(clip(0, 0, 3)); // the source starts 1 s earlier
    expect(trimAudioClip(clips, 0, 'start', -5, SOURCE).clips[0]).toEqual(clip(0, 0, 3));
    expect(trimAudioClip(clips, 0, 'end', 10, SOURCE).clips[0]).toEqual(clip(1, 1, 3)); // the source ends at 4 s
    expect(trimAudioClip(clips, 0, 'end', 2, SOURCE).clips[0]).toEqual(clip(1, 1, 1));
    expect(trimAudioClip([clip(0, 0, 4), clip(2.5, 0, 1)], 0, 'end', 3.5, SOURCE).clips[0].lengthSeconds).toBe(2.5);
  });

  it('splits, duplicates, deletes and finds clips', () => {
    const split = splitAudioClip([clip(1, 0.5, 2)], 0, 2);
    expect(split.clips).toEqual([clip(1, 0.5, 1), clip(2, 1.5, 1)]);
    expect(splitAudioClip([clip(1, 0, 2)], 0, 1).clips).toEqual([clip(1, 0, 2)]);
    expect(duplicateAudioClip([clip(1, 0, 2)], 0).clips).toEqual([clip(1, 0, 2), clip(3, 0, 2)]);
    expect(deleteAudioClip([clip(1, 0, 2)], 0)).toEqual([]);
    expect(audioClipAt(split.clips, 2.5)).toBe(1);
    expect(audioClipAt(split.clips, 3.5)).toBe(-1);
    expect(audioClipsEnd(split.clips)).toBe(3);
    expect(() => deleteAudioClip([], 0)).toThrow(/clip 0 does not exist/);
  });

  it('property: after any edit clips are sorted, non-overlapping and inside their source', () => {
    const op = fc.record({ kind: fc.constantFrom('move', 'start', 'end', 'split', 'dup', 'delete'), pick: fc.nat(9), at: fc.double({ min: -2, max: 12, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        let clips: AudioClip[] = [clip(0, 0, SOURCE)];
        for (const o of ops) {
          if (clips.length === 0) break;
          const i = o.pick % clips.length;
          if (o.kind === 'move') clips = moveAudioClip(clips, i, o.at).clips;
          else if (o.kind === 'start' || o.kind === 'end') clips = trimAudioClip(clips, i, o.kind, o.at, SOURCE).clips;
          else if (o.kind === 'split') clips = splitAudioClip(clips, i, o.at).clips;
          else if (o.kind === 'dup') clips = duplicateAudioClip(clips, i).clips;
          else clips = deleteAudioClip(clips, i);
          clips.forEach((c, k) => {
            expect(c.startSeconds).toBeGreaterThanOrEqual(0);
            expect(c.lengthSeconds).toBeGreaterThan(0);
            expect(c.offsetSeconds).toBeGreaterThanOrEqual(-1e-9);
            expect(c.offsetSeconds + c.lengthSeconds).toBeLessThanOrEqual(SOURCE + 1e-9);
            if (k > 0) expect(c.startSeconds).toBeGreaterThanOrEqual(clips[k - 1].startSeconds + clips[k - 1].lengthSeconds - 1e-9);
          });
        }
      }),
    );
  });
});
