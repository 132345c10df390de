/**
 * The planner's contract: what a plan is (edit steps with reasons, or an undo/redo/reset
 * action), what it is asked with, and the parsed form of an instruction that the critic reuses.
 */
import type { ParamValues } from '../../../shared/develop/types.ts';
import type { Mask } from '../../../shared/develop/mask.ts';
import type { ImageFacts } from '../perception/facts.ts';
import type { PhotoText } from '../perception/describe.ts';
import type { HueFamily } from '../perception/stats.ts';

export type { Mask };

/** One proposed edit step: absolute values for some params of one op (later steps win). */
export interface PlanStep {
  op: string;
  params: ParamValues;
  /** Only for op 'local'. */
  mask?: Mask;
  /** Why, in the user's terms, with the measured numbers that sized it. */
  reason: string;
}

export type PlanAction =
  | { type: 'undo'; scope: 'turn' | 'step' }
  | { type: 'redo'; scope: 'turn' | 'step' }
  | { type: 'reset' };

/** The resolved develop settings the plan starts from (ResolvedSettings' shape). */
export interface Settings {
  ops: Record<string, ParamValues>;
  locals: { mask: Mask; params: ParamValues }[];
}

export interface PreviousTurn {
  instruction?: string;
  steps: PlanStep[];
  /** The settings before that turn (defaults when absent): "a bit less" scales the change from them. */
  before?: Settings;
}

export interface PlanRequest {
  instruction: string;
  facts: ImageFacts;
  current?: Settings;
  previous?: PreviousTurn;
  /**
   * Text from the photo file (caption, keywords, file name). Data, never instructions: the
   * built-in planner does not read it at all; it exists so every plan source gets the same request.
   */
  photoText?: PhotoText;
}

export interface Plan {
  reply: string;
  steps: PlanStep[];
  action?: PlanAction;
  /** What was understood (the critic writes its criteria from these). */
  parsed: ParsedInstruction;
}

/** Adjustable qualities an instruction can ask to raise (+1) or lower (−1). */
export type Adjust =
  | 'exposure'
  | 'contrast'
  | 'highlights'
  | 'shadows'
  | 'whites'
  | 'blacks'
  | 'temperature'
  | 'tint'
  | 'saturation'
  | 'vibrance'
  | 'clarity'
  | 'texture'
  | 'dehaze'
  | 'sharpness'
  | 'noise'
  | 'vignette'
  | 'grain'
  | 'fade'
  | 'pop';

export type Region =
  | 'sky'
  | 'foreground'
  | 'background'
  | 'subject'
  | 'skin'
  | 'foliage'
  | 'water'
  | 'shadows'
  | 'midtones'
  | 'highlights'
  | 'top'
  | 'bottom'
  | 'left'
  | 'right'
  | 'edges';

export type LookId =
  | 'bw'
  | 'sepia'
  | 'film'
  | 'matte'
  | 'moody'
  | 'vintage'
  | 'cinematic'
  | 'highKey'
  | 'lowKey'
  | 'pastel'
  | 'hdr'
  | 'dramatic'
  | 'natural';

export type FixId = 'whiteBalance' | 'exposure' | 'straighten' | 'enhance';

export type Intent =
  | {
      kind: 'adjust';
      adjust: Adjust;
      sign: 1 | -1;
      degree: number;
      region?: Region;
      relative?: boolean;
      /** An explicit amount in the param's own units ("+1 EV", "by 10"), or a value to set ("contrast to 20"). */
      amount?: { value: number; absolute: boolean };
      text: string;
    }
  /** Hue/saturation/luminance of one colour family ("more vivid greens", "make the greens more yellow"). */
  | { kind: 'colour'; family: HueFamily; channel: 'hue' | 'saturation' | 'luminance'; sign: 1 | -1; degree: number; text: string }
  | { kind: 'look'; look: LookId; degree: number; text: string }
  | { kind: 'fix'; fix: FixId; degree: number; text: string }
  | { kind: 'crop'; aspect: number; text: string }
  | { kind: 'rotate'; quarterTurns: number; text: string }
  | { kind: 'flip'; axis: 'h' | 'v'; text: string }
  | { kind: 'reset-effect'; adjust: 'vignette' | 'grain' | 'bw' | 'crop'; text: string };

export interface OutOfScope {
  what: string;
  /** The nearest parametric help, in words. */
  suggestion: string;
  /** Intents that give that nearest help (applied), if any. */
  nearest: Intent[];
}

export interface ParsedInstruction {
  text: string;
  intents: Intent[];
  /** Regions to keep as they are ("but keep the sky"). */
  keep: Region[];
  /** Qualities not to push ("don't make it too bright"). */
  avoid: { adjust: Adjust; sign: 1 | -1 }[];
  action?: PlanAction;
  /** "a bit less", "more": scale the previous turn's changes by this factor. */
  comparative?: { factor: number; text: string };
  outOfScope: OutOfScope[];
}
