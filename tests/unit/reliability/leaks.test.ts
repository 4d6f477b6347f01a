/** Repeated continue and render calls leave no tensors and no tensor memory behind (`npm run soak`: 200 each, with heap figures). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContinueModel } from '../../../src/plugins/builtin/continue/index.ts';
import { loadFolkModel, repeatContinue, repeatRender } from '../../soak/repeat-work.ts';

describe('repeated work leaves nothing behind', () => {
  let model: ContinueModel;
  beforeAll(async () => {
    model = await loadFolkModel();
  });
  afterAll(() => model.dispose());

  it('20 continue calls: tensor count and tensor bytes back where they started', async () => {
    const figures = await repeatContinue(model, 20);
    expect(figures.tensorsAfter).toBe(figures.tensorsBefore);
    expect(figures.bytesAfter).toBe(figures.bytesBefore);
  });

  it('20 renders: no tensors made or kept', async () => {
    const figures = await repeatRender(20);
    expect(figures.tensorsAfter).toBe(figures.tensorsBefore);
  });
});
