/**
 * The built-in planner's English vocabulary: words for qualities, regions, colour families,
 * degrees, looks and fixes. Data only; parse.ts applies it.
 */
import type { HueFamily } from '../../agent/perception/stats.ts';
import type { Adjust, FixId, LookId, Region } from './types.ts';

/**
 * How a word carries direction:
 * - 'cmp': comparative or verb, direction as given ("brighter", "brighten").
 * - 'adj': base adjective: a target ("make it warm") or, after "too"/"is"/"looks", a complaint
 *   that reverses the direction ("too warm", "it is dark").
 * - 'noun': direction from the words around it ("more contrast", "reduce the saturation").
 * - 'state': a complaint already pointing the fixing way ("underexposed" → exposure +).
 */
export type Form = 'cmp' | 'adj' | 'noun' | 'state';

export interface Term {
  re: RegExp;
  adjust: Adjust;
  sign: 1 | -1;
  form: Form;
}

const t = (words: string, adjust: Adjust, sign: 1 | -1, form: Form): Term => ({
  re: new RegExp(`\\b(?:${words})\\b`),
  adjust,
  sign,
  form,
});

/** Longer phrases first: the first match at a position wins. */
export const TERMS: Term[] = [
  // Exposure.
  t('under ?exposed|too dim|gloomy|murky', 'exposure', 1, 'state'),
  t('over ?exposed|blown out|burnt out|burned out|blown|clipped|clipping|burnt|burned', 'exposure', -1, 'state'),
  t('under ?expose|expose (?:it |this )?(?:less|darker)', 'exposure', -1, 'cmp'),
  t('over ?expose|expose (?:it |this )?(?:more|brighter)', 'exposure', 1, 'cmp'),
  t('brighter|lighter|brighten(?: up)?|lighten(?: up)?|light up|lift(?: it| the image| everything)?(?: up)?|raise the exposure|increase the exposure|brighter overall', 'exposure', 1, 'cmp'),
  t('darker|dimmer|darken|dim down|deepen|lower the exposure|reduce the exposure|crush', 'exposure', -1, 'cmp'),
  t('bright|luminous', 'exposure', 1, 'adj'),
  t('dark|dim', 'exposure', -1, 'adj'),
  t('exposure|brightness|light(?:ness)?|luminosity', 'exposure', 1, 'noun'),
  // Contrast and pop.
  t('make (?:the |its |all the )?colou?rs pop|colou?rs pop', 'vibrance', 1, 'cmp'),
  t('punchier|more punch|make it pop|pop more|more pop', 'pop', 1, 'cmp'),
  t('punchy|poppy', 'pop', 1, 'adj'),
  t('pop|punch|impact', 'pop', 1, 'noun'),
  t('washed out|lifeless|lackluster|lacklustre|dull|boring|bland', 'pop', 1, 'state'),
  t('contrastier|more contrasty', 'contrast', 1, 'cmp'),
  t('flatter|softer contrast', 'contrast', -1, 'cmp'),
  t('contrasty|harsh', 'contrast', 1, 'adj'),
  t('flat', 'contrast', -1, 'adj'),
  t('contrast', 'contrast', 1, 'noun'),
  t('whites?|white point', 'whites', 1, 'noun'),
  t('blacks?|black point', 'blacks', 1, 'noun'),
  // Colour temperature and tint.
  t('warmer|warm (?:it |this |things |the image |the photo )?up|more golden|more yellow|yellower|more orange|oranger', 'temperature', 1, 'cmp'),
  t('cooler|colder|cool (?:it |this |things |the image |the photo )?down|bluer|more blue|icier', 'temperature', -1, 'cmp'),
  t('warm|golden|sunny', 'temperature', 1, 'adj'),
  t('cool|cold|icy|blue|bluish', 'temperature', -1, 'adj'),
  t('yellow|yellowish|orange|orangey', 'temperature', 1, 'adj'),
  t('warmth|temperature', 'temperature', 1, 'noun'),
  t('greener|more green', 'tint', -1, 'cmp'),
  t('pinker|more pink|more magenta|more purple', 'tint', 1, 'cmp'),
  t('green|greenish', 'tint', -1, 'adj'),
  t('magenta|pink|pinkish|purple|purplish', 'tint', 1, 'adj'),
  t('tint', 'tint', 1, 'noun'),
  // Colour intensity.
  t('over ?saturated|garish|radioactive|cartoonish', 'saturation', -1, 'state'),
  t('colou?rless|drab', 'saturation', 1, 'state'),
  t('more saturated|more colou?rful|saturate|boost the colou?rs?|richer colou?rs?|more vivid|more intense', 'saturation', 1, 'cmp'),
  t('desaturate|less saturated|less colou?rful|mute(?: the colou?rs)?|tone down the colou?rs?|less intense', 'saturation', -1, 'cmp'),
  t('saturated|colou?rful|vivid|intense|rich', 'saturation', 1, 'adj'),
  t('muted|subdued', 'saturation', -1, 'adj'),
  t('saturation|colou?rs?|chroma', 'saturation', 1, 'noun'),
  t('more vibrant', 'vibrance', 1, 'cmp'),
  t('vibrant', 'vibrance', 1, 'adj'),
  t('vibrance', 'vibrance', 1, 'noun'),
  // Detail.
  t('crisper|clearer|more defined|more definition|grittier|bring out|pull out', 'clarity', 1, 'cmp'),
  t('crisp|gritty', 'clarity', 1, 'adj'),
  t('clarity|definition|local contrast|structure', 'clarity', 1, 'noun'),
  t('smoother|smooth out|smooth|soften|softer', 'texture', -1, 'cmp'),
  t('soft', 'texture', -1, 'adj'),
  t('texture|details?', 'texture', 1, 'noun'),
  t('hazy|foggy|misty|milky', 'dehaze', 1, 'state'),
  t('dehaze|cut through the haze|remove (?:the )?haze', 'dehaze', 1, 'cmp'),
  t('hazier|foggier|mistier|dreamier|add (?:some )?haze|add (?:some )?fog', 'dehaze', -1, 'cmp'),
  t('dreamy|ethereal', 'dehaze', -1, 'adj'),
  t('haze|fog|mist', 'dehaze', -1, 'noun'),
  t('blurry|out of focus|unsharp|not sharp|fuzzy', 'sharpness', 1, 'state'),
  t('sharper|sharpen|more sharpening', 'sharpness', 1, 'cmp'),
  t('sharp', 'sharpness', 1, 'adj'),
  t('sharpness|sharpening|acutance', 'sharpness', 1, 'noun'),
  t('noisy|grainy|speckled|speckly', 'noise', 1, 'state'),
  t('denoise|de-noise|clean up the noise|clean it up|cleaner', 'noise', 1, 'cmp'),
  // "less noise" = more noise reduction: the noun's direction is inverted in parse.ts.
  t('noise reduction', 'noise', 1, 'noun'),
  t('noise|luminance noise|colou?r noise|chroma noise', 'noise', -1, 'noun'),
  t('grain|film grain', 'grain', 1, 'noun'),
  t('vignett(?:e|ing)', 'vignette', 1, 'noun'),
  t('faded|fade|matte', 'fade', 1, 'noun'),
];

