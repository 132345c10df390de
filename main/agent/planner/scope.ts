/**
 * Requests outside parametric retouching (generative or geometric edits of content), and
 * whole-instruction actions (undo, redo, reset) and comparatives ("a bit less"). Pure.
 */
import type { Intent, OutOfScope, PlanAction } from './types.ts';

const PARAMETRIC_OBJECTS =
  'noise|grain|haze|fog|cast|colou?r cast|vignett(?:e|ing)|colou?rs?|tint|blue|yellow|green|magenta|saturation|contrast|shadows?|highlights?|crop|cropping|blackwhite|black and white|edits?|changes|effects?|filter|look|warmth|exposure|brightness|sharpening|last step|orange|red|glare';

interface ScopeRule {
  re: RegExp;
  what: (m: RegExpMatchArray) => string;
  suggestion: string;
  nearest?: Intent[];
}

const adj = (adjust: Extract<Intent, { kind: 'adjust' }>['adjust'], sign: 1 | -1, degree: number, region?: Extract<Intent, { kind: 'adjust' }>['region']): Intent => ({
  kind: 'adjust',
  adjust,
  sign,
  degree,
  region,
  text: 'nearest parametric help',
});

const RULES: ScopeRule[] = [
  {
    re: /\b(?:blur|defocus)(?: out)? the (?:back ?ground|background)|\bbokeh\b|\bshallow depth of field\b|\bportrait mode\b/,
    what: () => 'a real background blur (it needs depth, which a parametric edit does not have)',
    suggestion: 'I softened the background instead with a local adjustment (less sharpness and clarity outside the subject), which suggests depth without repainting pixels.',
    nearest: [adj('sharpness', -1, 1.5, 'background'), adj('clarity', -1, 1, 'background')],
  },
  {
    re: new RegExp(
      `\\b(?:remove|erase|delete|get rid of|take out|clone out|edit out|photoshop out|cut out|paint out|heal)(?: the| that| this| a| an| all| those| these)? (?!(?:${PARAMETRIC_OBJECTS}|the|that|this|a|an|all|those|these|some|any)\\b)([a-z]+(?: [a-z]+)?)`,
    ),
    what: (m) => `removing ${m[1]}`,
    suggestion:
      'Tonewright edits tones and colours; it does not repaint or remove content. I can make something draw less attention — for example "darken the left side" or "desaturate the background" — if you tell me where it is.',
  },
  {
    re: /\b(?:add|insert|put|paint|draw|place|generate)(?: in)?(?: a| an| some| the)? (rainbow|sun(?:set|rise|shine)?|moon|stars?|birds?|person|people|text|caption|watermark|logo|snow|rain|fireworks|clouds?|(?:lens )?flare|reflections?|animals?|dog|cat|border|frame|sparkles?|lightning|aurora)\b/,
    what: (m) => `adding ${m[1]}`,
    suggestion: 'I cannot add objects or light that is not in the photo.',
  },
  {
    re: /\b(?:replace|swap|change|switch) (?:the |her |his |their )?(sky|background|face|clothes|outfit|hair(?: colou?r)?|eyes?|season|weather)\b/,
    what: (m) => `replacing the ${m[1]}`,
    suggestion: 'I cannot replace content, only adjust what is there (for a sky: exposure, contrast, colour and haze in a sky mask).',
  },
  {
    re: /\bmake (?:him|her|them|me|the (?:person|man|woman|model|people)) (?:smile|look (?:younger|older|thinner|slimmer|happier)|thinner|slimmer|younger|older|taller)|\bwhiten (?:the |her |his )?teeth\b|\bred ?eyes?\b|\bopen (?:her|his|their) eyes\b|\bchange (?:her|his|their) expression\b|\bface ?swap\b/,
    what: () => 'changing a person’s appearance',
    suggestion: 'I do not reshape or repaint people. I can smooth skin texture or brighten a face with a local adjustment ("soften the skin", "brighten the subject").',
  },
  {
    re: /\b(?:upscale|up-?res|enlarge|super ?resolution|increase (?:the )?resolution|higher resolution|more megapixels|4k|8k)\b/,
    what: () => 'upscaling',
    suggestion: 'Resolution is set at export (the export dialog resizes). I can add a little sharpening for a crisper look ("sharper").',
  },
  {
    re: /\b(?:turn|make|convert|transform)(?: it| this| the (?:photo|image|picture))? (?:into|look like) (?:a |an )?(painting|cartoon|anime|sketch|drawing|watercolou?r|oil painting|comic|pixar|3d render)|\bin the style of\b|\bvan gogh\b|\bghibli\b/,
    what: (m) => `turning the photo into ${m[1] ? `a ${m[1]}` : 'another artist’s style'}`,
    suggestion: 'Style transfer repaints the image, which I do not do. Parametric looks are available: film, matte, vintage, cinematic, black and white, pastel.',
  },
  {
    re: /\bcolou?ri[sz]e\b|\badd colou?r to (?:this|the|a) (?:black and white|blackwhite|b&w|monochrome)/,
    what: () => 'colourising',
    suggestion: 'I cannot invent colours; I can tone a monochrome photo instead ("sepia").',
  },
  {
    re: /\b(?:extend|expand|uncrop|outpaint|zoom out|widen the frame|fill in the corners)\b/,
    what: () => 'extending the frame',
    suggestion: 'I cannot create pixels beyond the edges; I can crop or straighten within them.',
  },
  {
    re: /\b(?:day to night|make it (?:night|nighttime|daytime|winter|summer|autumn|spring)|change the season)\b/,
    what: () => 'changing the time of day or season',
    suggestion: 'That needs repainting. The nearest parametric move for night is darker and cooler ("low key and cooler").',
  },
];

