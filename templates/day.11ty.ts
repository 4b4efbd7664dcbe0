// One page per day that has articles.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, layout } from './_lib/layout.ts';
import { arabicDate, arabicMonth, digits, esc } from '../src/site/format.ts';
import { rel, urls } from '../src/site/urls.ts';
import type { SiteArticle } from '../src/site/archive.ts';

type Day = { year: number; month: number; day: number; articles: SiteArticle[] };

export default chunked(class DayPage {
  data() {
    const days: Day[] = archive().years.flatMap((y) => y.months.flatMap((m) => m.days.map((d) => ({ year: y.year, month: m.month, day: d.day, articles: d.articles }))));
    return perItem(days, (d: Day) => urls.day(d.year, d.month, d.day));
  }
  render(d: PageData<Day>) {
    const a = archive();
    const s = a.settings;
    const url = d.page.url;
    const { year, month, day } = d.p;
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const title = arabicDate(iso, s.month_style, s.digits);
    const body = `<p class="crumbs"><a href="${rel(url, urls.dates())}">الأرشيف حسب التاريخ</a> › <a href="${rel(url, urls.year(year))}">${digits(year, s.digits)}</a> › <a href="${rel(url, urls.month(year, month))}">${esc(arabicMonth(year, month, s.month_style, s.digits))}</a></p>
<h1>${esc(title)}</h1>\n${articleList(d.p.articles, url, a)}`;
    return layout({ url, title, archive: a, body });
  }
});
