// The plain-Eleventy baseline of `npm run bench`: the same article Markdown as arshif's site, rendered the
// way a typical Eleventy project would, with default settings (Liquid over Markdown, Nunjucks layouts,
// collections and pagination): article pages, per-topic and per-month lists of 50 per page, and a home page.
// The bench copies this folder beside the articles (articles/*.md) and runs Eleventy on it.
const SIZE = 50;

function pagesOf(groups) {
  const out = [];
  for (const [key, items] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pages = Math.ceil(items.length / SIZE);
    for (let i = 0; i < pages; i++) out.push({ key, n: i + 1, pages, items: items.slice(i * SIZE, (i + 1) * SIZE) });
  }
  return out;
}

const dated = (item) => item.data.date_kind && item.data.date_kind !== 'none';

export default function (eleventyConfig) {
  eleventyConfig.addCollection('articles', (api) => api.getFilteredByGlob('articles/*.md').sort((a, b) => (dated(b) - dated(a)) || (b.date - a.date)));
  eleventyConfig.addCollection('topicPages', (api) => {
    const groups = new Map();
    for (const item of api.getFilteredByGlob('articles/*.md').sort((a, b) => b.date - a.date)) {
      for (const t of item.data.topics ?? []) {
        if (!groups.has(t)) groups.set(t, []);
        groups.get(t).push(item);
      }
    }
    return pagesOf(groups);
  });
  eleventyConfig.addCollection('monthPages', (api) => {
    const groups = new Map();
    for (const item of api.getFilteredByGlob('articles/*.md').filter(dated).sort((a, b) => b.date - a.date)) {
      const key = item.date.toISOString().slice(0, 7);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    return pagesOf(groups);
  });
  eleventyConfig.addFilter('head', (arr, n) => arr.slice(0, n));
  eleventyConfig.addFilter('day', (d) => d.toISOString().slice(0, 10));
  return { dir: { input: '.', includes: '_includes' } };
}
