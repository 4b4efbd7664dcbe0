// The search page's script (a file, not inline: the pages' Content-Security-Policy allows no inline script).
// It ports the query side of src/site/search.ts — matchKey/matchTokens from src/arabic/normalize.ts and
// searchForms/queryForm/suffixStem/indexForms/queryTerm — so that a query is reduced exactly as the index was
// built; tests/site/search.test.ts checks this file against the TypeScript on real words. The query engine
// (createEngine) reads arshif's static index (search-index/, format described in src/site/search.ts) through
// a fetchJson(path) callback, so the tests run it in Node over the files on disk; the page's UI fetches
// them over HTTP. No third-party code.
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
  // form (the index matches query forms as prefixes of indexed ones).
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

  // Latin runs («COP29», «BBC News») isolated in <bdi>, as the site's pages do (src/site/format.ts, bidi).
  var LATIN_RUN = /[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9.,&'’+\-_/:@ ]*[A-Za-z\u00c0-\u024f0-9+]|[A-Za-z]/g;

  function bidi(text) {
    var out = '';
    var last = 0;
    var m;
    LATIN_RUN.lastIndex = 0;
    while ((m = LATIN_RUN.exec(text))) {
      out += esc(text.slice(last, m.index)) + '<bdi dir="ltr">' + esc(m[0]) + '</bdi>';
      last = m.index + m[0].length;
    }
    return out + esc(text.slice(last));
  }

  /** A number in the site's digits ('arab': Arabic-Indic). */
  function digits(n, style) {
    var s = String(n);
    return style === 'arab' ? s.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0660 + Number(d)); }) : s;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Query engine over search-index/ (pure: everything it reads comes through fetchJson).

  var INDEX = 'search-index/';
  var PAGE = 10;
  // BM25 parameters (the usual ones).
  var K1 = 1.2;
  var B = 0.75;

  var LENGTH_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  /** Document lengths in words from a shard's meta.len (src/site/search.ts, lengthCode). */
  function decodeLengths(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) out.push(Math.pow(2, LENGTH_CODES.indexOf(text[i]) / 4) - 1);
    return out;
  }

  /** The distinct forms a query is searched by; lone letters are dropped (they are not indexed), digits kept. */
  function queryTerms(query) {
    var out = [];
    matchTokens(query).forEach(function (w) {
      if (w.length < 2 && !/\d/.test(w)) return;
      var t = queryTerm(w);
      if (out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }

  /**
   * The term files of a shard (numbers n of t/<n>.json) that can hold terms starting with q (equal to q, for
   * a one-character q): those holding a group whose prefix is a prefix of q or starts with q.
   */
  function filesFor(files, q) {
    var out = [];
    files.forEach(function (keys, n) {
      var needed = keys.some(function (k) {
        return q.length < 2 ? k === q : q.indexOf(k) === 0 || k.indexOf(q) === 0;
      });
      if (needed) out.push(n);
    });
    return out;
  }

  /**
   * Adds to `found` (document → weight) the postings of the terms of a term file that start with q (equal q,
   * for a one-character q). A document matched through several forms keeps its largest weight.
   */
  function matchFile(entries, q, found) {
    var lo = 0;
    var hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (entries[mid][0] < q) lo = mid + 1;
      else hi = mid;
    }
    for (var i = lo; i < entries.length; i++) {
      var e = entries[i];
      var term = e[0];
      if (q.length < 2 ? term !== q : term.lastIndexOf(q, 0) !== 0) break;
      var doc = 0;
      for (var j = 1; j < e.length; j++) {
        var v = e[j];
        doc += Math.floor(v / 16);
        var w = v % 16;
        if (w === 0) w = e[++j];
        var had = found.get(doc);
        if (had === undefined || had < w) found.set(doc, w);
      }
    }
  }

  /**
   * A search engine over the index at the site root, read through fetchJson(path relative to the root),
   * which returns a promise of the parsed file. Files are fetched once and kept.
   */
  function createEngine(fetchJson) {
    var cache = {};
    function get(path) {
      if (!cache[path]) {
        cache[path] = Promise.resolve(fetchJson(path));
        // A failed fetch is tried again by the next search.
        cache[path].catch(function () { delete cache[path]; });
      }
      return cache[path];
    }

    /**
     * Every article that has all the query's words, ranked: BM25 over all shards (document frequencies and
     * the average length summed over the shards), title words weighing more (the index's weights). Ties go to
     * the newer article: shards.json lists shards newest first and documents are numbered newest first, then
     * by URL (two hash buckets of one year are taken in shards.json's order).
     */
    function search(query) {
      var terms = queryTerms(query);
      if (!terms.length) return Promise.resolve({ query: query, terms: terms, total: 0, hits: [] });
      return get(INDEX + 'shards.json').then(function (state) {
        return Promise.all(state.shards.map(function (shard) {
          var base = INDEX + shard.key + '/';
          return get(base + 'meta.json').then(function (meta) {
            return Promise.all(terms.map(function (q) {
              return Promise.all(filesFor(meta.files, q).map(function (n) { return get(base + 't/' + n + '.json'); })).then(function (files) {
                var found = new Map();
                files.forEach(function (entries) { matchFile(entries, q, found); });
                return found;
              });
            })).then(function (found) {
              return { key: shard.key, meta: meta, found: found };
            });
          });
        }));
      }).then(function (shards) {
        var n = 0;
        var words = 0;
        var df = terms.map(function () { return 0; });
        shards.forEach(function (s) {
          n += s.meta.count;
          s.lens = decodeLengths(s.meta.len);
          for (var i = 0; i < s.lens.length; i++) words += s.lens[i];
          s.found.forEach(function (f, t) { df[t] += f.size; });
        });
        var avg = n ? words / n : 1;
        var idf = df.map(function (d) { return Math.log(1 + (n - d + 0.5) / (d + 0.5)); });
        var hits = [];
        shards.forEach(function (s, si) {
          var smallest = 0;
          s.found.forEach(function (f, t) { if (f.size < s.found[smallest].size) smallest = t; });
          s.found[smallest].forEach(function (_, doc) {
            var score = 0;
            var norm = K1 * (1 - B + (B * s.lens[doc]) / avg);
            for (var t = 0; t < terms.length; t++) {
              var w = s.found[t].get(doc);
              if (w === undefined) return;
              score += (idf[t] * w * (K1 + 1)) / (w + norm);
            }
            hits.push({ key: s.key, shard: si, doc: doc, chunk: s.meta.chunk, score: score });
          });
        });
        hits.sort(function (a, b) {
          return b.score - a.score || a.shard - b.shard || a.doc - b.doc;
        });
        return { query: query, terms: terms, total: hits.length, hits: hits };
      });
    }

    /**
     * The shown form of some hits (in their order): URL relative to the site root, title, date, outlet, ISO
     * date, and an excerpt (HTML, escaped, query words in <mark>) cut from the article's text.
     */
    function load(hits, terms) {
      return Promise.all(hits.map(function (h) {
        return get(INDEX + h.key + '/d/' + Math.floor(h.doc / h.chunk) + '.json').then(function (docs) {
          var d = docs[h.doc % h.chunk];
          return { url: d.u, title: d.t, date: d.d || '', outlet: d.o || '', iso: d.i || '', excerpt: excerpt(d.b || '', terms, 30) };
        });
      }));
    }

    /** One page of results for a query: { total, terms, results }. */
    function results(query, from, count) {
      return search(query).then(function (r) {
        return load(r.hits.slice(from || 0, (from || 0) + (count || PAGE)), r.terms).then(function (list) {
          return { total: r.total, terms: r.terms, results: list };
        });
      });
    }

    return { search: search, load: load, results: results };
  }

  /** A result as a list item: the title linking to the article (under `root`, the site root from the page), date · outlet, excerpt. */
  function resultHtml(r, root) {
    var meta = [];
    if (r.date) meta.push(r.iso ? '<time datetime="' + esc(r.iso) + '">' + esc(r.date) + '</time>' : esc(r.date));
    if (r.outlet) meta.push('<span class="outlet">' + bidi(r.outlet) + '</span>');
    return '<li><a href="' + esc(root + r.url) + '">' + bidi(r.title) + '</a>' +
      (meta.length ? '<p class="meta">' + meta.join(' · ') + '</p>' : '') +
      (r.excerpt ? '<p class="excerpt">' + r.excerpt + '</p>' : '') + '</li>';
  }

  /** The status line for a number of results. */
  function countText(total, style) {
    return total ? 'عدد النتائج: ' + digits(total, style) : 'لا نتائج';
  }

  var api = {
    foldDigits: foldDigits, matchKey: matchKey, matchTokens: matchTokens, searchForms: searchForms, queryForm: queryForm,
    suffixStem: suffixStem, indexForms: indexForms, queryTerm: queryTerm, searchQuery: searchQuery, excerpt: excerpt,
    esc: esc, bidi: bidi, digits: digits, decodeLengths: decodeLengths, queryTerms: queryTerms, createEngine: createEngine,
    resultHtml: resultHtml, countText: countText,
  };
  if (typeof document === 'undefined') {
    // Loaded by the tests in a bare VM context: hand the functions over, start nothing.
    globalThis.arshifSearch = api;
    return;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The page: the form (rendered by templates/search.11ty.ts, so it submits ?q= without script) searches as
  // the reader types.

  function start() {
    var box = document.getElementById('search');
    if (!box) return;
    var form = box.querySelector('form');
    var input = box.querySelector('input[name="q"]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var note = document.getElementById('search-note');
    if (!form || !input || !status || !list || !more) return;
    // Browsers refuse fetch() from file:// pages; the note (shown by default) says so.
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    if (note) note.hidden = true;
    var rootText = box.getAttribute('data-root') || '../';
    var root = new URL(rootText, location.href);
    var style = box.getAttribute('data-digits') || 'latn';
    var engine = createEngine(function (p) {
      return fetch(new URL(p, root).href).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      });
    });
    var seq = 0; // the latest search; answers to older ones are dropped
    var timer = 0;
    var current = null;
    var shown = 0;

    function fail(e, my) {
      if (my !== seq) return;
      status.classList.add('search-error');
      status.textContent = 'تعذّر تحميل فهرس البحث (' + (e && e.message ? e.message : e) + '). أعد المحاولة لاحقاً.';
      more.hidden = true;
    }

    function showMore(my, focus) {
      var from = shown;
      var slice = current.hits.slice(from, from + PAGE);
      more.disabled = true;
      return engine.load(slice, current.terms).then(function (rs) {
        if (my !== seq) return;
        rs.forEach(function (r) { list.insertAdjacentHTML('beforeend', resultHtml(r, rootText)); });
        shown = from + rs.length;
        more.disabled = false;
        more.hidden = shown >= current.total;
        if (focus) {
          var first = list.children[from] && list.children[from].querySelector('a');
          if (first) first.focus();
        }
      });
    }

    function run(q) {
      var my = ++seq;
      clearTimeout(timer);
      var url = new URL(location.href);
      if (q.trim()) url.searchParams.set('q', q);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url.href);
      status.classList.remove('search-error');
      if (!queryTerms(q).length) {
        current = null;
        list.textContent = '';
        more.hidden = true;
        status.textContent = q.trim() ? 'اكتب كلمة من حرفين على الأقل.' : '';
        return;
      }
      status.textContent = 'جارٍ البحث…';
      engine.search(q).then(function (r) {
        if (my !== seq) return;
        current = r;
        shown = 0;
        list.textContent = '';
        status.textContent = countText(r.total, style);
        return showMore(my, false);
      }).catch(function (e) { fail(e, my); });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      run(input.value);
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 200);
    });
    more.addEventListener('click', function () {
      if (current) showMore(seq, true).catch(function (e) { fail(e, seq); });
    });
    var q = new URL(location.href).searchParams.get('q');
    if (q) {
      input.value = q;
      run(q);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
