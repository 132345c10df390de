/** Lightroom's marking keys: 0–5 stars, P/X/U pick/reject/unflag, 6–9 red/yellow/green/blue labels. */
export interface Mark {
  rating?: number;
  flag?: 'pick' | 'reject' | 'none';
  label?: 'red' | 'yellow' | 'green' | 'blue' | 'none';
}

const LABEL_KEYS: Record<string, Mark['label']> = { '6': 'red', '7': 'yellow', '8': 'green', '9': 'blue' };

export function markFromKey(key: string): Mark | null {
  if (/^[0-5]$/.test(key)) return { rating: Number(key) };
  const k = key.toLowerCase();
  if (k === 'p') return { flag: 'pick' };
  if (k === 'x') return { flag: 'reject' };
  if (k === 'u') return { flag: 'none' };
  if (key in LABEL_KEYS) return { label: LABEL_KEYS[key] };
  return null;
}
