/**
 * The built-in planner: an English instruction + the image's facts + the current settings (+ the
 * previous turn) → a reply and edit steps (absolute values, real op ids and param names), or an
 * undo/redo/reset action. No model needed. Photo metadata in the request is never read.
 */
import { applyAdjust, globalExposure, type Ctx } from './adjust.ts';
import { EditBuilder } from './builder.ts';
import { applyEnhance } from './enhance.ts';
import { applyLook, applyStraighten, applyWhiteBalanceFix } from './looks.ts';
import { regionMask } from './masks.ts';
import { clampParam, currentNumber, currentValue, defaultValue, RANGES } from './params.ts';
import { parseInstruction } from './parse.ts';
import { fixTarget } from './sizing.ts';
import type { Adjust, Intent, Plan, PlanRequest, PlanStep, Region, Settings } from './types.ts';
import type { ParamValue } from '../../../shared/develop/types.ts';

const HELP =
  'Tell me what to change, for example "brighter and a bit warmer", "fix the white balance", "recover the highlights", "make the sky deeper but keep the foreground", "black and white", "film look", "straighten", or "enhance". After an edit you can say "a bit less", "more" or "undo that".';

/** Which params an adjust moves (for relative "less warm" and for "don't make it brighter"). */
const ADJUST_PARAMS: Partial<Record<Adjust, [string, string][]>> = {
  exposure: [['tone', 'exposure']],
  contrast: [['tone', 'contrast']],
  temperature: [['whiteBalance', 'temperature']],
  tint: [['whiteBalance', 'tint']],
  saturation: [['color', 'saturation'], ['color', 'vibrance']],
  vibrance: [['color', 'vibrance']],
  clarity: [['presence', 'clarity']],
  texture: [['presence', 'texture']],
  dehaze: [['dehaze', 'amount']],
  sharpness: [['sharpening', 'amount']],
  vignette: [['vignette', 'amount']],
  grain: [['grain', 'amount']],
  highlights: [['tone', 'highlights']],
  shadows: [['tone', 'shadows']],
  whites: [['tone', 'whites']],
  blacks: [['tone', 'blacks']],
};

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36).slice(0, 6);
}

function beforeValue(prev: PlanRequest['previous'], op: string, param: string): ParamValue {
  return prev?.before ? currentValue(prev.before, op, param) : defaultValue(op, param);
}

/** Scale the previous turn's changes ("a bit less" → 0.75, "more" → 1.5). */
function scalePrevious(req: PlanRequest, factor: number, only?: Set<string>): PlanStep[] {
  const prev = req.previous;
  if (!prev) return [];
  const out: PlanStep[] = [];
  for (const s of prev.steps) {
    const params: Record<string, ParamValue> = {};
    for (const [param, v] of Object.entries(s.params)) {
      if (only && !only.has(`${s.op}.${param}`)) continue;
      if (typeof v === 'number' && (RANGES[s.op]?.[param] || s.op === 'local')) {
        const base = s.op === 'local' ? 0 : Number(beforeValue(prev, s.op, param));
        params[param] = clampParam(s.op, param, base + (v - base) * factor);
      } else if (Array.isArray(v)) {
        // Curves: blend each point's offset from the identity line.
        params[param] = (v as [number, number][]).map(([x, y]) => [x, Math.min(1, Math.max(0, Math.round((x + (y - x) * factor) * 1000) / 1000))] as const);
      } else if (typeof v === 'boolean' && factor < 0.35) params[param] = beforeValue(prev, s.op, param);
    }
    if (Object.keys(params).length) out.push({ ...s, params, reason: `${s.reason ? `${s.reason} — ` : ''}scaled ×${factor} of the last change` });
  }
  return out;
}

