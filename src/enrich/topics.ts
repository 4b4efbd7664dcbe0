// Topics from the editor's taxonomy (content/_data/topics.yaml): names and aliases are matched on match keys
// with clitics stripped (بسوريا, والسورية, لموسكو …), longest alias first. The title and lead weigh more than
// the tail; a topic needs real support — the title, the lead, or several mentions — not one passing word.
import fs from 'node:fs';
import YAML from 'yaml';
import { matchTokens } from '../arabic/normalize.ts';
import { stripClitics } from '../arabic/stem.ts';

export interface Topic { slug: string; name: string; aliases?: string[]; parent?: string; kind?: string }

export interface TopicIndex {
  topics: Map<string, Topic>;
  /** First token key → alias token sequences (longest first) with their topic. */
  byFirst: Map<string, { tokens: string[]; slug: string }[]>;
}

const tokenKeys = (text: string) => matchTokens(text).map(stripClitics);

/** Loads and indexes a taxonomy file; a missing file gives an empty taxonomy. */
export function loadTopics(file: string): TopicIndex {
  const list: Topic[] = fs.existsSync(file) ? ((YAML.parse(fs.readFileSync(file, 'utf8')) as Topic[] | null) ?? []) : [];
  return indexTopics(list);
}

/** Indexes topics by the first token of each name and alias. */
export function indexTopics(list: Topic[]): TopicIndex {
  const topics = new Map<string, Topic>();
  const byFirst = new Map<string, { tokens: string[]; slug: string }[]>();
  for (const t of list) {
    if (!t || !t.slug || !t.name) continue;
    topics.set(t.slug, t);
    for (const alias of [t.name, ...(t.aliases ?? [])]) {
      const tokens = tokenKeys(String(alias).replace(/^#/, ''));
      if (!tokens.length) continue;
      let arr = byFirst.get(tokens[0]!);
      if (!arr) byFirst.set(tokens[0]!, (arr = []));
      arr.push({ tokens, slug: t.slug });
    }
  }
  for (const arr of byFirst.values()) arr.sort((a, b) => b.tokens.length - a.tokens.length);
  return { topics, byFirst };
}

/** Counts alias matches in a text, longest alias first, each token used once. */
export function countMatches(index: TopicIndex, text: string): Map<string, number> {
  const tokens = tokenKeys(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const cands = index.byFirst.get(tokens[i]!);
    if (!cands) continue;
    for (const c of cands) {
      if (c.tokens.every((t, j) => tokens[i + j] === t)) {
        counts.set(c.slug, (counts.get(c.slug) ?? 0) + 1);
        i += c.tokens.length - 1;
        break;
      }
    }
  }
  return counts;
}

/** Topic slugs for an article: title hits weigh 3, lead 2, body 1; a topic needs a score of 3. */
export function assignTopics(index: TopicIndex, article: { title: string; lead: string; body: string; hashtags?: string[] }, max = 8): string[] {
  const score = new Map<string, number>();
  const add = (counts: Map<string, number>, w: number) => {
    for (const [slug, n] of counts) score.set(slug, (score.get(slug) ?? 0) + n * w);
  };
  add(countMatches(index, article.title), 3);
  add(countMatches(index, article.lead), 2);
  add(countMatches(index, article.body), 1);
  for (const tag of article.hashtags ?? []) add(countMatches(index, tag), 3);
  return [...score.entries()]
    .filter(([, s]) => s >= 3)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([slug]) => slug)
    .sort();
}
