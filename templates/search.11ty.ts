// Search page. Reading the archive needs no script; search itself runs in the browser from the index the
// build writes (Pagefind, when installed: the search issue wires it in).
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';

export default class Search {
  data() {
    return { permalink: 'search/index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const body = `<h1>بحث</h1>\n<p>البحث في الأرشيف قيد الإعداد. تصفح حسب <a href="../topics/index.html">الموضوع</a> أو <a href="../dates/index.html">التاريخ</a>.</p>`;
    return layout({ url: d.page.url, title: 'بحث', archive: a, body });
  }
}
