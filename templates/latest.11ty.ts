// The newest articles, newest first, in a window of LATEST_PAGES pages. Older articles are reached through
// the date archive (year → month → day) and each topic's and outlet's pages: a list of every article by rank
// would move every one of its pages by one whenever an article is added (src/site/archive.ts says more).
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, layout, pager } from './_lib/layout.ts';
import { latestPages, type ListPage } from '../src/site/archive.ts';
import { rel, urls } from '../src/site/urls.ts';

export default chunked(class Latest {
  data() {
    const a = archive();
    const pages = latestPages(a);
    // The last page of the window says where older articles are, when there are any: that is in its item.
    const more = a.latest.length > pages.length * a.settings.page_size;
    return perItem(pages.map((p) => ({ ...p, more: more && p.page === p.pages })), (p: ListPage) => urls.latest(p.page));
  }
  render(d: PageData<ListPage & { more: boolean }>) {
    const a = archive();
    const url = d.page.url;
    const older = d.p.more ? `\n<p class="more">للمقالات الأقدم: <a href="${rel(url, urls.dates())}">الأرشيف حسب التاريخ</a> أو <a href="${rel(url, urls.topics())}">المواضيع</a>.</p>` : '';
    const body = `<h1>أحدث المقالات</h1>\n${articleList(d.p.items, url, a)}${older}\n${pager(d.p, url, (n) => urls.latest(n), a)}`;
    return layout({ url, title: 'أحدث المقالات', archive: a, body });
  }
});
