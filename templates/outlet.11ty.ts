// The pages of each outlet's list: its front page (newest articles and the index of its years and months),
// a page per year or per month, and its undated articles (src/site/archive.ts, listParts, says why lists
// are cut by the calendar).
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { layout, listPartPage } from './_lib/layout.ts';
import { listParts, type ListPart } from '../src/site/archive.ts';
import { urls } from '../src/site/urls.ts';

type Key = { key: string; name: string };

export default chunked(class OutletPage {
  data() {
    const a = archive();
    return perItem(
      a.outlets.flatMap((o) => listParts<Key>({ key: o.key, name: o.name }, o.articles, a.settings.page_size)),
      (p: ListPart<Key>) => urls.outlet(p.key.key, p),
    );
  }
  render(d: PageData<ListPart<Key>>) {
    const a = archive();
    const url = d.page.url;
    const { title, body } = listPartPage(d.p, d.p.key.name, url, (part) => urls.outlet(d.p.key.key, part), a);
    return layout({ url, title, archive: a, body });
  }
});
