// One page per year: its months and days with counts.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { arabicMonth, digits, esc } from '../src/site/format.ts';
import { rel, urls } from '../src/site/urls.ts';

/**
 * What a year's page shows (and its signature): counts only. Not the archive's year with its articles, which
 * would make every article of the year part of the signature (and a new title render the page again).
 */
type Year = { year: number; months: { month: number; count: number; days: { day: number; count: number }[] }[] };

export default chunked(class YearPage {
  data() {
    const years: Year[] = archive().years.map((y) => ({
      year: y.year,
      months: y.months.map((m) => ({ month: m.month, count: m.count, days: m.days.map((d) => ({ day: d.day, count: d.articles.length })) })),
    }));
    return perItem(years, (y: Year) => urls.year(y.year));
  }
  render(d: PageData<Year>) {
    const a = archive();
    const s = a.settings;
    const url = d.page.url;
    const y = d.p;
    const months = y.months
      .map(
        (m) => `<section aria-labelledby="m${m.month}"><h2 id="m${m.month}"><a href="${rel(url, urls.month(y.year, m.month))}">${esc(arabicMonth(y.year, m.month, s.month_style, s.digits))}</a> <span class="count">${digits(m.count, s.digits)}</span></h2>
<ul class="chips">${m.days.map((day) => `<li><a href="${rel(url, urls.day(y.year, m.month, day.day))}">${digits(day.day, s.digits)}</a> <span class="count">${digits(day.count, s.digits)}</span></li>`).join('')}</ul></section>`,
      )
      .join('\n');
    const body = `<p class="crumbs"><a href="${rel(url, urls.dates())}">الأرشيف حسب التاريخ</a></p>\n<h1>${digits(y.year, s.digits)}</h1>\n${months}`;
    return layout({ url, title: `أرشيف ${digits(y.year, s.digits)}`, archive: a, body });
  }
});
