// sitemap.xml (and sitemap-N.xml past 50,000 URLs) when base_url is set; nothing otherwise, because a
// sitemap must list absolute URLs (src/site/feeds.ts).
import { archive, type PageData } from './_lib/data.ts';
import { absolute, sitemapChunks, sitemapFileUrl, sitemapIndexXml, sitemapXml } from '../src/site/feeds.ts';

interface File { n: number; count: number; locs: string[] }

export default class Sitemap {
  data() {
    const chunks = sitemapChunks(archive());
    const files: File[] = chunks.map((locs, i) => ({ n: i + 1, count: chunks.length, locs }));
    // Past one file, sitemap.xml is the index of the numbered files.
    if (chunks.length > 1) files.push({ n: 0, count: chunks.length, locs: [] });
    return {
      items: files,
      pagination: { data: 'items', size: 1, alias: 'p' },
      permalink: (d: { p: File }) => (d.p.n === 0 ? 'sitemap.xml' : sitemapFileUrl(d.p.n, d.p.count).slice(1)),
      eleventyExcludeFromCollections: true,
    };
  }
  render(d: PageData<File>) {
    const a = archive();
    if (d.p.n !== 0) return sitemapXml(d.p.locs);
    return sitemapIndexXml(Array.from({ length: d.p.count }, (_, i) => absolute(a, sitemapFileUrl(i + 1, d.p.count))));
  }
}
