import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import { parseModelIndex, pluginsForFamily, tokenizerInfills } from '../../../src/plugins/model-index.ts';
import { buildModelIndex, expectedModelIndex, writeModelIndex } from '../../../src/plugins/model-index-node.ts';

const registry = createBuiltinRegistry();

describe('models/index.json', () => {
  it('agrees with the model folders (run `alea models index` after adding or retraining a model)', async () => {
    const onDisk = readFileSync('models/index.json', 'utf8');
    expect(onDisk).toBe(await expectedModelIndex('models', registry));
    const index = parseModelIndex(onDisk);
    expect(index.models.length).toBeGreaterThan(0);
    const byFamily: Record<string, string[]> = { transformer: ['continue', 'infill'], vae: ['latent-synth'], flow: ['latent-synth'], gan: ['remix'] };
    for (const model of index.models) {
      expect(model.plugins, model.name).toEqual(byFamily[model.family]);
      expect(model.weightsHash, model.name).toMatch(/^[0-9a-f]{12}$/);
      // Continue models say whether Infill can run them (config.json's tokenizer `infill`)
      expect(model.infill === undefined, model.name).toBe(model.family !== 'transformer');
    }
    for (const name of ['melody-pop909', 'folk-nottingham', 'chorale-jsb']) expect(index.models.find((m) => m.name === name)?.infill, name).toBe(false);
  });

  it('marks a model trained with the fill-in marks as one Infill can run', () => {
    expect(tokenizerInfills({ tokenizer: { kind: 'remi', infill: true } })).toBe(true);
    expect(tokenizerInfills({ tokenizer: { kind: 'remi' } })).toBe(false);
    expect(tokenizerInfills({ tokenizer: { kind: 'grid', infill: 'yes' } })).toBe(false);
    expect(tokenizerInfills(null)).toBe(false);
  });

  it('lists a copied and renamed model folder under its new name, and names a broken folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alea-models-'));
    cpSync('models/folk-nottingham', join(dir, 'my-folk'), { recursive: true });
    const result = await writeModelIndex(dir, registry);
    expect(result).toMatchObject({ changed: true, models: 1 });
    const [entry] = parseModelIndex(readFileSync(join(dir, 'index.json'), 'utf8')).models;
    expect(entry).toMatchObject({ name: 'my-folk', family: 'transformer', plugins: ['continue', 'infill'] });
    expect((await writeModelIndex(dir, registry)).changed).toBe(false);

    cpSync('models/folk-nottingham', join(dir, 'broken'), { recursive: true });
    writeFileSync(join(dir, 'broken', 'config.json'), '{"family": "transformer", "dModel": 1}');
    await expect(buildModelIndex(dir, registry)).rejects.toMatchObject({ file: join(dir, 'broken') });
  });

  it('says which plugins run a family from their model params', () => {
    expect(pluginsForFamily(registry, 'transformer')).toEqual(['continue', 'infill']);
    expect(pluginsForFamily(registry, 'vae')).toEqual(['latent-synth']);
    expect(pluginsForFamily(registry, 'flow')).toEqual(['latent-synth']);
    expect(pluginsForFamily(registry, 'gan')).toEqual(['remix']);
    expect(pluginsForFamily(registry, 'no-such-family')).toEqual([]);
  });
});
