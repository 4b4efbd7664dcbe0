// Atom feeds, sitemap and robots.txt: well-formed XML, markup from dumps escaped, RFC 3339 dates, links that
// resolve (relative without base_url, absolute with it), linked from the home and topic pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/run.ts';
import { buildSite } from '../../src/site/build.ts';
import { loadArchive } from '../../src/site/archive.ts';
import { atomDate, sitemapUrls, urnUuid, xmlText } from '../../src/site/feeds.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

const EVIL = '<script>alert(1)</script> & «خبر» ]]> \u0001';
const content = contentDir();
await ingest({ paths: [path.join(ROOT, 'dumps')], content });
// A hand-written article (the contract allows them) whose title and body carry markup.
fs.writeFileSync(
  path.join(content, 'articles', 'evil.md'),
  `---\nid: e71e71e71e\ntitle: '${EVIL.replace(/'/g, "''")}'\ndate: 2030-01-02\ndate_kind: explicit\noutlet: '<b>Outlet</b>'\ntopics: [syria]\nsources: [evil.txt]\n---\n\nقال المسؤول إن <img src=x onerror=alert(1)> الخطة ستنفذ قريباً.\n`,
);
const plain = path.join(tempDir(), '_site');
const builtPlain = buildSite({ content, out: plain });

interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

