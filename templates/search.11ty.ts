// Search page. Reading the archive needs no script; search runs in the browser over the Pagefind index the
// build writes into pagefind/ (src/site/search.ts), started by assets/search.js. Browsers do not let a page
// opened from disk load that index, so the page says so until the script has started the search box.
import { archive, type PageData } from './_lib/data.ts';
import { layout } from './_lib/layout.ts';
import { rel, urls } from '../src/site/urls.ts';

export default class Search {
  data() {
    return { permalink: 'search/index.html', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    const url = d.page.url;
    const root = rel(url, urls.home()).replace(/index\.html$/, '') || './';
    const browse = `تصفّح حسب <a href="${rel(url, urls.topics())}">الموضوع</a> أو <a href="${rel(url, urls.dates())}">التاريخ</a>`;
    const body = `<h1>بحث</h1>
<p class="search-note" id="search-note">يعمل البحث حين يُفتح الأرشيف من خادم ويب (عنوان يبدأ بـ<bdi dir="ltr">http</bdi>)، ولا يعمل عند فتح الملفات مباشرة من القرص لأن المتصفح يمنع الصفحة حينها من تحميل فهرس البحث. لمعاينته محلياً شغّل <code dir="ltr">npx arshif serve</code>، أو ${browse}.</p>
<noscript><p>يحتاج البحث إلى تفعيل جافاسكربت في المتصفح. ${browse}.</p></noscript>
<div id="search" class="search" data-root="${root}"></div>`;
    return layout({
      url,
      title: 'بحث',
      archive: a,
      body,
      styles: ['/pagefind/ui/pagefind-ui.css', urls.asset('search.css')],
      scripts: ['/pagefind/ui/pagefind-ui.js', urls.asset('search.js')],
    });
  }
}
