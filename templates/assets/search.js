// The search page's script (a file, not inline: the pages' Content-Security-Policy allows no inline script).
// It ports the query side of src/site/search.ts — matchKey/matchTokens from src/arabic/normalize.ts and
// searchForms/queryForm/suffixStem/indexForms/queryTerm — so that a query is reduced exactly as the index was built; tests/site/search.test.ts
// checks this file against the TypeScript on real words. It then starts Pagefind's UI over every shard of
// the index (pagefind/shards.json) and cuts result excerpts from each article's real text.
(function () {
  'use strict';

  var INVISIBLES = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/g;
  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

  function foldDigits(text) {
    return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c\u066a]/g, function (ch) {
      var c = ch.charCodeAt(0);
      if (c >= 0x0660 && c <= 0x0669) return String(c - 0x0660);
      if (c >= 0x06f0 && c <= 0x06f9) return String(c - 0x06f0);
      if (ch === '\u066b') return '.';
      if (ch === '\u066c') return ',';
      return '%';
    });
  }

  function matchKey(text) {
    return foldDigits(text.normalize('NFKC'))
      .replace(INVISIBLES, '')
      .replace(MARKS, '')
      .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627')
      .replace(/[\u0649\u06cc\u06d0\u06d2]/g, '\u064a')
      .replace(/\u0629/g, '\u0647')
      .replace(/[\u06a9\u06aa]/g, '\u0643')
      .replace(/[\u06c0\u06c1\u06c2\u06d5]/g, '\u0647')
      .replace(/\u0624/g, '\u0648')
      .replace(/\u0626/g, '\u064a')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  }

  function matchTokens(text) {
    return matchKey(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  var ARTICLE_CLUSTERS = ['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
  var BARE_CLUSTERS = ['وب', 'وك', 'ول', 'فب', 'فك', 'فل', 'و', 'ف', 'ب', 'ك', 'ل'];
  var CLUSTERS = ARTICLE_CLUSTERS.map(function (p) { return [p, 3]; }).concat(BARE_CLUSTERS.map(function (p) { return [p, 4]; }));

  function searchForms(word) {
    var seen = [word];
    for (var i = 0; i < seen.length; i++) {
      var w = seen[i];
      for (var j = 0; j < CLUSTERS.length; j++) {
        var p = CLUSTERS[j][0];
        if (w.startsWith(p) && w.length - p.length >= CLUSTERS[j][1]) {
          var rest = w.slice(p.length);
          if (seen.indexOf(rest) < 0) seen.push(rest);
        }
      }
    }
    return seen;
  }

  function queryForm(word) {
    for (var j = 0; j < CLUSTERS.length; j++) {
      var p = CLUSTERS[j][0];
      if (word.startsWith(p) && word.length - p.length >= CLUSTERS[j][1]) return word.slice(p.length);
    }
    return word;
  }

  var SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

  function suffixStem(word) {
    var w = word;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (w.endsWith(s) && w.length - s.length >= 3) w = w.slice(0, w.length - s.length);
    }
    return w;
  }

  function indexForms(word) {
    var forms = searchForms(word);
    forms.slice().forEach(function (f) {
      var stem = suffixStem(f);
      if (forms.indexOf(stem) < 0) forms.push(stem);
    });
    return forms;
  }

  function queryTerm(word) {
    return suffixStem(queryForm(word));
  }

  function searchQuery(query) {
    return matchTokens(query).map(queryTerm).join(' ');
  }

  function esc(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // Words of the real text with their places; a word is a hit when one of its forms starts with a query
  // form (Pagefind matches query words as prefixes of indexed ones).
  function excerpt(text, forms, length) {
    var words = [];
    var re = /[\p{L}\p{M}\p{N}]+/gu;
    var m;
    while ((m = re.exec(text))) words.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
    if (!words.length) return '';
    var hit = words.map(function (w) {
      if (!forms.length) return false;
      var keys = matchTokens(w.word).flatMap(indexForms);
      return keys.some(function (k) {
        return forms.some(function (f) { return k.startsWith(f); });
      });
    });
    var first = hit.indexOf(true);
    var from = first < 0 ? 0 : Math.max(0, first - Math.floor(length / 3));
    var to = Math.min(words.length, from + length);
    var html = from > 0 ? '… ' : '';
    var at = words[from].start;
    for (var i = from; i < to; i++) {
      html += esc(text.slice(at, words[i].start));
      html += hit[i] ? '<mark>' + esc(words[i].word) + '</mark>' : esc(words[i].word);
      at = words[i].end;
    }
    // Punctuation right after the last word («تدمر.») belongs to it.
    var tail = /^[^\s\p{L}\p{N}]*/u.exec(text.slice(at))[0];
    html += esc(tail.replace(/\n/g, ' '));
    if (to < words.length) html += ' …';
    return html.replace(/\n/g, ' ');
  }

  var api = { foldDigits: foldDigits, matchKey: matchKey, matchTokens: matchTokens, searchForms: searchForms, queryForm: queryForm, suffixStem: suffixStem, indexForms: indexForms, queryTerm: queryTerm, searchQuery: searchQuery, excerpt: excerpt };
  if (typeof document === 'undefined') {
    // Loaded by the tests in a bare VM context: hand the functions over, start nothing.
    globalThis.arshifSearch = api;
    return;
  }

  var TRANSLATIONS = {
    placeholder: 'ابحث في الأرشيف',
    clear_search: 'مسح',
    load_more: 'مزيد من النتائج',
    search_label: 'ابحث في الأرشيف',
    filters_label: 'تصفية',
    zero_results: 'لا نتائج لـ«[SEARCH_TERM]»',
    many_results: 'عدد النتائج لـ«[SEARCH_TERM]»: [COUNT]',
    one_result: 'نتيجة واحدة لـ«[SEARCH_TERM]»',
    total_zero_results: 'لا نتائج',
    total_one_result: 'نتيجة واحدة',
    total_many_results: 'عدد النتائج: [COUNT]',
    alt_search: 'لا نتائج لـ«[SEARCH_TERM]». نعرض نتائج «[DIFFERENT_TERM]» بدلاً منها',
    search_suggestion: 'لا نتائج لـ«[SEARCH_TERM]». جرّب كلمات أخرى:',
    searching: 'جارٍ البحث عن «[SEARCH_TERM]»…',
    results_label: 'نتائج البحث',
  };

  function start() {
    var box = document.getElementById('search');
    var note = document.getElementById('search-note');
    if (!box || typeof PagefindUI === 'undefined') return;
    // Browsers refuse to load Pagefind's module and index from file:// pages; the note says so.
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    var root = new URL(box.getAttribute('data-root') || '../', location.href);
    var lastForms = [];
    fetch(new URL('pagefind/shards.json', root))
      .then(function (r) {
        if (!r.ok) throw new Error(r.status + ' pagefind/shards.json');
        return r.json();
      })
      .then(function (state) {
        var keys = state.shards.map(function (s) { return s.key; });
        if (!keys.length) return;
        var bundle = function (k) { return new URL('pagefind/' + k + '/', root).href; };
        if (note) note.hidden = true;
        new PagefindUI({
          element: box,
          bundlePath: bundle(keys[0]),
          baseUrl: root.pathname,
          mergeIndex: keys.slice(1).map(function (k) { return { bundlePath: bundle(k), baseUrl: root.pathname }; }),
          showImages: false,
          showSubResults: false,
          resetStyles: false,
          translations: TRANSLATIONS,
          processTerm: function (term) {
            var q = searchQuery(term);
            lastForms = q ? q.split(' ') : [];
            return q;
          },
          processResult: function (result) {
            var meta = result.meta || {};
            var body = meta.body || '';
            result.excerpt = excerpt(body, lastForms, 30);
            var shown = { title: meta.title };
            if (meta.date) shown['التاريخ'] = meta.date;
            if (meta.outlet) shown['المصدر'] = meta.outlet;
            result.meta = shown;
            return result;
          },
        });
        var input = box.querySelector('input');
        // Pagefind labels its box only with a title attribute; screen readers need a real accessible name.
        if (input) input.setAttribute('aria-label', 'ابحث في الأرشيف');
        var q = new URL(location.href).searchParams.get('q');
        if (input && q) {
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      })
      .catch(function (e) {
        if (note) {
          note.hidden = false;
          note.textContent = 'تعذّر تحميل فهرس البحث (' + e.message + ').';
        }
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
