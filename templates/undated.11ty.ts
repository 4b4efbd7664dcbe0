// The undated shelf: articles whose pages never said when they were published.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, layout, pager } from './_lib/layout.ts';
import { undatedPages, type ListPage } from '../src/site/archive.ts';
import { rel, urls } from '../src/site/urls.ts';

export default chunked(class Undated {
  data() {
    const a = archive();
    return perItem(undatedPages('undated', a.undated, a.settings.page_size), (p) => urls.undated(p.page));
  }
  render(d: PageData<ListPage>) {
    const a = archive();
    const url = d.page.url;
    const body = `<p class="crumbs"><a href="${rel(url, urls.dates())}">الأرشيف حسب التاريخ</a></p>
<h1>مقالات بلا تاريخ</h1>
<p>لم تذكر صفحات هذه المقالات تاريخ نشرها، فلم يُخمَّن لها تاريخ.</p>
${articleList(d.p.items, url, a)}\n${pager(d.p, url, (n) => urls.undated(n), a)}`;
    return layout({ url, title: 'مقالات بلا تاريخ', archive: a, body });
  }
});
