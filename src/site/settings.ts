// Site settings, in one file an editor can change: content/_data/site.yaml.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { MonthStyle } from '../arabic/calendar.ts';

export interface SiteSettings {
  title: string;
  description: string;
  /** Absolute base URL for canonical links, feeds and the sitemap, e.g. https://example.org (optional). */
  base_url: string;
  /** Month names as readers of the archive's region expect. */
  month_style: MonthStyle;
  /** Numerals for dates and counts the site prints: latn (0–9) or arab (٠–٩). */
  digits: 'latn' | 'arab';
  /** Articles per list page. */
  page_size: number;
  /** Show the Hijri date beside the Gregorian one. */
  hijri: boolean;
  /** URL path the site is served under, e.g. /archive/ (`arshif build --path-prefix` overrides it). */
  path_prefix: string;
  /** Publish the review page (every input beside its article, dropped lines, doubts) in the site. */
  review: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  title: 'أرشيف الأخبار',
  description: 'أرشيف إخباري عربي مرتب حسب الموضوع والتاريخ',
  base_url: '',
  month_style: 'paired',
  digits: 'latn',
  page_size: 50,
  hijri: true,
  path_prefix: '/',
  review: false,
};

/** Reads content/_data/site.yaml over the defaults (unknown keys are ignored). */
export function loadSettings(contentDir: string): SiteSettings {
  const file = path.join(contentDir, '_data', 'site.yaml');
  if (!fs.existsSync(file)) return { ...DEFAULT_SETTINGS };
  // Loaded here, when there are settings to read: most builds need no YAML parser at all.
  const YAML = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const data = (YAML.parse(fs.readFileSync(file, 'utf8')) ?? {}) as Partial<SiteSettings>;
  const s = { ...DEFAULT_SETTINGS, ...data };
  if (!['levant', 'egypt', 'maghreb', 'paired'].includes(s.month_style)) s.month_style = DEFAULT_SETTINGS.month_style;
  if (s.digits !== 'arab') s.digits = 'latn';
  s.page_size = Math.max(5, Math.min(500, Number(s.page_size) || 50));
  s.path_prefix = typeof s.path_prefix === 'string' && s.path_prefix.trim() ? s.path_prefix.trim() : '/';
  s.review = s.review === true;
  return s;
}
