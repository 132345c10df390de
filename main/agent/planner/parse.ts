/**
 * English instruction → ParsedInstruction: intents with direction and degree, regions, looks,
 * fixes, things to keep or avoid, undo/redo/reset, comparatives about the previous turn, and
 * requests outside parametric retouching. Deterministic, rule-based, fast (< 1 ms typical).
 */
import { COLOUR_ADJ, DEGREES, FAMILY_WORDS, FIXES, LOOKS, REGIONS, TERMS, type Term } from './lexicon.ts';
import { detectAction, detectComparative, outOfScope } from './scope.ts';
import { geometry } from './geometry.ts';
import type { HueFamily } from '../perception/stats.ts';
import type { Adjust, Intent, ParsedInstruction, Region } from './types.ts';

const MAX_INPUT = 2000;

export function normalise(input: string): string {
  let s = input.slice(0, MAX_INPUT).toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, ' - ');
  s = s
    .replace(/\bb\s*[&/+]\s*w\b|\bblack\s*(?:&|\+|and|n|'n'|-)\s*white\b/g, ' blackwhite ')
    .replace(/\bteal\s*(?:&|\+|and|-|\/)\s*orange\b|\borange\s*(?:&|\+|and|-|\/)\s*teal\b/g, ' tealorange ')
    .replace(/\blight\s*(?:&|and|\+)\s*airy\b/g, ' highkey ')
    .replace(/\bhigh[\s-]?key\b/g, ' highkey ')
    .replace(/\blow[\s-]?key\b/g, ' lowkey ')
    .replace(/\bdark\s*(?:&|and|\+)\s*moody\b/g, ' moody ')
    .replace(/\bhdr[\s-]?ish\b/g, ' hdr ')
    .replace(/\bsalt\s*and\s*pepper\b/g, ' noise ');
  s = s
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/\b(it|that|this|what|there)'s\b/g, '$1 is')
    .replace(/'re\b/g, ' are')
    .replace(/'ll\b/g, ' will')
    .replace(/'ve\b/g, ' have')
    .replace(/'m\b/g, ' am')
    .replace(/\bdont\b/g, 'do not')
    .replace(/\bisnt\b/g, 'is not')
    .replace(/\bpls\b|\bplz\b/g, 'please')
    .replace(/\bcentre\b/g, 'center')
    .replace(/\bgrey/g, 'gray')
    .replace(/\bcolour/g, 'color')
    .replace(/\blittle bit\b/g, 'little');
  // Keep letters, digits, separators and ':' (aspect ratios); hyphens join words.
  s = s.replace(/\u2212/g, '-').replace(/(\w)-(\w)/g, '$1 $2').replace(/[^a-z0-9:.,;!?&+\-=\s]/g, ' ');
  s = s.replace(/([+-])(?!\s*\d)/g, ' ');
  s = s.replace(/(\d)\s*:\s*(\d)/g, '$1:$2');
  return s.replace(/\s+/g, ' ').trim();
}

interface Clause {
  text: string;
  /** The word that joined it to the previous clause. */
  joiner: 'start' | 'and' | 'but' | 'then' | 'punct' | 'without';
}

function splitClauses(s: string): Clause[] {
  const out: Clause[] = [];
  const re = /\s*(?:[,;!?]+|\.(?!\d)|\bbut\b|\band then\b|\bthen\b|\band\b|\balso\b|\bplus\b|\bwhile\b|\bwith\b|\bwithout\b|\bexcept(?: for)?\b|\bapart from\b)\s*/g;
  let last = 0;
  let joiner: Clause['joiner'] = 'start';
  for (const m of s.matchAll(re)) {
    const text = s.slice(last, m.index).trim();
    if (text) out.push({ text, joiner });
    const sep = m[0].trim();
    joiner = sep === 'and' || sep === 'also' || sep === 'plus' || sep === 'with' ? 'and'
      : sep === 'but' || sep === 'while' || sep.startsWith('except') || sep === 'apart from' ? 'but'
      : sep === 'without' ? 'without'
      : sep.includes('then') ? 'then' : 'punct';
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = s.slice(last).trim();
  if (tail) out.push({ text: tail, joiner });
  return out;
}

function degreeOf(text: string): number {
  for (const [re, d] of DEGREES) if (re.test(text)) return d;
  return 1;
}

const KEEP_RE = /\b(?:keep|leave|preserve|protect|retain|maintain|untouched|unchanged|as it is|as is|alone|do not (?:touch|change|affect|alter|brighten|darken|edit)|not the|except|but not)\b/;
const MORE_RE = /\b(?:more|add|adding|increase|boost|raise|up|higher|stronger|extra|bump|pump|crank|push|amp|heighten|some|lots of|a lot of|plenty of|needs?|lacks?|lacking|not enough|too little|bring out|bring up|intensify|enhance|lift|open|brighter|lighter|cleaner)\b/;
const LESS_RE = /\b(?:less|reduce|decrease|lower|remove|cut|down|tone down|kill|get rid of|no|weaker|fewer|too much|minimi[sz]e|tame|drop|lose|eliminate|suppress|darker|deeper|richer|crush|recover|rescue|pull back|bring down)\b/;
const COMPLAINT_RE = /\b(?:too|is|are|was|were|looks?|seems?|feels?|appears?|came out|overly|got|gets|bit|way)\s*(?:\w+\s+){0,2}$/;
const TARGET_RE = /\b(?:make|go|turn|want|keep|give|more|get it)\b/;
const NEGATE_RE = /\b(?:do not|not|never|no need to|stop)\s+(?:make\s+(?:it|this|the \w+)\s+)?(?:\w+\s+)?$/;
const RELATIVE_RE = /\b(?:not so|not as|less|not that|a bit less|a little less|slightly less|much less)\s+$/;
const RECOVER_RE = /\b(?:recover|rescue|bring back|tame|fix|save|restore|open up|open)\b/;

const TERMS_G: [Term, RegExp][] = TERMS.map((t) => [t, new RegExp(t.re.source, 'g')]);

interface Hit {
  term: Term;
  index: number;
  end: number;
}

function findTerms(text: string): Hit[] {
  const hits: Hit[] = [];
  TERMS_G.forEach(([term, re]) => {
    for (const m of text.matchAll(re)) hits.push({ term, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  });
  // Non-overlapping, earliest first; at a tie the longer (then earlier-listed) wins.
  hits.sort((a, b) => a.index - b.index || b.end - b.index - (a.end - a.index));
  const out: Hit[] = [];
  let until = -1;
  for (const h of hits) {
    if (h.index < until) continue;
    out.push(h);
    until = h.end;
  }
  return out;
}

function firstMatch<T>(text: string, table: [RegExp, T][]): { value: T; index: number; length: number } | null {
  let best: { value: T; index: number; length: number } | null = null;
  for (const [re, value] of table) {
    const m = text.match(re);
    if (m && (best === null || (m.index ?? 0) < best.index)) best = { value, index: m.index ?? 0, length: m[0].length };
  }
  return best;
}

function blank(text: string, index: number, length: number): string {
  return text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
}

const NEIGHBOURS: Record<HueFamily, [HueFamily, HueFamily]> = {
  red: ['magenta', 'orange'],
  orange: ['red', 'yellow'],
  yellow: ['orange', 'green'],
  green: ['yellow', 'aqua'],
  aqua: ['green', 'blue'],
  blue: ['aqua', 'purple'],
  purple: ['blue', 'magenta'],
  magenta: ['purple', 'red'],
};

interface ClauseResult {
  intents: Intent[];
  keep: Region[];
  avoid: { adjust: Adjust; sign: 1 | -1 }[];
  region?: Region;
  bareAdjectives: boolean;
}

function parseClause(clause: Clause, inherited: Region | undefined): ClauseResult {
  let text = ` ${clause.text} `;
  const res: ClauseResult = { intents: [], keep: [], avoid: [], bareAdjectives: false };
  const degree = degreeOf(text);
  // Looks and fixes first: their words are not read again as qualities.
  for (const [re, look] of LOOKS) {
    const m = text.match(re);
    if (m) {
      res.intents.push({ kind: 'look', look, degree, text: clause.text });
      text = blank(text, m.index ?? 0, m[0].length);
    }
  }
  for (const [re, fix] of FIXES) {
    const m = text.match(re);
    if (m) {
      res.intents.push({ kind: 'fix', fix, degree, text: clause.text });
      text = blank(text, m.index ?? 0, m[0].length);
    }
  }
  const geo = geometry(text, clause.text);
  if (geo) {
    res.intents.push(geo.intent);
    text = blank(text, geo.index, geo.length);
  }
  const reset = text.match(/\b(?:remove|no|get rid of|take off|turn off|disable|drop|kill|lose|undo|without)(?: the| any| that)? (vignett(?:e|ing)|grain|crop(?:ping)?|blackwhite|monochrome)\b|\b(?:back to|bring back the|in) colou?r(?: again)?\b/);
  if (reset) {
    const what = reset[1] ?? 'blackwhite';
    const adjust = what.startsWith('vignett') ? 'vignette' : what === 'grain' ? 'grain' : what.startsWith('crop') ? 'crop' : 'bw';
    res.intents.push({ kind: 'reset-effect', adjust, text: clause.text });
    text = blank(text, reset.index ?? 0, reset[0].length);
    // "remove the black and white" must not also read as the B&W look.
    if (adjust === 'bw') res.intents = res.intents.filter((i) => !(i.kind === 'look' && i.look === 'bw'));
  }
  // Region, possibly as something to keep.
  const reg = firstMatch(text, REGIONS);
  let region: Region | undefined;
  if (reg) {
    const before = text.slice(0, reg.index);
    if (KEEP_RE.test(before) || clause.joiner === 'without') res.keep.push(reg.value);
    else region = reg.value;
    text = blank(text, reg.index, reg.length);
  }
  const fam = firstMatch(text, FAMILY_WORDS);
  if (fam) text = blank(text, fam.index, fam.length);
  const hits = dedupe(findTerms(text));
  const amount = explicitAmount(text);
  if (clause.joiner === 'but' && reg && hits.length === 0 && res.intents.length === 0 && region) {
    // "brighten everything but the sky": a bare region after "but/except" is an exception.
    res.keep.push(region);
    region = undefined;
  }
  if (!region && inherited && clause.joiner === 'and' && hits.length > 0 && !/^\s*(?:add|increase|reduce|make|boost|raise|lower|decrease|give|apply|use|remove|put)\b/.test(text)) {
    region = inherited;
  }
  res.region = region;
  // "+1 EV" alone: exposure.
  if (hits.length === 0 && res.intents.length === 0 && amount && /\d\s*(?:ev|stops?|f ?stops?)\b/.test(text)) {
    res.intents.push({ kind: 'adjust', adjust: 'exposure', sign: amount.value >= 0 ? 1 : -1, degree, region, amount: { value: amount.value, absolute: false }, text: clause.text });
    return res;
  }
  // Region verbs without a quality: "recover the highlights", "open up the shadows", "tone down
  // the highlights", "boost the shadows".
  if (hits.length === 0 && region && (region === 'highlights' || region === 'shadows')) {
    const sign = RECOVER_RE.test(text) ? (region === 'highlights' ? -1 : 1) : LESS_RE.test(text) ? -1 : MORE_RE.test(text) ? 1 : 0;
    if (sign) {
      res.intents.push({ kind: 'adjust', adjust: 'exposure', sign, degree, region, text: clause.text });
      return res;
    }
  }
  // Whites/blacks nouns take their direction from exposure words next to them ("deeper blacks").
  const endNoun = hits.find((h) => h.term.form === 'noun' && (h.term.adjust === 'whites' || h.term.adjust === 'blacks'));
  const consumed = new Set<Hit>();
  let prevEnd = 0;
  for (const h of hits) {
    if (consumed.has(h)) continue;
    const before = text.slice(prevEnd, h.index);
    const after = text.slice(h.end, hits[hits.indexOf(h) + 1]?.index ?? text.length);
    prevEnd = h.end;
    const term = h.term;
    if (endNoun && h !== endNoun && term.adjust === 'exposure' && term.form !== 'noun') {
      consumed.add(h);
      continue;
    }
    let sign: 1 | -1 = term.sign;
    let relative = false;
    if (/\b(?:do not|never|without) (?:change|touch|alter|affect|mess with)(?: the| any)?\s*$/.test(before)) {
      res.avoid.push({ adjust: term.adjust, sign: 1 }, { adjust: term.adjust, sign: -1 });
      continue;
    }
    if (NEGATE_RE.test(before) && !/\b(?:not (?:so|as|enough|that)|do not (?:touch|change))\b/.test(before + ' ' + after)) {
      res.avoid.push({ adjust: term.adjust, sign: term.form === 'adj' && /\btoo\s+$/.test(before) ? sign : sign });
      continue;
    }
    if (term.form === 'noun') {
      const ctx = `${before} ${after}`;
      let dir: 1 | -1 = 1;
      if (/\btoo much\b/.test(before) || (LESS_RE.test(ctx) && !MORE_RE.test(before.slice(-20)))) dir = -1;
      if (/\b(?:not enough|too little|lacks?|lacking|needs? more)\b/.test(ctx)) dir = 1;
      if (endNoun === h) {
        const expo = hits.find((o) => o !== h && o.term.adjust === 'exposure' && o.term.form !== 'noun');
        if (expo) dir = expo.term.sign;
        else if (/\b(?:deeper|darker|richer|crush|crushed|denser)\b/.test(ctx)) dir = -1;
      }
      sign = (term.sign * dir) as 1 | -1;
    } else if (term.form === 'adj' || term.form === 'cmp') {
      if (RELATIVE_RE.test(before)) {
        sign = (-sign) as 1 | -1;
        relative = true;
      } else if (term.form === 'adj' && /\bnot\s+$/.test(before) && /^\s*enough\b/.test(after)) {
        // "not warm enough": more.
      } else if (term.form === 'adj' && COMPLAINT_RE.test(before) && !TARGET_RE.test(before)) {
        sign = (-sign) as 1 | -1;
      }
    }
    const made = toIntents(term.adjust, sign, degree, region, relative, fam?.value, text, clause.text);
    if (amount && made.length === 1 && made[0].kind === 'adjust') {
      const a = amount.absolute ? amount.value : Math.abs(amount.value) * (amount.signed ? Math.sign(amount.value) : sign);
      made[0].amount = { value: a, absolute: amount.absolute };
      if (!amount.absolute) made[0].sign = a >= 0 ? 1 : -1;
    }
    res.intents.push(...made);
  }
  res.bareAdjectives = hits.length > 0 && hits.every((h) => h.term.form !== 'noun');
  // A colour family with no quality word: "the greens" + "more yellow" was handled; "boost the blues" → saturation.
  if (fam && !res.intents.some((i) => i.kind === 'colour')) {
    const hueTarget = firstMatch(text, COLOUR_ADJ);
    const sign: 1 | -1 = LESS_RE.test(text) ? -1 : 1;
    if (hueTarget && hueTarget.value !== fam.value) res.intents.push(hueShift(fam.value, hueTarget.value, degree, clause.text));
    else if (MORE_RE.test(text) || LESS_RE.test(text) || /\b(?:pop|vivid|saturat)/.test(text))
      res.intents.push({ kind: 'colour', family: fam.value, channel: 'saturation', sign, degree, text: clause.text });
  }
  return res;
}

/** Several words for one quality in a clause ("colours less intense"): the non-noun one carries the direction. */
function dedupe(hits: Hit[]): Hit[] {
  return hits.filter((h) => h.term.form !== 'noun' || !hits.some((o) => o !== h && o.term.adjust === h.term.adjust && o.term.form !== 'noun'));
}

/** "+1 EV", "by 2 stops", "by 10", "to 20", "at -15". */
function explicitAmount(text: string): { value: number; absolute: boolean; signed: boolean } | null {
  const ev = text.match(/([+-]?)\s*(\d+(?:\.\d+)?)\s*(?:ev|stops?|f ?stops?)\b/);
  if (ev) return { value: Number(`${ev[1] || ''}${ev[2]}`), absolute: false, signed: ev[1] !== '' };
  const to = text.match(/\b(?:to|at|=)\s*([+-]?\d+(?:\.\d+)?)\b(?!\s*:)/);
  if (to) return { value: Number(to[1]), absolute: true, signed: true };
  const by = text.match(/\bby\s*([+-]?\d+(?:\.\d+)?)\b|(?:^|\s)([+-]\d+(?:\.\d+)?)\b/);
  if (by) {
    const v = by[1] ?? by[2];
    return { value: Number(v), absolute: false, signed: /^[+-]/.test(v) };
  }
  return null;
}

function hueShift(family: HueFamily, target: HueFamily, degree: number, text: string): Intent {
  const [prev] = NEIGHBOURS[family];
  return { kind: 'colour', family, channel: 'hue', sign: target === prev ? -1 : 1, degree, text };
}

/** A quality word, resolved against a colour family or a region. */
function toIntents(adjust: Adjust, sign: 1 | -1, degree: number, region: Region | undefined, relative: boolean, family: HueFamily | undefined, text: string, raw: string): Intent[] {
  if (family) {
    if (adjust === 'exposure') return [{ kind: 'colour', family, channel: 'luminance', sign, degree, text: raw }];
    if (adjust === 'saturation' || adjust === 'vibrance' || adjust === 'pop') return [{ kind: 'colour', family, channel: 'saturation', sign, degree, text: raw }];
    if (adjust === 'temperature' || adjust === 'tint') {
      const target = firstMatch(text, COLOUR_ADJ);
      if (target && target.value !== family) return [hueShift(family, target.value, degree, raw)];
      return [{ kind: 'colour', family, channel: 'saturation', sign: 1, degree, text: raw }];
    }
  }
  // "bluer sky", "greener grass": colour words on a colour-bearing region mean that colour, richer.
  if ((adjust === 'temperature' || adjust === 'tint') && (region === 'sky' || region === 'water' || region === 'foliage')) {
    const target = firstMatch(text, COLOUR_ADJ);
    if (target) {
      const deeper: Intent = { kind: 'colour', family: target.value, channel: 'saturation', sign: 1, degree, text: raw };
      if (region === 'sky' && target.value === 'blue') return [deeper, { kind: 'colour', family: 'blue', channel: 'luminance', sign: -1, degree: degree * 0.5, text: raw }];
      return [deeper];
    }
  }
  return [{ kind: 'adjust', adjust, sign, degree, region, relative: relative || undefined, text: raw }];
}

export function parseInstruction(input: string): ParsedInstruction {
  const text = normalise(input);
  const parsed: ParsedInstruction = { text, intents: [], keep: [], avoid: [], outOfScope: [] };
  if (!text) return parsed;
  const action = detectAction(text);
  if (action) {
    parsed.action = action;
    return parsed;
  }
  let inherited: Region | undefined;
  for (const clause of splitClauses(text)) {
    const oos = outOfScope(clause.text);
    if (oos) {
      parsed.outOfScope.push(oos);
      parsed.intents.push(...oos.nearest);
      continue;
    }
    const res = parseClause(clause, inherited);
    if (res.intents.length === 0 && res.keep.length === 0 && res.avoid.length === 0) {
      const factor = detectComparative(clause.text);
      if (factor !== null) {
        parsed.comparative = { factor, text: clause.text };
        continue;
      }
    }
    parsed.intents.push(...res.intents);
    parsed.keep.push(...res.keep.filter((r) => !parsed.keep.includes(r)));
    parsed.avoid.push(...res.avoid);
    inherited = res.region ?? (res.intents.length ? undefined : inherited);
  }
  return parsed;
}
