import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ggufBuffer } from '../../../test/helpers/tiny-gguf.ts';
import { tinyMmprojBuffer, writeTinyVisionPair } from '../../../test/helpers/tiny-vision-pair.ts';
import { checkVisionPair } from './pair.ts';

describe('checkVisionPair', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-pair-'));
  const pair = writeTinyVisionPair(dir);

  it('accepts the tiny pair and reports the projector and width', async () => {
    const info = await checkVisionPair(pair.model, pair.mmproj);
    expect(info).toMatchObject({ projectorType: 'mlp', embeddingLength: 64 });
    expect(info.mmproj.architecture).toBe('clip');
  });

  it('names what is wrong', async () => {
    await expect(checkVisionPair(pair.model, undefined)).rejects.toThrow(/no projector \(mmproj\) given/);
    await expect(checkVisionPair(pair.mmproj, pair.mmproj)).rejects.toThrow(/is a projector \(mmproj\), not a language model/);
    await expect(checkVisionPair(pair.model, pair.model)).rejects.toThrow(/architecture is "llama", expected "clip"/);
    const narrow = join(dir, 'narrow.gguf');
    writeFileSync(narrow, tinyMmprojBuffer({ projectionDim: 48 }));
    await expect(checkVisionPair(pair.model, narrow)).rejects.toThrow(/projects to width 48, the model's embeddings are 64 wide/);
    const audio = join(dir, 'audio.gguf');
    writeFileSync(audio, ggufBuffer([['general.architecture', { type: 'str', value: 'clip' }], ['clip.has_vision_encoder', { type: 'bool', value: false }]], [{ name: 'a.w', dims: [4] }], () => () => 0));
    await expect(checkVisionPair(pair.model, audio)).rejects.toThrow(/has no vision encoder/);
    const junk = join(dir, 'junk.gguf');
    writeFileSync(junk, 'nope');
    await expect(checkVisionPair(pair.model, junk)).rejects.toThrow(/projector \(mmproj\) .*bad magic/);
  });
});
