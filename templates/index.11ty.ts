// Home: the latest articles, the biggest topics, and a way into the date archive.
import { archive, type PageData } from './_lib/data.ts';
import { articleList, layout } from './_lib/layout.ts';
import { bidi, digits, esc } from '../src/site/format.ts';
import { rel, urls } from '../src/site/urls.ts';
import { arabicMonth } from '../src/site/format.ts';

export default class Home {
  data() {
    return { permalink: 'index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const s = a.settings;
    const url = d.page.url;
    const topics = a.topics
      .slice(0, 12)
      .map((t) => `<li><a href="${rel(url, urls.topic(t.topic.slug))}">${bidi(t.topic.name)}</a> <span class="count">${digits(t.articles.length, s.digits)}</span></li>`)
      .join('');
    const months = a.years
      .flatMap((y) => y.months.map((m) => ({ y: y.year, m })))
      .slice(0, 6)
      .map(({ y, m }) => `<li><a href="${rel(url, urls.month(y, m.month))}">${esc(arabicMonth(y, m.month, s.month_style, s.digits))}</a> <span class="count">${digits(m.count, s.digits)}</span></li>`)
      .join('');
    const body = `<h1>${esc(s.title)}</h1>
<p class="lead">${esc(s.description)} — ${digits(a.articles.length, s.digits)} مقالة.</p>
<div class="home">
<section aria-labelledby="latest"><h2 id="latest">أحدث المقالات</h2>
${articleList(a.latest.slice(0, 20), url, a)}
<p><a href="${rel(url, urls.latest())}">المزيد من أحدث المقالات</a></p></section>
<aside>
<section aria-labelledby="top-topics"><h2 id="top-topics">أبرز المواضيع</h2><ul class="chips">${topics}</ul>
<p><a href="${rel(url, urls.topics())}">كل المواضيع</a></p></section>
<section aria-labelledby="by-date"><h2 id="by-date">حسب التاريخ</h2><ul class="plain">${months}</ul>
<p><a href="${rel(url, urls.dates())}">الأرشيف حسب التاريخ</a>${a.undated.length ? ` · <a href="${rel(url, urls.undated())}">بلا تاريخ (${digits(a.undated.length, s.digits)})</a>` : ''}</p></section>
</aside>
</div>`;
    return layout({ url, title: s.title, archive: a, body });
  }
}