/** Nearest help that fits some additions ("add a sunset" → warmer highlights). */
const ADD_NEAREST: Record<string, { intents: Intent[]; words: string }> = {
  rainbow: { intents: [adj('saturation', 1, 1, 'sky')], words: 'I boosted the colour in the sky instead.' },
  sun: { intents: [adj('temperature', 1, 1), adj('exposure', 1, 0.5, 'highlights')], words: 'I warmed the light and lifted the highlights for a sunnier feel.' },
  sunset: { intents: [adj('temperature', 1, 1.6), adj('saturation', 1, 0.6)], words: 'I gave it warmer, richer sunset colour instead.' },
  sunrise: { intents: [adj('temperature', 1, 1.2), adj('tint', 1, 0.5)], words: 'I gave it warmer, rosier light instead.' },
  sunshine: { intents: [adj('temperature', 1, 1), adj('exposure', 1, 0.5)], words: 'I made it warmer and brighter instead.' },
  clouds: { intents: [adj('dehaze', 1, 1, 'sky'), adj('contrast', 1, 1, 'sky')], words: 'I brought out the clouds that are there (more contrast and less haze in the sky).' },
  cloud: { intents: [adj('dehaze', 1, 1, 'sky'), adj('contrast', 1, 1, 'sky')], words: 'I brought out the clouds that are there (more contrast and less haze in the sky).' },
  sky: { intents: [adj('exposure', -1, 0.6, 'sky'), adj('dehaze', 1, 1, 'sky')], words: 'I made the existing sky deeper and clearer instead.' },
};

export function outOfScope(clause: string): OutOfScope | null {
  for (const rule of RULES) {
    const m = clause.match(rule.re);
    if (!m) continue;
    const key = m[1] ?? '';
    const near = ADD_NEAREST[key];
    if (near && (rule.re.source.startsWith('\\b(?:add') || rule.re.source.startsWith('\\b(?:replace'))) {
      return { what: rule.what(m), suggestion: `${rule.suggestion} ${near.words}`, nearest: near.intents };
    }
    return { what: rule.what(m), suggestion: rule.suggestion, nearest: rule.nearest ?? [] };
  }
  return null;
}

export function detectAction(text: string): PlanAction | null {
  if (
    /^(?:please )?(?:reset(?: everything| all| it| the edits?)?|start (?:over|again|from scratch)|(?:remove|clear|drop) all (?:the )?(?:edits|changes|adjustments)|back to (?:the )?original|revert (?:everything )?to (?:the )?original|undo (?:everything|all(?: the)?(?: edits| changes)?))\b/.test(
      text,
    )
  )
    return { type: 'reset' };
  if (/^(?:please )?(?:undo|remove|revert) (?:the |that )?last step\b|^(?:please )?undo (?:one|a single) step\b/.test(text)) return { type: 'undo', scope: 'step' };
  if (/^(?:please )?(?:redo|bring (?:it|that) back|re-?apply(?: it| that)?|actually (?:keep|i liked) (?:it|that))\b/.test(text)) return { type: 'redo', scope: 'turn' };
  if (
    /^(?:please |ok |oh |hmm |no |nah )?(?:undo(?: that| it| this| the last (?:edit|change|turn))?|revert(?: that| it)?|go back|take (?:that|it) back|cancel (?:that|the last (?:edit|change))|scratch that|never ?mind|nevermind|i (?:do not|dont) like (?:it|that|this)|(?:that is|that was|it is) worse|that was better before|put it back the way it was|back to (?:how it was|before))\b/.test(
      text,
    )
  )
    return { type: 'undo', scope: 'turn' };
  return null;
}

/** A bare comparative about the previous turn ("a bit less", "more", "too much"). */
export function detectComparative(clause: string): number | null {
  const c = clause.trim();
  if (/\b(?:much|a lot|way|far|lots) less\b/.test(c)) return 0.35;
  if (/\b(?:a (?:little|tiny|wee) bit|a bit|a little|slightly|a touch|a tad|bit|little) less\b/.test(c)) return 0.75;
  if (/\bhalf(?: as much| of that| that)?\b/.test(c)) return 0.5;
  if (/\b(?:way|far|much) too (?:much|strong|far|heavy|intense)\b/.test(c)) return 0.4;
  if (/\b(?:a bit|a little|slightly) too (?:much|strong|far|heavy|intense)\b/.test(c)) return 0.8;
  if (/\b(?:less|too much|too strong|too far|too heavy|too intense|overdone|over ?cooked|overkill|tone it down|dial it (?:back|down)|pull it back|back (?:it )?off|weaker|subtler|more subtle|gentler|calm it down|not so much|not as much|less of that|too heavy handed)\b/.test(c))
    return 0.6;
  if (/\b(?:much|a lot|way|even|far|lots) more\b|\bmore and more\b/.test(c)) return 1.8;
  if (/\b(?:a (?:little|tiny) bit|a bit|a little|slightly|a touch|a tad|bit|little) more\b/.test(c)) return 1.25;
  if (/\b(?:double(?: it| that)?|twice as much)\b/.test(c)) return 2;
  if (/\b(?:more|stronger|not enough|go further|push it(?: further)?|further|intensify|amp it up|crank it(?: up)?|keep going|again)\b/.test(c)) return 1.5;
  return null;
}
