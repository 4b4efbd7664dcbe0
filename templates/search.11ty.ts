// Search page. Reading the archive needs no script; search itself runs in the browser from the index the
// build writes (Pagefind, when installed: the search issue wires it in).
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { rel, urls } from '../src/site/urls.ts';

export default class Search {
  data() {
    return { permalink: 'search/index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const url = d.page.url;
    const body = `<h1>بحث</h1>\n<p>البحث في الأرشيف قيد الإعداد. تصفح حسب <a href="${rel(url, urls.topics())}">الموضوع</a> أو <a href="${rel(url, urls.dates())}">التاريخ</a>.</p>`;
    return layout({ url, title: 'بحث', archive: a, body });
  }
}
