/**
 * A vision pair: the language model and its projector (mmproj). Both files must be present and
 * usable GGUFs, the projector must be a CLIP file with a vision encoder, and it must come from
 * the same conversion (its projection width equals the language model's embedding width —
 * llama.cpp refuses a projector from another model family at load time with a vaguer message).
 */
import { readGgufHeader, type GgufHeader } from './gguf-header.ts';

export interface VisionPairInfo {
  model: GgufHeader;
  mmproj: GgufHeader;
  projectorType: string;
  embeddingLength: number;
}

export class VisionPairError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VisionPairError';
  }
}

export async function checkVisionPair(modelPath: string, mmprojPath: string | undefined): Promise<VisionPairInfo> {
  if (!mmprojPath) throw new VisionPairError(`no projector (mmproj) given for ${modelPath}: a vision model needs both files (--mmproj <file.gguf>)`);
  const model = await readGgufHeader(modelPath).catch((err: Error) => {
    throw new VisionPairError(`cannot use model ${modelPath}: ${err.message}`);
  });
  const mmproj = await readGgufHeader(mmprojPath).catch((err: Error) => {
    throw new VisionPairError(`cannot use projector (mmproj) ${mmprojPath}: ${err.message}`);
  });
  if (model.architecture === 'clip') throw new VisionPairError(`${modelPath} is a projector (mmproj), not a language model; pass it as the mmproj and the language model as the model`);
  if (mmproj.architecture !== 'clip') throw new VisionPairError(`${mmprojPath} is not a projector (mmproj): its architecture is "${mmproj.architecture}", expected "clip"`);
  if (mmproj.metadata['clip.has_vision_encoder'] !== true) throw new VisionPairError(`${mmprojPath} has no vision encoder (clip.has_vision_encoder is not true); audio-only projectors cannot see images`);
  const embd = Number(model.metadata[`${model.architecture}.embedding_length`]);
  const proj = Number(mmproj.metadata['clip.vision.projection_dim']);
  if (Number.isFinite(embd) && Number.isFinite(proj) && embd !== proj)
    throw new VisionPairError(`${mmprojPath} does not belong to ${modelPath}: it projects to width ${proj}, the model's embeddings are ${embd} wide (use the mmproj converted with this model)`);
  const projectorType = String(mmproj.metadata['clip.projector_type'] ?? mmproj.metadata['clip.vision.projector_type'] ?? 'unknown');
  return { model, mmproj, projectorType, embeddingLength: embd };
}
