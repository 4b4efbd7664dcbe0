// One page per month, its articles oldest first, cut into parts of page_size counted from the month's
// first article when it has more (src/site/archive.ts says why).
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, dayRange, layout, pager } from './_lib/layout.ts';
import { arabicMonth, digits, esc } from '../src/site/format.ts';
import { monthPages, type ListPage } from '../src/site/archive.ts';
import { rel, urls } from '../src/site/urls.ts';

type Key = { year: number; month: number };

export default chunked(class MonthPage {
  data() {
    const a = archive();
    return perItem(
      a.years.flatMap((y) => y.months.flatMap((m) => monthPages<Key>({ year: y.year, month: m.month }, m.articles, a.settings.page_size))),
      (p: ListPage<Key>) => urls.month(p.key.year, p.key.month, p.page),
    );
  }
  render(d: PageData<ListPage<Key>>) {
    const a = archive();
    const s = a.settings;
    const url = d.page.url;
    const { year, month } = d.p.key;
    const title = arabicMonth(year, month, s.month_style, s.digits);
    const body = `<p class="crumbs"><a href="${rel(url, urls.dates())}">الأرشيف حسب التاريخ</a> › <a href="${rel(url, urls.year(year))}">${digits(year, s.digits)}</a></p>
<h1>${esc(title)}</h1>\n<p class="order">من الأقدم إلى الأحدث.</p>\n${articleList(d.p.items, url, a)}\n${pager(d.p, url, (n) => urls.month(year, month, n), a, dayRange(d.p.items, a))}`;
    return layout({ url, title, archive: a, body });
  }
});