/** A strict little XML reader: fails on unbalanced tags, a raw «<» or «&» in text, or an unknown entity. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const decode = (s: string) => {
    assert.doesNotMatch(s, /<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i, `raw markup in XML text: ${s.slice(0, 80)}`);
    assert.doesNotMatch(s, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'control character in XML');
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
    );
  };
  let at = 0;
  for (const m of body.matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g)) {
    stack.at(-1)!.text += decode(body.slice(at, m.index));
    at = m.index! + m[0].length;
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      const open = stack.pop()!;
      assert.equal(open.name, name, `</${name}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const el: XmlElement = { name: name!, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    if (!selfClose) stack.push(el);
  }
  stack.at(-1)!.text += decode(body.slice(at));
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)!.name}>`);
  assert.equal(root.children.length, 1);
  return root.children[0]!;
}

const kids = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
const kid = (el: XmlElement, name: string) => kids(el, name)[0]!;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

test('the archive feed is well-formed Atom with escaped text, valid dates and links that resolve', async () => {
  await builtPlain;
  const xml = fs.readFileSync(path.join(plain, 'feed.xml'), 'utf8');
  const feed = parseXml(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.attrs.xmlns, 'http://www.w3.org/2005/Atom');
  assert.match(kid(feed, 'updated').text, RFC3339);
  assert.match(kid(feed, 'id').text, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const entries = kids(feed, 'entry');
  const archive = loadArchive(content);
  assert.equal(entries.length, Math.min(50, archive.articles.filter((a) => a.meta.date).length), 'every dated article, none undated');
  for (const e of entries) {
    assert.match(kid(e, 'updated').text, RFC3339);
    assert.match(kid(e, 'id').text, /^urn:uuid:/);
    // Without base_url, links are relative to the feed file and must land on a page of the site.
    const href = kid(e, 'link').attrs.href!;
    assert.doesNotMatch(href, /^(\/|https?:)/);
    assert.ok(fs.existsSync(path.join(plain, decodeURIComponent(href))), href);
  }
  // Newest first: the 2030 article leads; its markup is text, in the title, the author and the content.
  const evil = entries[0]!;
  assert.equal(kid(evil, 'title').text, EVIL.replace('\u0001', ''));
  assert.equal(kid(kid(evil, 'author'), 'name').text, '<b>Outlet</b>');
  assert.equal(kid(evil, 'updated').text, '2030-01-02T00:00:00Z');
  assert.doesNotMatch(xml, /<script|<img|<b>/);
  const html = kid(evil, 'content').text;
  assert.match(html.replace(/<\/?bdi[^>]*>/g, ''), /&lt;img src=x onerror=alert\(1\)&gt;/, 'the body HTML escapes the markup itself');
  assert.doesNotMatch(html, /<img/);
  assert.deepEqual(kids(evil, 'category').map((c) => c.attrs.term), ['syria']);
  const dates = entries.map((e) => kid(e, 'updated').text);
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test('topic feeds exist for every topic and home and topic pages announce their feeds', async () => {
  await builtPlain;
  const archive = loadArchive(content);
  for (const t of archive.topics) {
    const feed = parseXml(fs.readFileSync(path.join(plain, 'topics', t.topic.slug, 'feed.xml'), 'utf8'));
    assert.ok(kid(feed, 'title').text.startsWith(t.topic.name));
    for (const e of kids(feed, 'entry')) assert.ok(fs.existsSync(path.join(plain, 'topics', t.topic.slug, decodeURIComponent(kid(e, 'link').attrs.href!))));
  }
  const home = fs.readFileSync(path.join(plain, 'index.html'), 'utf8');
  assert.match(home, /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="feed\.xml">/);
  const topic = fs.readFileSync(path.join(plain, 'topics/syria/index.html'), 'utf8');
  assert.match(topic, /type="application\/atom\+xml" title="[^"]+" href="feed\.xml">/);
  assert.match(topic, /type="application\/atom\+xml" title="[^"]+" href="\.\.\/\.\.\/feed\.xml">/);
  const article = fs.readFileSync(path.join(plain, 'a/e71e71e71e/index.html'), 'utf8');
  assert.doesNotMatch(article, /application\/atom\+xml/);
});

test('without base_url: no sitemap, robots.txt names none', async () => {
  await builtPlain;
  assert.ok(!fs.existsSync(path.join(plain, 'sitemap.xml')));
  assert.equal(fs.readFileSync(path.join(plain, 'robots.txt'), 'utf8'), 'User-agent: *\nAllow: /\n');
});

test('with base_url: absolute links, a sitemap of every article and list, robots.txt pointing to it', async () => {
  const c = contentDir();
  fs.cpSync(path.join(content, 'articles'), path.join(c, 'articles'), { recursive: true });
  fs.writeFileSync(path.join(c, '_data/site.yaml'), 'base_url: https://example.org/أرشيف/\n');
  const out = path.join(tempDir(), 'site');
  await buildSite({ content: c, out, pathPrefix: '/أرشيف/' });
  const base = 'https://example.org/%D8%A3%D8%B1%D8%B4%D9%8A%D9%81';
  const feed = parseXml(fs.readFileSync(path.join(out, 'feed.xml'), 'utf8'));
  assert.equal(kid(feed, 'id').text, `${base}/feed.xml`);
  for (const e of kids(feed, 'entry')) assert.match(kid(e, 'link').attrs.href!, new RegExp(`^${base}/a/[0-9a-z-]+/$`));
  const sitemap = parseXml(fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8'));
  assert.equal(sitemap.name, 'urlset');
  const locs = kids(sitemap, 'url').map((u) => kid(u, 'loc').text);
  const archive = loadArchive(c);
  assert.equal(locs.length, sitemapUrls(archive).length);
  for (const a of archive.articles) assert.ok(locs.includes(`${base}${a.url}`), a.url);
  for (const loc of locs) {
    assert.ok(loc.startsWith(`${base}/`), loc);
    const file = path.join(out, decodeURIComponent(loc.slice(base.length)), 'index.html');
    assert.ok(fs.existsSync(file), `sitemap URL without a page: ${loc}`);
  }
  assert.ok(!locs.some((l) => /\/search\/$/.test(l)));
  assert.equal(fs.readFileSync(path.join(out, 'robots.txt'), 'utf8'), `User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\n`);
});

test('helpers: dates only for real days, stable ids, XML text without control characters', () => {
  assert.equal(atomDate('2016-03-25'), '2016-03-25T00:00:00Z');
  assert.equal(atomDate('2016-02-31'), '');
  assert.equal(atomDate(undefined), '');
  assert.equal(urnUuid('x'), urnUuid('x'));
  assert.notEqual(urnUuid('x'), urnUuid('y'));
  assert.equal(xmlText('a\u0000b<c>&"\''), 'ab&lt;c&gt;&amp;&quot;&#39;');
});
