// The date archive: years → months with counts, and the undated shelf.
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { arabicMonth, digits } from '../src/site/format.ts';
import { esc } from '../src/site/format.ts';
import { rel, urls } from '../src/site/urls.ts';

export default class Dates {
  data() {
    return { permalink: 'dates/index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const s = a.settings;
    const url = d.page.url;
    const years = a.years
      .map(
        (y) => `<section aria-labelledby="y${y.year}"><h2 id="y${y.year}"><a href="${rel(url, urls.year(y.year))}">${digits(y.year, s.digits)}</a> <span class="count">${digits(y.count, s.digits)}</span></h2>
<ul class="chips">${y.months.map((m) => `<li><a href="${rel(url, urls.month(y.year, m.month))}">${esc(arabicMonth(y.year, m.month, s.month_style, s.digits))}</a> <span class="count">${digits(m.count, s.digits)}</span></li>`).join('')}</ul></section>`,
      )
      .join('\n');
    const undated = `<section aria-labelledby="undated"><h2 id="undated"><a href="${rel(url, urls.undated())}">بلا تاريخ</a> <span class="count">${digits(a.undated.length, s.digits)}</span></h2><p>مقالات لم تذكر صفحاتها تاريخ نشرها.</p></section>`;
    const body = `<h1>الأرشيف حسب التاريخ</h1>\n${years || '<p class="empty">لا مقالات مؤرخة بعد.</p>'}\n${undated}`;
    return layout({ url, title: 'الأرشيف حسب التاريخ', archive: a, body });
  }
}
