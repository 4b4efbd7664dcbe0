// One paginated page per outlet.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, layout, pager } from './_lib/layout.ts';
import { bidi } from '../src/site/format.ts';
import { paginate, type ListPage } from '../src/site/archive.ts';
import { urls } from '../src/site/urls.ts';

type Key = { key: string; name: string };

export default chunked(class OutletPage {
  data() {
    const a = archive();
    return perItem(
      a.outlets.flatMap((o) => paginate<Key>({ key: o.key, name: o.name }, o.articles, a.settings.page_size)),
      (p: ListPage<Key>) => urls.outlet(p.key.key, p.page),
    );
  }
  render(d: PageData<ListPage<Key>>) {
    const a = archive();
    const url = d.page.url;
    const body = `<h1>${bidi(d.p.key.name)}</h1>\n${articleList(d.p.items, url, a)}\n${pager(d.p, url, (n) => urls.outlet(d.p.key.key, n), a)}`;
    return layout({ url, title: d.p.key.name, archive: a, body });
  }
});