/** Region words (first match in the clause wins; 'keep' handling is in parse.ts). */
export const REGIONS: [RegExp, Region][] = [
  [/\b(?:the )?(?:sky|skies|clouds?|heavens)\b/, 'sky'],
  [/\b(?:skin(?: tones?)?|complexion)\b/, 'skin'],
  [/\b(?:faces?|the person|people|the model|the subject|subjects?|main subject|portrait|him|her|them|centre|center|middle)\b/, 'subject'],
  [/\b(?:fore ?ground|the ground|land|landscape below|bottom of the frame)\b/, 'foreground'],
  [/\b(?:back ?ground|behind (?:him|her|them|the subject))\b/, 'background'],
  [/\b(?:trees?|foliage|leaves|greenery|grass|forest|plants?|vegetation|lawn)\b/, 'foliage'],
  [/\b(?:water|sea|ocean|lake|river|waves?)\b/, 'water'],
  [/\b(?:shadows?|dark (?:areas|parts|tones|bits)|darks|lowlights|shadow areas)\b/, 'shadows'],
  [/\b(?:mid ?tones|mids)\b/, 'midtones'],
  [/\b(?:highlights?|bright (?:areas|parts|tones|bits)|brights|hot ?spots)\b/, 'highlights'],
  [/\b(?:edges|corners|borders|sides of the frame|periphery)\b/, 'edges'],
  [/\b(?:top|upper (?:part|half|third|area)|upper)\b/, 'top'],
  [/\b(?:bottom|lower (?:part|half|third|area)|lower)\b/, 'bottom'],
  [/\b(?:left(?: side| half| part| third)?|on the left)\b/, 'left'],
  [/\b(?:the right|right side|right half|right part|right third|on the right)\b/, 'right'],
];

export const FAMILY_WORDS: [RegExp, HueFamily][] = [
  [/\breds?\b/, 'red'],
  [/\boranges\b|\borange (?:tones|colou?rs|hues)\b/, 'orange'],
  [/\byellows\b|\byellow (?:tones|colou?rs|hues)\b/, 'yellow'],
  [/\bgreens\b|\bgreen (?:tones|colou?rs|hues)\b/, 'green'],
  [/\b(?:aquas|cyans|teals|aqua (?:tones|colou?rs)|cyan (?:tones|colou?rs))\b/, 'aqua'],
  [/\bblues\b|\bblue (?:tones|colou?rs|hues)\b/, 'blue'],
  [/\b(?:purples|violets|purple (?:tones|colou?rs))\b/, 'purple'],
  [/\b(?:magentas|pinks|magenta (?:tones|colou?rs)|pink (?:tones|colou?rs))\b/, 'magenta'],
];

