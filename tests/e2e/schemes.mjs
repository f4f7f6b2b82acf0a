// What the page should show, worked out independently of the app from the real files:
// data/schemes.geojson, public/config.json and the labels in src/condition.rs / src/referral.rs.
//
// The rules restate the documented behaviour (src/filter.rs, src/price.rs) in a few lines so that
// the browser tests compare the page against an oracle, not against the app's own output.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from './paths.mjs';

const read = (rel) => readFileSync(join(ROOT, rel), 'utf8');

export const config = JSON.parse(read('public/config.json'));
export const DISTRICTS = config.area.districts; // [{id, name, gss}]

/** `code => label` pairs read from a Rust enum's `fn code` and `fn label` (one source of truth). */
function codesAndLabels(rel, type) {
  const src = read(rel);
  const body = (fn) => {
    const start = src.indexOf(`pub fn ${fn}(self)`);
    assert.ok(start >= 0, `${rel} has no fn ${fn}`);
    return src.slice(start, src.indexOf('\n    }\n', start));
  };
  const arms = (text) =>
    Object.fromEntries([...text.matchAll(new RegExp(`${type}::(\\w+) => "([^"]*)"`, 'g'))].map((m) => [m[1], m[2]]));
  const codes = arms(body('code'));
  const labels = arms(body('label'));
  const out = Object.keys(codes).map((variant) => ({ code: codes[variant], label: labels[variant] }));
  assert.ok(out.length > 0 && out.every((x) => x.label), `could not read the labels of ${type} in ${rel}`);
  return out;
}

export const CONDITIONS = codesAndLabels('src/condition.rs', 'Condition');
export const REFERRALS = codesAndLabels('src/referral.rs', 'Referral');
export const conditionLabel = (code) => CONDITIONS.find((c) => c.code === code)?.label;
export const referralLabel = (code) => REFERRALS.find((r) => r.code === code)?.label;

/** The price filter's choices: [visible label, value]. */
export const PRICE_CHOICES = [
  ['Any price', 'any'],
  ['Free only', 'free'],
  ['Up to £5 a week', '5'],
  ['Up to £10 a week', '10'],
  ['Up to £20 a week', '20'],
];

export const dataFile = JSON.parse(read('data/schemes.geojson'));
/** The shipped schemes' properties, in file order. */
export const SCHEMES = dataFile.features.map((f) => f.properties);

/** "£3.50", "£22". */
export function money(pence) {
  return pence % 100 === 0 ? `£${pence / 100}` : `£${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
const pence = (pounds) => Math.round(pounds * 100);

/**
 * The full price in words, as the issue asks: "£3.50 a session", "Free", "£22 a month for 6 months".
 * The card, the record and the handout follow it with the weekly figure, then the concession
 * ([`concessionWords`]).
 */
export function describePrice(p) {
  let s;
  switch (p.unit) {
    case 'free': s = 'Free'; break;
    case 'session': s = `${money(pence(p.amount))} a session`; break;
    case 'week': s = `${money(pence(p.amount))} a week`; break;
    case 'month':
      s = p.months === 1 ? `${money(pence(p.amount))} for 1 month`
        : p.months ? `${money(pence(p.amount))} a month for ${p.months} months`
        : `${money(pence(p.amount))} a month`;
      break;
    case 'course': s = p.weeks ? `${money(pence(p.amount))} for ${p.weeks} weeks` : `${money(pence(p.amount))} for the course`; break;
    default: throw new Error(`unknown price unit ${p.unit}`);
  }
  return s;
}

/** "; concessions £1.50", "; concessions free" or "": the end of the price line (src/price.rs). */
export function concessionWords(p) {
  // A concession above the full price is not shown (src/price.rs, Price::concession); none is "free".
  const full = p.unit === 'free' ? 0 : pence(p.amount);
  if (p.concessions == null || pence(p.concessions) > full) return '';
  return pence(p.concessions) === 0 ? '; concessions free' : `; concessions ${money(pence(p.concessions))}`;
}

/**
 * The weekly equivalent in pence, as the card shows it and the filter compares it: sessions × sessions a
 * week (the price's, else the timetable's weekly sessions, else one); a month is 52/12 weeks; a course over
 * its weeks; all but a weekly price rounded to 10p.
 */
export function weeklyPence(s) {
  const p = s.price;
  const amount = p.unit === 'free' ? 0 : pence(p.amount);
  const tenPence = (x) => Math.floor((Math.round(x) + 5) / 10) * 10;
  switch (p.unit) {
    case 'free': return 0;
    case 'session': return tenPence(amount * (p.sessions_per_week ?? (s.sessions?.length || 1)));
    case 'week': return amount;
    case 'month': return tenPence((amount * 12) / 52);
    case 'course': return tenPence(amount / Math.max(1, p.weeks ?? s.programme_weeks ?? 12));
    default: throw new Error(`unknown price unit ${p.unit}`);
  }
}

/**
 * Whether a scheme passes the filters: {districts: [ids], conditions: [codes], price: 'any'|'free'|'5'|…, q: text}.
 * Choices within one filter widen the result; different filters narrow it.
 */
export function matches(s, { districts = [], conditions = [], price = 'any', q = '' } = {}) {
  if (districts.length && !districts.includes(s.district)) return false;
  if (conditions.length && !s.conditions.some((c) => conditions.includes(c))) return false;
  if (price === 'free' && s.price.unit !== 'free') return false;
  if (/^\d+$/.test(price) && weeklyPence(s) > Number(price) * 100) return false;
  // What the card says (src/filter.rs search_text): name, centre, town, postcode with and without
  // its space, operator, district name, who can refer, "free" for a free scheme, and the notes.
  const hay = [
    s.name, s.centre, s.town, s.postcode, s.postcode.replace(/ /g, ''), s.operator,
    DISTRICTS.find((d) => d.id === s.district)?.name ?? s.district,
    ...s.referral.map(referralLabel),
    ...(s.price.unit === 'free' ? ['free'] : []),
    ...(s.notes ? [s.notes] : []),
  ].join(' \u001f ').toLowerCase();
  // Punctuation around a word is not looked for ("St." is "St").
  const words = q.trim().toLowerCase().split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
  return words.every((w) => atWordStart(hay, w));
}

/** Whether `word` is in `hay` at the start of one of its words, as the app matches (src/filter.rs). */
export function atWordStart(hay, word) {
  for (let i = hay.indexOf(word); i >= 0; i = hay.indexOf(word, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(hay[i - 1])) return true;
  }
  return false;
}

/** The names of the shipped schemes that pass the filters, sorted. */
export function expectedNames(filters) {
  return SCHEMES.filter((s) => matches(s, filters)).map((s) => s.name).sort();
}

/** "1 scheme", "24 schemes". */
export const countText = (n) => (n === 1 ? '1 scheme' : `${n} schemes`);
