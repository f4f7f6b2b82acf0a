// Synthetic scheme files for the web benchmark: N valid schemes (the app's validation accepts every
// one) at real Hertfordshire postcode points from the shipped geodata (data/geodata, or GEODATA_DIR).
// Deterministic: the same N gives the same file (a fixed-seed generator, postcodes in file order).
//
//   node bench/generate.mjs N [out.geojson]     (default out: stdout)
//
// Every scheme is demonstration data (sample: true, 01632 960xxx phones, @example.org emails).
// About one in ten schemes is in Watford (town and name), which the benchmark's search looks for.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GEODATA = process.env.GEODATA_DIR ?? join(ROOT, 'data/geodata');
/** The unit postcode file `schemes geodata` writes: postcode,longitude,latitude,district (GSS). */
const POSTCODES = join(GEODATA, readdirSync(GEODATA).find((f) => /^postcodes_.*\.csv$/.test(f)) ?? 'postcodes.csv');

/** District ids of public/config.json by ONS code. */
const DISTRICTS = Object.fromEntries(
  JSON.parse(readFileSync(join(ROOT, 'public/config.json'), 'utf8')).area.districts.map((d) => [d.gss, d.id]),
);

/** A main town of each district (the benchmark's search looks for "Watford"). */
const TOWNS = {
  broxbourne: 'Cheshunt', dacorum: 'Hemel Hempstead', 'east-hertfordshire': 'Hertford', hertsmere: 'Borehamwood',
  'north-hertfordshire': 'Letchworth', 'st-albans': 'St Albans', stevenage: 'Stevenage', 'three-rivers': 'Rickmansworth',
  watford: 'Watford', 'welwyn-hatfield': 'Hatfield',
};

const CONDITIONS = ['heart', 'blood-pressure', 'cholesterol', 'diabetes', 'weight', 'msk', 'breathing',
  'mental-health', 'severe-mental-illness', 'falls', 'cancer', 'neurological', 'menopause'];
const REFERRALS = ['gp', 'health-professional', 'social-prescriber', 'self-referral'];
const OPERATORS = ['Everyone Active', 'Better', 'Places Leisure', 'Council Leisure Trust', 'Fusion Lifestyle'];
const KINDS = ['Active Health', 'Healthy Steps', 'Move More', 'Strength and Balance', 'Get Going', 'Fit for Life'];

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Postcodes in Hertfordshire's districts with a usable position (postcode, lat, lng, district). */
function postcodes() {
  const lines = readFileSync(POSTCODES, 'utf8').split('\n');
  const head = lines[0].split(',');
  const col = (name) => head.indexOf(name);
  const [pc, lat, lng, lad] = ['postcode', 'latitude', 'longitude', 'district'].map(col);
  const out = [];
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const district = DISTRICTS[f[lad]];
    // Only postcodes inside the districts (the file also lists the border outcodes' others).
    if (!district || !f[lat]) continue;
    out.push({ postcode: f[pc], lat: Number(f[lat]), lng: Number(f[lng]), district });
  }
  return out;
}

export function generate(n) {
  const rnd = random(n * 7919 + 1);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const all = postcodes();
  const watford = all.filter((p) => p.district === 'watford');
  const features = [];
  for (let i = 0; i < n; i++) {
    // Every tenth scheme in Watford; the rest spread over all the county's postcodes.
    const p = i % 10 === 3 ? watford[(i * 7) % watford.length] : all[Math.floor(rnd() * all.length)];
    const town = TOWNS[p.district];
    const kind = pick(KINDS);
    const conditions = [...new Set([pick(CONDITIONS), pick(CONDITIONS), pick(CONDITIONS)])];
    const referral = [...new Set(['gp', pick(REFERRALS), pick(REFERRALS)])];
    const unit = pick(['free', 'session', 'session', 'week', 'month', 'course']);
    const price = unit === 'free' ? { unit: 'free' }
      : unit === 'session' ? { unit, amount: 2 + Math.floor(rnd() * 8) / 2, currency: 'GBP', sessions_per_week: 2 }
      : unit === 'week' ? { unit, amount: 5 + Math.floor(rnd() * 20), currency: 'GBP' }
      : unit === 'month' ? { unit, amount: 15 + Math.floor(rnd() * 30), currency: 'GBP' }
      : { unit, amount: 30 + Math.floor(rnd() * 90), currency: 'GBP' };
    const id = `bench-${i + 1}`;
    const minAge = pick([16, 16, 18, 50, 60]);
    features.push({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
      properties: {
        id,
        name: `${kind} ${town} ${i + 1}`,
        operator: pick(OPERATORS),
        centre: `${town} Leisure Centre ${1 + (i % 7)}`,
        address: `${1 + (i % 200)} High Street`,
        town,
        postcode: p.postcode,
        district: p.district,
        price,
        phone: `01632 960${String(i % 1000).padStart(3, '0')}`,
        email: `scheme${i + 1}@example.org`,
        website: 'https://www.example.org/',
        conditions,
        referral,
        min_age: minAge,
        max_age: minAge >= 50 ? null : pick([null, 80]),
        programme_weeks: pick([8, 10, 12]),
        last_verified: '2026-11-16',
        notes: rnd() < 0.5 ? 'Supervised gym and group sessions for people referred by a health professional.' : null,
        sample: true,
      },
    });
  }
  return {
    type: 'FeatureCollection',
    metadata: {
      sample: true,
      title: `Benchmark: ${n} synthetic schemes`,
      notice: 'Demonstration data: synthetic schemes for the benchmark, not real.',
      updated: '2026-11-16',
    },
    features,
  };
}

/** How many generated schemes the benchmark's search ("Watford") finds: name, centre, town, postcode, operator. */
/** Whether `word` is in `hay` at the start of one of its words, as the app matches (src/filter.rs). */
function atWordStart(hay, word) {
  for (let i = hay.indexOf(word); i >= 0; i = hay.indexOf(word, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(hay[i - 1])) return true;
  }
  return false;
}

export function matching(data, text) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return data.features.filter(({ properties: s }) => {
    const hay = [s.name, s.centre, s.town, s.postcode, s.postcode.replace(' ', ''), s.operator].join(' \u001f ').toLowerCase();
    return words.every((w) => atWordStart(hay, w));
  }).length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 1) {
    console.error('usage: node bench/generate.mjs N [out.geojson]');
    process.exit(2);
  }
  const text = JSON.stringify(generate(n));
  if (process.argv[3]) writeFileSync(process.argv[3], text);
  else process.stdout.write(text);
}
