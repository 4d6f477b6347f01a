/**
 * Repeated continue, morph, remix and render calls leave no tensors, no tensor memory and no live
 * Tone.js nodes behind (`npm run soak`: 200 each, with heap figures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderModelResolver } from '../../../src/cli/model-resolver.ts';
import type { ContinueModel } from '../../../src/plugins/builtin/continue/index.ts';
import {
  loadFolkModel,
  loadMorphModels,
  remixModels,
  repeatContinue,
  repeatMorph,
  repeatRemix,
  repeatRender,
  repeatToneRender,
  type MorphModels,
} from '../../soak/repeat-work.ts';

describe('repeated work leaves nothing behind', () => {
  let model: ContinueModel;
  let morphModels: MorphModels;
  let remix: FolderModelResolver;
  beforeAll(async () => {
    model = await loadFolkModel();
    morphModels = await loadMorphModels();
    remix = remixModels();
  });
  afterAll(async () => {
    model.dispose();
    morphModels.dispose();
    await remix.dispose();
  });

  it('20 continue calls: tensor count and tensor bytes back where they started', async () => {
    const figures = await repeatContinue(model, 20);
    expect(figures.tensorsAfter).toBe(figures.tensorsBefore);
    expect(figures.bytesAfter).toBe(figures.bytesBefore);
  });

  it('5 morphs (encode, score, render): tensor count and bytes back where they started', async () => {
    const figures = await repeatMorph(morphModels, 5);
    expect(figures.tensorsAfter).toBe(figures.tensorsBefore);
    expect(figures.bytesAfter).toBe(figures.bytesBefore);
  });

  it('5 remixes through the Remix plugin: tensor count and bytes back where they started', async () => {
    const figures = await repeatRemix(remix, 5);
    expect(figures.tensorsAfter).toBe(figures.tensorsBefore);
    expect(figures.bytesAfter).toBe(figures.bytesBefore);
  });

  it('20 renders: no tensors made or kept', async () => {
    const figures = await repeatRender(20);
    expect(figures.tensorsAfter).toBe(figures.tensorsBefore);
  });

  it('3 renders through the Tone.js graph: no Tone node left undisposed, no render kept reachable', async () => {
    const figures = await repeatToneRender(3);
    expect(figures.toneNodesBefore).toBe(0); // Tone.Offline left its context's own 8 nodes a render
    expect(figures.toneNodesAfter).toBe(0);
    // Tone's Solo kept a set per offline context, and with it the render's whole graph and audio
    expect(figures.toneContextsHeldAfter).toBe(figures.toneContextsHeldBefore);
  });
});
