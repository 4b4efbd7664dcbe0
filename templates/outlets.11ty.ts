// Outlets index with counts.
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { bidi, digits } from '../src/site/format.ts';
import { rel, urls } from '../src/site/urls.ts';

export default class Outlets {
  data() {
    return { permalink: 'outlets/index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const url = d.page.url;
    const items = a.outlets.map((o) => `<li><a href="${rel(url, urls.outlet(o.key))}">${bidi(o.name)}</a> <span class="count">${digits(o.articles.length, a.settings.digits)}</span></li>`).join('\n');
    const body = `<h1>المصادر</h1>\n${items ? `<ul class="chips big">${items}</ul>` : '<p class="empty">لم تُعرف مصادر بعد.</p>'}`;
    return layout({ url, title: 'المصادر', archive: a, body });
  }
}