export function planEdit(req: PlanRequest): Plan {
  const parsed = parseInstruction(req.instruction);
  const facts = req.facts;
  if (parsed.action) {
    const reply = parsed.action.type === 'reset' ? 'Resetting to the original: all edits removed (you can still undo this).'
      : parsed.action.type === 'redo' ? 'Redoing the last undone change.'
      : parsed.action.scope === 'step' ? 'Undoing the last step.' : 'Undoing the last turn.';
    return { reply, steps: [], action: parsed.action, parsed };
  }
  if (parsed.comparative && parsed.intents.length === 0) {
    if (!req.previous || req.previous.steps.length === 0)
      return { reply: `"${parsed.comparative.text}" of what? There is no earlier edit in this conversation to scale. ${HELP}`, steps: [], parsed };
    const f = parsed.comparative.factor;
    return {
      reply: `${f < 1 ? 'Toned down' : 'Strengthened'} the last change to ${Math.round(f * 100)}% of what it was.`,
      steps: scalePrevious(req, f),
      parsed,
    };
  }
  const b = new EditBuilder(req.current);
  const notes: string[] = [];
  const seed = hash(`${req.instruction}|${req.current?.locals.length ?? 0}`);
  const ctx: Ctx = { facts, b, notes, maskId: (r: Region) => `agent-${r}-${seed}` };
  const extraSteps: PlanStep[] = [];
  for (const it of parsed.intents) applyIntent(ctx, it, req, extraSteps);
  applyKeep(ctx, parsed.keep);
  for (const a of parsed.avoid) {
    for (const [op, param] of ADJUST_PARAMS[a.adjust] ?? []) {
      if (Math.sign(b.delta(op, param)) === a.sign) {
        b.drop(op, param);
        notes.push(`left ${a.adjust} alone as asked`);
      }
    }
  }
  const steps = [...b.toSteps(), ...extraSteps];
  return { reply: composeReply(parsed, steps, notes), steps, parsed };
}

function applyIntent(ctx: Ctx, it: Intent, req: PlanRequest, extra: PlanStep[]): void {
  const { b, facts: f } = ctx;
  switch (it.kind) {
    case 'adjust': {
      if (it.relative && req.previous) {
        const keys = new Set((ADJUST_PARAMS[it.adjust] ?? []).map(([o, p]) => `${o}.${p}`));
        const prevChanged = req.previous.steps.some((s) => Object.keys(s.params).some((p) => keys.has(`${s.op}.${p}`)));
        if (prevChanged) {
          const factor = Math.max(0.1, 1 - 0.5 * it.degree);
          extra.push(...scalePrevious(req, factor, keys));
          return;
        }
      }
      // Complaints that name a fix ("too dark") aim for a balanced result, not a fixed step.
      if (it.adjust === 'exposure' && !it.region && /\btoo\b|under|over|gloomy|murky/.test(it.text)) {
        const m = f.tone.luma.p50;
        const target = fixTarget(m, it.sign, it.degree);
        if ((it.sign > 0 && target > m) || (it.sign < 0 && target < m)) {
          applyAdjustToTarget(ctx, it.sign, it.degree, target);
          return;
        }
      }
      applyAdjust(ctx, it);
      return;
    }
    case 'colour': {
      const cap = it.family[0].toUpperCase() + it.family.slice(1);
      const base = it.channel === 'hue' ? 18 : it.channel === 'saturation' ? 22 : 18;
      const a = it.sign * Math.min(100, base * it.degree);
      const share = f.colour.hues[it.family];
      b.add('hsl', `${it.channel}${cap}`, a, `${it.family} ${it.channel} ${a > 0 ? '+' : '−'}${Math.abs(Math.round(a))} (${Math.round(share * 100)}% of the image is ${it.family})`);
      if (share < 0.01) ctx.notes.push(`there is very little ${it.family} in this photo, so the change will be subtle`);
      return;
    }
    case 'look':
      applyLook(ctx, it.look, it.degree);
      return;
    case 'fix':
      if (it.fix === 'whiteBalance') applyWhiteBalanceFix(ctx, it.degree);
      else if (it.fix === 'straighten') applyStraighten(ctx);
      else if (it.fix === 'enhance') applyEnhance(ctx, it.degree);
      else applyAdjustToTarget(ctx, f.tone.luma.p50 < 0.46 ? 1 : -1, it.degree, 0.46);
      return;
    case 'crop': {
      const img = f.aspect;
      const w = it.aspect < img ? it.aspect / img : 1;
      const h = it.aspect < img ? 1 : img / it.aspect;
      b.set('crop', 'left', (1 - w) / 2, `crop to ${it.aspect.toFixed(2)}:1, centred`).set('crop', 'right', 1 - (1 - w) / 2);
      b.set('crop', 'top', (1 - h) / 2).set('crop', 'bottom', 1 - (1 - h) / 2);
      return;
    }
    case 'rotate':
      b.set('crop', 'rotate', (Math.round(currentNumber(req.current, 'crop', 'rotate')) + it.quarterTurns) % 4, `rotate ${it.quarterTurns === 3 ? '90° left' : it.quarterTurns === 2 ? '180°' : '90° right'}`);
      return;
    case 'flip': {
      const p = it.axis === 'h' ? 'flipH' : 'flipV';
      b.set('crop', p, !currentValue(req.current, 'crop', p), `flip ${it.axis === 'h' ? 'horizontally' : 'vertically'}`);
      return;
    }
    case 'reset-effect':
      if (it.adjust === 'vignette') b.set('vignette', 'amount', 0, 'vignette removed');
      else if (it.adjust === 'grain') {
        if (currentNumber(req.current, 'grain', 'amount') > 0) b.set('grain', 'amount', 0, 'grain removed');
        else applyAdjust(ctx, { kind: 'adjust', adjust: 'noise', sign: 1, degree: 1, text: it.text });
      } else if (it.adjust === 'crop') {
        for (const [p, v] of [['top', 0], ['left', 0], ['bottom', 1], ['right', 1], ['angle', 0]] as const) b.set('crop', p, v, 'crop removed');
      } else {
        b.set('blackWhite', 'enabled', false, 'back to colour');
        if (currentNumber(req.current, 'color', 'saturation') <= -100) b.set('color', 'saturation', 0);
      }
      return;
  }
}

