// Every article, newest first, 50 to a page.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, layout, pager } from './_lib/layout.ts';
import { paginate, type ListPage } from '../src/site/archive.ts';
import { urls } from '../src/site/urls.ts';

export default chunked(class Latest {
  data() {
    const a = archive();
    return perItem(paginate('all', a.latest, a.settings.page_size), (p) => urls.latest(p.page));
  }
  render(d: PageData<ListPage>) {
    const a = archive();
    const url = d.page.url;
    const body = `<h1>كل المقالات</h1>\n${articleList(d.p.items, url, a)}\n${pager(d.p, url, (n) => urls.latest(n), a)}`;
    return layout({ url, title: 'كل المقالات', archive: a, body });
  }
});
