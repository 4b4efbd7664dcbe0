// Topics index with counts.
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { bidi, digits } from '../src/site/format.ts';
import { rel, urls } from '../src/site/urls.ts';

export default class Topics {
  data() {
    return { permalink: 'topics/index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const url = d.page.url;
    const items = a.topics
      .map((t) => `<li><a href="${rel(url, urls.topic(t.topic.slug))}">${bidi(t.topic.name)}</a> <span class="count">${digits(t.articles.length, a.settings.digits)}</span></li>`)
      .join('\n');
    const body = `<h1>المواضيع</h1>\n${items ? `<ul class="chips big">${items}</ul>` : '<p class="empty">لا مواضيع بعد.</p>'}`;
    return layout({ url, title: 'المواضيع', archive: a, body });
  }
}
