import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ManifestModel } from './manager.ts';

const manifest = JSON.parse(readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8')) as { models: (ManifestModel & { repo: string })[] };

describe('models/manifest.json vision pairs', () => {
  const pairs = manifest.models.filter((m) => m.vision);
  it('lists Qwen2.5-VL 3B and 7B, Gemma 3, SmolVLM2 and MiniCPM-V, each with its projector', () => {
    for (const id of ['qwen2.5-vl-3b', 'qwen2.5-vl-7b', 'gemma-3-4b', 'smolvlm2', 'minicpm-v']) expect(pairs.some((m) => m.id.startsWith(id)), id).toBe(true);
    for (const m of pairs) {
      const p = m.mmproj!;
      expect(p.url).toBe(`https://huggingface.co/${m.repo}/resolve/main/${p.file}`);
      expect(p.quantization, m.id).toMatch(/^(F16|Q8_0|Q4_K_M|F32)$/);
      expect(typeof p.sizeBytes === 'number' && p.sizeBytes > 1e8, m.id).toBe(true);
      expect(typeof m.sizeBytes === 'number' && m.sizeBytes > 1e8, m.id).toBe(true);
      expect(['qwen2.5vl_merger', 'gemma3', 'idefics3', 'resampler', 'mlp'], m.id).toContain(p.projector);
      expect(m.quantization).toBeTruthy();
    }
  });
});
