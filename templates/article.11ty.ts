// One page per article: headline, outlet, dateline place, Arabic and Hijri date, body, topics, the same
// story from other outlets, previous/next by date, and the dump it came from.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { arabicDate, bidi, esc, hijriDate } from '../src/site/format.ts';
import { renderBody } from '../src/site/markdown.ts';
import { rel, urls } from '../src/site/urls.ts';
import type { SiteArticle } from '../src/site/archive.ts';

export default chunked(class Article {
  data() {
    return perItem(archive().articles, (a) => a.url);
  }
  render(d: PageData<SiteArticle>) {
    const a = archive();
    const s = a.settings;
    const art = d.p;
    const m = art.meta;
    const url = d.page.url;
    const topicNames = new Map(a.topics.map((t) => [t.topic.slug, t.topic.name]));
    const facts: string[] = [];
    if (m.outlet) facts.push(`<span class="outlet">${bidi(m.outlet)}</span>`);
    if (m.place) facts.push(`<span class="place">${bidi(m.place)}</span>`);
    if (m.date) {
      const hijri = s.hijri ? ` <span class="hijri">(${esc(hijriDate(m.date, s.digits))})</span>` : '';
      const kind = m.date_kind === 'inferred' ? ' <span class="inferred" title="السنة مستنتجة من نص المقال">تاريخ تقديري</span>' : '';
      facts.push(`<time datetime="${esc(m.date)}">${esc(arabicDate(m.date, s.month_style, s.digits))}</time>${hijri}${kind}`);
    }
    if (m.credit) facts.push(`<span class="credit">المصدر: ${bidi(m.credit)}</span>`);
    const topics = m.topics.length
      ? `<section class="topics" aria-labelledby="t-h"><h2 id="t-h">المواضيع</h2><ul class="chips">${m.topics
          .filter((t) => /^[a-z0-9-]+$/.test(t))
          .map((t) => `<li><a href="${rel(url, urls.topic(t))}">${bidi(topicNames.get(t) ?? t)}</a></li>`)
          .join('')}</ul></section>`
      : '';
    // Of its story and neighbours, the page shows what their teaser signatures cover (url, title, outlet).
    const story = art.story.length
      ? `<section class="story" aria-labelledby="s-h"><h2 id="s-h">الخبر نفسه من مصادر أخرى</h2><ul>${art.story
          .map((o) => `<li><a href="${rel(url, o.url)}">${bidi(o.meta.title)}</a>${o.meta.outlet ? ` — ${bidi(o.meta.outlet)}` : ''}</li>`)
          .join('')}</ul></section>`
      : '';
    const nav = [
      art.prev ? `<a rel="prev" href="${rel(url, art.prev.url)}"><span class="dir">→ الأقدم</span> ${bidi(art.prev.meta.title)}</a>` : '',
      art.next ? `<a rel="next" href="${rel(url, art.next.url)}"><span class="dir">الأحدث ←</span> ${bidi(art.next.meta.title)}</a>` : '',
    ].join('');
    const sources = m.sources.length ? `<p class="sources">الأصل: ${m.sources.map((x) => `<code dir="ltr">${esc(x)}</code>`).join('، ')}</p>` : '';
    const body = `<article>
<header><h1>${bidi(m.title)}</h1>
${facts.length ? `<p class="meta">${facts.join(' · ')}</p>` : ''}</header>
<div class="body">
${renderBody(art.body)}
</div>
</article>
${topics}
${story}
${nav ? `<nav class="prevnext" aria-label="مقالات مجاورة">${nav}</nav>` : ''}
${sources}`;
    return layout({ url, title: m.title, archive: a, body, description: art.body.split('\n').find((l) => l.trim() && !l.startsWith('#'))?.slice(0, 200) });
  }
});
