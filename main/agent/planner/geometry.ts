/** Geometry requests: crop to an aspect ratio, quarter-turn rotations, flips. */
import type { Intent } from './types.ts';

export function geometry(text: string, raw: string): { intent: Intent; index: number; length: number } | null {
  const ratio = text.match(/\bcrop(?: it| this| the (?:photo|image))?(?: to| into| as| at)?(?: a| an)? (\d+(?:\.\d+)?)\s*(?::|x|by|\/|to)\s*(\d+(?:\.\d+)?)\b/);
  if (ratio) {
    const a = Number(ratio[1]) / Number(ratio[2]);
    if (a > 0.1 && a < 10) return { intent: { kind: 'crop', aspect: a, text: raw }, index: ratio.index ?? 0, length: ratio[0].length };
  }
  const named = text.match(/\b(?:crop(?: it| this)?(?: to| into| as)?(?: a)? |make it )(square|instagram|portrait|widescreen|panoramic|panorama|cinema(?:scope)?)\b/);
  if (named) {
    const aspect = { square: 1, instagram: 4 / 5, portrait: 4 / 5, widescreen: 16 / 9, panoramic: 3, panorama: 3, cinema: 2.39, cinemascope: 2.39 }[named[1]] ?? 1;
    return { intent: { kind: 'crop', aspect, text: raw }, index: named.index ?? 0, length: named[0].length };
  }
  const rot = text.match(/\b(?:rotate|turn)(?: it| this| the (?:photo|image|picture))?(?: by)?(?: 90(?: degrees)?)? ?(left|right|clockwise|counter ?clockwise|anti ?clockwise|ccw|cw|180(?: degrees)?|upside down|90(?: degrees)?)\b/);
  if (rot) {
    const w = rot[1];
    const q = /^(?:left|counter|anti|ccw)/.test(w) ? 3 : /^(?:180|upside)/.test(w) ? 2 : 1;
    return { intent: { kind: 'rotate', quarterTurns: q, text: raw }, index: rot.index ?? 0, length: rot[0].length };
  }
  const flip = text.match(/\b(?:flip|mirror)(?: it| this| the (?:photo|image|picture))?(?: (horizontally|vertically|left to right|upside down|top to bottom))?\b/);
  if (flip) {
    const v = flip[1] && /vertical|upside|top/.test(flip[1]);
    return { intent: { kind: 'flip', axis: v ? 'v' : 'h', text: raw }, index: flip.index ?? 0, length: flip[0].length };
  }
  return null;
}