function applyAdjustToTarget(ctx: Ctx, sign: 1 | -1, degree: number, target: number): void {
  globalExposure(ctx, sign, degree, sign > 0 ? 'too dark, brightened towards balanced' : 'too bright, darkened towards balanced', target);
}

const LOCAL_UNDO: [string, string, string, number][] = [
  ['tone', 'exposure', 'exposure', 1],
  ['tone', 'contrast', 'contrast', 1],
  ['tone', 'highlights', 'highlights', 1],
  ['tone', 'shadows', 'shadows', 1],
  ['whiteBalance', 'temperature', 'temperature', 1],
  ['whiteBalance', 'tint', 'tint', 1],
  ['color', 'saturation', 'saturation', 1],
  ['color', 'vibrance', 'saturation', 0.6],
  ['presence', 'clarity', 'clarity', 1],
  ['dehaze', 'amount', 'dehaze', 1],
];

/** "but keep the sky": undo the global changes inside the region with a local adjustment. */
function applyKeep(ctx: Ctx, keep: Region[]): void {
  const { b, facts } = ctx;
  for (const region of keep) {
    if (region === 'highlights' && b.delta('tone', 'exposure') > 0) {
      b.add('tone', 'highlights', -Math.min(60, 30 * b.delta('tone', 'exposure') + 15), 'highlights held down to keep them as they were');
      continue;
    }
    if (region === 'shadows' && b.delta('tone', 'exposure') < 0) {
      b.add('tone', 'shadows', Math.min(60, -30 * b.delta('tone', 'exposure') + 10), 'shadows held up to keep them as they were');
      continue;
    }
    const placed = regionMask(region, facts, ctx.maskId(region));
    let any = false;
    for (const [op, param, local, k] of LOCAL_UNDO) {
      const d = b.delta(op, param);
      if (d === 0) continue;
      b.addLocal(placed.mask, local, -d * k, `keeps the ${region} as it was (${placed.note})`);
      any = true;
    }
    if (!any) ctx.notes.push(`nothing I changed touches the ${region}`);
    else if (!ctx.notes.includes(placed.note)) ctx.notes.push(placed.note);
  }
}

function composeReply(parsed: Plan['parsed'], steps: PlanStep[], notes: string[]): string {
  const parts: string[] = [];
  for (const o of parsed.outOfScope) parts.push(`I can't do ${o.what}. ${o.suggestion}`);
  if (steps.length) {
    const lines = steps.map((s) => `• ${s.op === 'local' ? `local (${s.mask?.name ?? 'mask'})` : s.op}: ${s.reason}`);
    parts.push(`${parsed.outOfScope.length ? 'What I did:' : 'Here is what I changed:'}\n${lines.join('\n')}`);
  }
  const uniqueNotes = [...new Set(notes)];
  if (uniqueNotes.length) parts.push(`Note: ${uniqueNotes.join('; ')}.`);
  if (!steps.length && !parsed.outOfScope.length) {
    if (parsed.intents.length || parsed.keep.length) parts.unshift('Nothing needed changing for that.');
    else parts.push(parsed.text ? `I didn't find an edit I can make in "${parsed.text.slice(0, 80)}".` : 'Your message is empty.');
    parts.push(HELP);
  }
  return parts.join('\n');
}

export type { Settings };
