/**
 * The critic ("generalist reward"): writes the criteria an edit should meet — from the
 * instruction's intents plus general quality — weights them, scores each from measurements
 * of the before and after previews, and returns the weighted score with the breakdown.
 */
import { perceiveFull, type Perception } from '../perception/facts.ts';
import type { Preview, RgbImage } from '../perception/image.ts';
import { parseInstruction } from '../planner/parse.ts';
import type { ParsedInstruction } from '../planner/types.ts';
import { intentCriteria, type Criterion } from './criteria.ts';
import { qualityCriteria } from './quality.ts';

export type { Criterion };

export interface CriticResult {
  /** Weighted mean of the criteria, 0..1. */
  score: number;
  criteria: Criterion[];
  summary: string;
}

export interface CriticInput {
  instruction: string;
  /** The parsed instruction when the caller has it (saves a parse; the planner's own reading). */
  parsed?: ParsedInstruction;
  /** The before preview, or its perception (reuse it across candidates). */
  before: RgbImage | Preview | Perception;
  after: RgbImage | Preview | Perception;
}

function asPerception(x: RgbImage | Preview | Perception, needTilt: boolean, needRegions: boolean): Perception {
  if ('facts' in x && 'planes' in x) return x;
  return perceiveFull(x, { skipTilt: !needTilt, skipRegions: !needRegions });
}

export function critique(input: CriticInput): CriticResult {
  const parsed = input.parsed ?? parseInstruction(input.instruction);
  const needTilt = parsed.intents.some((i) => i.kind === 'fix' && i.fix === 'straighten');
  const before = asPerception(input.before, needTilt, true);
  const after = asPerception(input.after, needTilt, false);
  const aligned = before.planes.width === after.planes.width && before.planes.height === after.planes.height;
  const pair = { before, after, aligned };
  const criteria = [...intentCriteria(parsed, pair), ...qualityCriteria(parsed, pair)].map((c) => ({
    ...c,
    score: Math.round(Math.max(0, Math.min(1, c.score)) * 1000) / 1000,
  }));
  let sw = 0, s = 0;
  for (const c of criteria) {
    sw += c.weight;
    s += c.weight * c.score;
  }
  const score = sw > 0 ? Math.round((s / sw) * 1000) / 1000 : 0;
  return { score, criteria, summary: summarise(score, criteria, aligned) };
}

function summarise(score: number, criteria: Criterion[], aligned: boolean): string {
  const sorted = [...criteria].sort((a, b) => b.weight * (1 - b.score) - a.weight * (1 - a.score));
  const weak = sorted.filter((c) => c.score < 0.7).slice(0, 2);
  const asked = criteria.filter((c) => c.weight >= 2);
  const verdict = score >= 0.85 ? 'Good' : score >= 0.7 ? 'Acceptable' : score >= 0.5 ? 'Weak' : 'Poor';
  const parts = [`${verdict} (${score.toFixed(2)}).`];
  if (asked.length) parts.push(asked.map((c) => `${c.name}: ${c.note}`).join('; ') + '.');
  if (weak.length) parts.push(`Weakest: ${weak.map((c) => `${c.name} (${c.score.toFixed(2)}: ${c.note})`).join('; ')}.`);
  if (!aligned) parts.push('Geometry changed, so region criteria were skipped.');
  return parts.join(' ');
}
