// Not found.
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';

export default class NotFound {
  data() {
    return { permalink: '404.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const body = '<h1>الصفحة غير موجودة</h1>\n<p>لم نجد هذه الصفحة. ربما نُقلت أو لم تكن موجودة.</p>';
    return layout({ url: d.page.url, title: 'الصفحة غير موجودة', archive: archive(), body, noindex: true });
  }
}
