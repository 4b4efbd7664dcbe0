// Search page. Reading the archive needs no script; search runs in the browser over arshif's own static
// index, which the build writes into search-index/ (src/site/search.ts), read by assets/search.js. The form
// is real HTML: without script it submits ?q= to this page. Browsers do not let a page opened from disk
// fetch the index, so the page says so until the script has started over http(s).
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
<div id="search" class="search" data-root="${root}" data-digits="${a.settings.digits}">
<form role="search" class="search-form" method="get">
<label for="search-q">ابحث في الأرشيف</label>
<div class="search-row">
<input type="search" id="search-q" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search">
<button type="submit">ابحث</button>
</div>
</form>
<p class="search-note" id="search-note">يعمل البحث حين يُفتح الأرشيف من خادم ويب (عنوان يبدأ بـ<bdi dir="ltr">http</bdi>)، ولا يعمل عند فتح الملفات مباشرة من القرص لأن المتصفح يمنع الصفحة حينها من تحميل فهرس البحث. لمعاينته محلياً شغّل <code dir="ltr">npx arshif serve</code>، أو ${browse}.</p>
<noscript><p>يحتاج البحث إلى تفعيل جافاسكربت في المتصفح. ${browse}.</p></noscript>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
<button type="button" id="search-more" class="search-more" hidden>مزيد من النتائج</button>
</div>`;
    return layout({
      url,
      title: 'بحث',
      archive: a,
      body,
      styles: [urls.asset('search.css')],
      scripts: [urls.asset('search.js')],
    });
  }
}