/** Colour adjectives usable as hue targets ("make the greens more yellow"). */
export const COLOUR_ADJ: [RegExp, HueFamily][] = [
  [/\bred(?:der)?\b/, 'red'],
  [/\borange\b/, 'orange'],
  [/\byellow(?:er)?\b/, 'yellow'],
  [/\bgreen(?:er)?\b/, 'green'],
  [/\b(?:aqua|cyan|teal)\b/, 'aqua'],
  [/\bblue(?:r)?\b/, 'blue'],
  [/\b(?:purple|violet)\b/, 'purple'],
  [/\b(?:magenta|pink)\b/, 'magenta'],
];

/** Degree words, strongest-specific first; the default degree is 1. */
export const DEGREES: [RegExp, number][] = [
  [/\b(?:way|far|much|waaa*y|so much) too\b/, 2],
  [/\b(?:a bit|a little|slightly|a tad|just a little|somewhat|kind of|kinda) too\b/, 0.6],
  [/\b(?:extremely|massively|hugely|drastically|dramatically|insanely|super|a ton|tons|enormously|radically|totally)\b/, 2],
  [/\b(?:a touch|a tiny bit|tiny bit|a hair|a smidge|a smidgen|barely|very slightly|ever so slightly|just a little|a wee bit|the slightest|a teeny bit)\b/, 0.3],
  [/\b(?:slightly|a bit|a little|a tad|somewhat|subtly|gently|mildly|lightly|marginally|bit|little|a little bit|moderately|kind of|kinda)\b/, 0.5],
  [/\b(?:much|a lot|lots|way|significantly|considerably|really|very|strongly|heavily|seriously|quite a bit|noticeably|substantially|a great deal|far|plenty|properly)\b/, 1.6],
];

export const LOOKS: [RegExp, LookId][] = [
  [/\b(?:blackwhite|monochrome|mono|greyscale|grayscale|noir|bnw|no colou?rs?|colou?rless look)\b/, 'bw'],
  [/\bsepia\b/, 'sepia'],
  [/\b(?:teal ?orange|teal and orange|orange and teal|cinematic|movie look|blockbuster|hollywood)\b/, 'cinematic'],
  [/\b(?:film|analog(?:ue)?|kodak|portra|fuji(?:film)?|ektar|cinestill|35 ?mm)\b/, 'film'],
  [/\b(?:matte|faded|fade(?: it| the blacks)?|washed look)\b/, 'matte'],
  [/\b(?:moody|moodier|brooding|somber|sombre)\b/, 'moody'],
  [/\b(?:vintage|retro|old photo|nostalgic|old school|seventies|70s|1970s|aged)\b/, 'vintage'],
  [/\b(?:highkey|airy|bright and clean)\b/, 'highKey'],
  [/\b(?:lowkey|chiaroscuro)\b/, 'lowKey'],
  [/\b(?:pastel|pastels|soft colou?rs)\b/, 'pastel'],
  [/\b(?:hdr|hdr ?ish|tone ?mapped|high dynamic range)\b/, 'hdr'],
  [/\b(?:dramatic|more drama|epic)\b/, 'dramatic'],
  [/\b(?:natural|realistic|true to life)(?: look)?\b/, 'natural'],
];

export const FIXES: [RegExp, FixId][] = [
  [
    /\b(?:(?:fix|correct|neutrali[sz]e|repair|adjust|balance|auto)(?: the)? (?:white ?balance|wb|colou?r cast|cast|colou?r balance|colou?rs?)|white ?balance|(?:remove|get rid of|kill)(?: the| this)? (?:colou?r )?cast|(?:neutral|correct|accurate|true|right) colou?rs|colou?rs (?:are|look|seem) (?:off|wrong|weird|strange)|colou?r cast|neutral(?:i[sz]e)?|wb)\b/,
    'whiteBalance',
  ],
  [/\b(?:(?:fix|correct|auto|balance|repair)(?: the)? exposure|properly exposed|correct(?:ly)? exposed|auto ?tone|exposure is off)\b/, 'exposure'],
  [
    /\b(?:straighten(?: it| the horizon| up)?|level(?: the horizon| it)|horizon is (?:crooked|tilted|wonky|off|not (?:level|straight))|(?:crooked|tilted|wonky|slanted) (?:horizon|photo|image|picture)?|it is (?:crooked|tilted|wonky)|not level|not straight|fix the (?:horizon|tilt)|horizon)\b/,
    'straighten',
  ],
  [
    /\b(?:enhance|auto ?enhance|auto(?:matic)?(?: fix| edit| adjust)?|improve(?: it| this| the (?:photo|image|picture))?|make (?:it|this|the (?:photo|image|picture)) (?:look )?(?:better|good|great|nice|nicer|beautiful|pretty|amazing|stunning|professional|pro)|fix (?:it|this|everything|the (?:photo|image|picture))|touch (?:it )?up|retouch(?: it)?|polish(?: it)?|optimi[sz]e|clean (?:it|this) up|do your (?:best|thing|magic)|magic|just fix)\b/,
    'enhance',
  ],
];
