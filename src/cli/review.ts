// The review page: one self-contained HTML file (no script, no external asset) that shows every input of the
// last run beside the article it became: each line kept or dropped (greyed, with the rule that dropped it), the
// facts found with their evidence, and every doubt. Pure: data in, HTML string out, so the site build can
// publish the same page. Dump text is hostile: everything taken from inputs goes through esc().
import type { LineDecision } from '../ingest/record.ts';
import type { InputReport, Status } from '../ingest/run.ts';

export interface ReviewMessage {
  rule: string;
  text: string;
  line?: number | null;
}

/** The facts the cleaner found for one record (null or absent when not found). */
export interface ReviewFacts {
  title?: string | null;
  title_from?: string | null;
  date?: string | null;
  date_kind?: string | null;
  date_evidence?: string | null;
  place?: string | null;
  outlet?: string | null;
  credit?: string | null;
  topics?: string[] | null;
  story?: string | null;
  url?: string | null;
}

/** A record's review data, written by ingest for each input record (content/.arshif/entries/, src/ingest/entry-store.ts). */
export interface ReviewRecord {
  source: string;
  format: 'text' | 'html';
  /** The run report's status and article path are authoritative; these may be absent. */
  status?: Status;
  reason?: string | null;
  article?: string | null;
  lines: LineDecision[];
  facts: ReviewFacts;
  messages: ReviewMessage[];
}

/** One input of the run report, with its review record when ingest wrote one. */
export interface ReviewItem extends Pick<InputReport, 'path' | 'status' | 'article' | 'duplicate_of' | 'reason' | 'encoding'> {
  messages: ReviewMessage[];
  review?: ReviewRecord;
}

export interface ReviewOptions {
  /** Page heading (default: مراجعة التنظيف). */
  title?: string;
  /** When the run happened, shown under the heading (ISO string or free text). */
  generated?: string;
}

/** Marks a file as a review page arshif wrote (so a build may replace or remove it). */
export const REVIEW_GENERATOR = '<meta name="generator" content="arshif review page">';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESC[ch]!);
}

// Notes that only record a decision already visible elsewhere on the page (a dropped line, a fact), as
// opposed to doubts an editor should look at.
const RECORD_ONLY: RegExp[] = [/^dropped /, /^headline: /, /^subheading: /, /^dateline: /, /^credit: /, /^explicit date from /];

/** Whether a message is a doubt (worth an editor's look) rather than a record of a decision shown elsewhere. */
export function isDoubt(m: ReviewMessage, lines: LineDecision[] = []): boolean {
  if (RECORD_ONLY.some((re) => re.test(m.text))) return false;
  if (m.line != null && lines.some((l) => l.line === m.line && l.rule !== undefined && l.rule === m.rule && !/^(date|title|outlet)$/.test(m.rule))) return false;
  return true;
}

/** The doubts among an item's messages (the review record's when there is one). */
export function doubtsOf(item: ReviewItem): ReviewMessage[] {
  const messages = item.review?.messages ?? item.messages;
  return messages.filter((m) => isDoubt(m, item.review?.lines));
}

/** An article with no date: neither rejected nor lacking review data. */
export function isUndated(item: ReviewItem): boolean {
  if (item.status === 'rejected' || !item.review) return false;
  return !item.review.facts?.date;
}

const STATUS_AR: Record<Status, string> = { written: 'كُتب', unchanged: 'لم يتغير', duplicate: 'مكرر', rejected: 'مرفوض' };
const ROLE_AR: Record<string, string> = { title: 'العنوان', body: 'متن', heading: 'عنوان فرعي', dateline: 'سطر المكان', credit: 'المصدر', signature: 'التوقيع', byline: 'الكاتب' };
const DATE_KIND_AR: Record<string, string> = { explicit: 'صريح', inferred: 'مستنتج', none: 'بلا تاريخ' };
const TITLE_FROM_AR: Record<string, string> = { page: 'من الصفحة', lead: 'من الجملة الأولى' };

interface Group {
  id: string;
  label: string;
  test: (item: ReviewItem) => boolean;
}

const GROUPS: Group[] = [
  { id: 'rejected', label: 'مدخلات مرفوضة', test: (i) => i.status === 'rejected' },
  { id: 'undated', label: 'مقالات بلا تاريخ', test: isUndated },
  { id: 'doubts', label: 'مقالات فيها شكوك', test: (i) => i.status !== 'rejected' && doubtsOf(i).length > 0 },
  { id: 'duplicate', label: 'نسخ مكررة', test: (i) => i.status === 'duplicate' },
];

const CSS = `
:root{color-scheme:light;--fg:#1d1d1f;--muted:#6e6e73;--line:#e3e3e8;--drop-bg:#f4f4f6;--drop-fg:#5f5f66;--keep:#2e7d32;--warn:#8a4f00;--bad:#c62828;--chip:#eef1f7}
*{box-sizing:border-box}
body{margin:0;font:16px/1.7 "Noto Naskh Arabic","Geeza Pro","Segoe UI",Tahoma,sans-serif;color:var(--fg);background:#fff}
header,main{max-width:1400px;margin:0 auto;padding:0 1rem}
h1{font-size:1.5rem;margin:1rem 0 .25rem}
.meta{color:var(--muted);margin:0 0 1rem}
.toc{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem;padding:0;list-style:none}
.toc a{display:inline-block;padding:.2rem .7rem;border:1px solid var(--line);border-radius:999px;text-decoration:none;color:inherit;background:#fafafa}
.toc a:hover,.toc a:focus{border-color:#888}
.n{font-weight:bold;font-variant-numeric:tabular-nums}
.groups details{margin:.25rem 0}
.groups summary{cursor:pointer}
.groups ul{margin:.25rem 0 .5rem;columns:2 24rem}
.filter{display:block;height:0;overflow:hidden}
.filter:target~.cards>.card{display:none}
${GROUPS.map((g) => `#f-${g.id}:target~.cards>.card.g-${g.id}`).join(',')}{display:grid}
.filter-note{display:none;background:#fff8e1;border:1px solid #f0d48a;padding:.4rem .8rem;border-radius:6px;margin:.5rem 0}
${GROUPS.map((g) => `#f-${g.id}:target~.note-${g.id}`).join(',')}{display:block}
.card{display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:1rem;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin:1rem 0;scroll-margin-top:1rem}
.card>h2{grid-column:1/-1;margin:0;font-size:1.1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.card>h2 code{font-size:.95rem;direction:ltr;unicode-bidi:isolate}
.status{font-size:.8rem;padding:0 .5rem;border-radius:4px;background:var(--chip)}
.s-written .status{background:#e3f4e4;color:var(--keep)}
.s-rejected{border-color:#f0b4b4}
.s-rejected .status{background:#fde7e7;color:var(--bad)}
.s-duplicate .status{background:#fff3dc;color:var(--warn)}
.reason{grid-column:1/-1;margin:0;color:var(--bad);font-weight:bold}
@media (max-width:900px){.card{grid-template-columns:1fr}}
h3{font-size:.95rem;color:var(--muted);margin:.25rem 0}
.lines{margin:0;padding:0;list-style:none;border-top:1px solid var(--line)}
.l{display:grid;grid-template-columns:3.2em minmax(0,1fr) auto;gap:.5rem;padding:.1rem .3rem;border-bottom:1px solid var(--line);border-inline-start:4px solid var(--keep)}
.l .no{color:var(--muted);font-size:.8rem;text-align:end;font-variant-numeric:tabular-nums;direction:ltr}
.l .tx{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
.l .tag{font-size:.75rem;align-self:center;white-space:nowrap}
.l.drop{background:var(--drop-bg);border-inline-start-color:#c7c7cc;color:var(--drop-fg)}
.l.drop{border-inline-start-style:dashed}
.l.drop:not(:hover):not(:focus) .tx{display:-webkit-box;-webkit-line-clamp:3;line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.l.drop:focus{outline:2px solid #888}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
.legend{color:var(--muted);font-size:.85rem;margin:.25rem 0 0}
.legend .k{border-inline-start:4px solid var(--keep);padding-inline-start:.3rem}
.legend .d{border-inline-start:4px dashed #c7c7cc;background:var(--drop-bg);color:var(--drop-fg);padding-inline-start:.3rem}
.l.title .tx,.l.heading .tx{font-weight:bold}
.rule{display:inline-block;font-family:ui-monospace,Menlo,Consolas,monospace;direction:ltr;background:#e9e9ee;color:#444;border-radius:4px;padding:0 .35rem}
.role{color:var(--keep)}
.l:target{outline:2px solid #f0b400}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem .75rem;margin:0 0 .75rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.ev{color:var(--muted);font-size:.85rem}
.missing{color:var(--muted);font-style:italic}
.article{border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem;background:#fcfcfd}
.article h4{margin:.25rem 0 .5rem;font-size:1.15rem}
.article h5{margin:.75rem 0 .25rem;font-size:1rem}
.article p{margin:0 0 .6rem}
.msgs{margin:.25rem 0 0;padding:0;list-style:none}
.msgs li{padding:.15rem 0;border-bottom:1px dotted var(--line)}
.msgs .doubt{color:var(--warn)}
.msgs a{color:inherit;font-size:.8rem}
.nodata{color:var(--muted)}
`;

/** Renders the review page for a run: a table of contents with counts, then one card per input. */
export function renderReview(items: ReviewItem[], options: ReviewOptions = {}): string {
  const title = options.title ?? 'مراجعة التنظيف';
  const ids = new Map<string, string>();
  items.forEach((item, i) => ids.set(item.path, `i${i + 1}`));
  const groups = GROUPS.map((g) => ({ ...g, items: items.filter(g.test) }));
  const classes = (item: ReviewItem) => groups.filter((g) => g.items.includes(item)).map((g) => `g-${g.id}`);

  const toc = [
    `<li><a href="#all">كل المدخلات <span class="n">${items.length}</span></a></li>`,
    ...groups.map((g) => `<li><a href="#f-${g.id}">${esc(g.label)} <span class="n">${g.items.length}</span></a></li>`),
  ].join('');
  const lists = groups
    .filter((g) => g.items.length)
    .map((g) => `<details><summary>${esc(g.label)} (${g.items.length})</summary><ul>${g.items.map((i) => `<li><a href="#${ids.get(i.path)}"><bdi>${esc(i.path)}</bdi></a>${i.reason ? ` — <bdi>${esc(i.reason)}</bdi>` : ''}</li>`).join('')}</ul></details>`)
    .join('');
  const totals = (['written', 'unchanged', 'duplicate', 'rejected'] as Status[]).map((s) => `${STATUS_AR[s]}: ${items.filter((i) => i.status === s).length}`).join(' · ');

  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${REVIEW_GENERATOR}
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header id="all">
<h1>${esc(title)}</h1>
<p class="meta">${options.generated ? `${esc(options.generated)} · ` : ''}${totals}</p>
<p class="legend"><span class="k">سطر محفوظ</span> · <span class="d">سطر محذوف</span> ومعه <span class="rule">rule</span> القاعدة التي حذفته (مرّر المؤشر عليها لترى السبب)</p>
<nav aria-label="الأقسام"><ul class="toc">${toc}</ul><div class="groups">${lists}</div></nav>
</header>
<main>
${groups.map((g) => `<span class="filter" id="f-${g.id}"></span>`).join('')}
${groups.map((g) => `<p class="filter-note note-${g.id}">يُعرض الآن: ${esc(g.label)} (${g.items.length}) — <a href="#all">عرض الكل</a></p>`).join('')}
<div class="cards">
${items.map((item) => card(item, ids.get(item.path)!, classes(item), ids)).join('\n')}
</div>
</main>
</body>
</html>
`;
}

function card(item: ReviewItem, id: string, groupClasses: string[], ids: Map<string, string>): string {
  const r = item.review;
  const head = `<h2><code dir="ltr">${esc(item.path)}</code><span class="status">${esc(STATUS_AR[item.status] ?? item.status)}</span>${item.encoding && item.encoding !== 'utf-8' ? `<span class="ev">${esc(item.encoding)}</span>` : ''}${r && r.format !== 'text' ? `<span class="ev">${esc(r.format)}</span>` : ''}</h2>`;
  const reason = item.status === 'rejected' ? `<p class="reason">سبب الرفض: <bdi>${esc(item.reason ?? r?.reason ?? 'غير مذكور')}</bdi></p>` : '';
  const source = r
    ? `<section class="src"><h3>المصدر: ${r.lines.filter((l) => !isDropped(l)).length} سطراً محفوظاً من ${r.lines.length}</h3><ol class="lines">${r.lines.map((l) => lineRow(l, id)).join('')}</ol></section>`
    : item.status === 'rejected'
      ? `<section class="src"><h3>المصدر</h3><p class="nodata">لا أسطر مقروءة في هذا المدخل.</p></section>`
      : `<section class="src"><h3>المصدر</h3><p class="nodata">لا بيانات مراجعة لهذا المدخل (شغّل <code dir="ltr">arshif ingest</code> من جديد).</p></section>`;
  const side = `<section class="art">${articleSide(item, id, ids)}</section>`;
  return `<article class="${['card', `s-${item.status}`, ...groupClasses].join(' ')}" id="${id}">${head}${reason}${source}${side}</article>`;
}

/** A line the article does not keep: it has a rule and did not become the title, a heading or a metadata line. */
export function isDropped(l: LineDecision): boolean {
  return Boolean(l.rule) && !l.role;
}

function lineRow(l: LineDecision, cardId: string): string {
  const dropped = isDropped(l);
  const cls = ['l', dropped ? 'drop' : 'keep', !dropped && l.role ? l.role : ''].filter(Boolean).join(' ');
  const tag = dropped
    ? `<span class="tag"><span class="rule" title="${esc(l.reason ?? '')}">${esc(l.rule)}</span></span>`
    : l.role && l.role !== 'body'
      ? `<span class="tag role">${esc(ROLE_AR[l.role] ?? l.role)}${l.rule ? ` <span class="rule" title="${esc(l.reason ?? '')}">${esc(l.rule)}</span>` : ''}</span>`
      : '<span class="tag"></span>';
  // A dropped line shows its first three lines; hovering or focusing it (tab) shows it all.
  return `<li class="${cls}" id="${cardId}-l${esc(l.line)}"${dropped ? ' tabindex="0"' : ''}><span class="no">${esc(l.line)}</span><span class="tx" dir="auto">${esc(l.text)}</span>${tag}</li>`;
}

function fact(label: string, value: string | null | undefined, extra = '', ltr = false): string {
  return `<dt>${label}</dt><dd>${value ? `<bdi${ltr ? ' dir="ltr" class="path"' : ''}>${esc(value)}</bdi>` : '<span class="missing">—</span>'}${extra}</dd>`;
}

function articleSide(item: ReviewItem, cardId: string, ids: Map<string, string>): string {
  const r = item.review;
  const out: string[] = [];
  if (item.status === 'duplicate' && item.duplicate_of) {
    const target = ids.get(item.duplicate_of);
    out.push(`<p>نسخة من ${target ? `<a href="#${target}"><bdi>${esc(item.duplicate_of)}</bdi></a>` : `<bdi>${esc(item.duplicate_of)}</bdi>`}</p>`);
  }
  if (r && item.status !== 'rejected') {
    const f = r.facts ?? {};
    const dateExtra = [f.date_kind ? ` <span class="ev">(${esc(DATE_KIND_AR[f.date_kind] ?? f.date_kind)})</span>` : '', f.date_evidence ? `<br><span class="ev">الدليل: «<bdi>${esc(f.date_evidence)}</bdi>»</span>` : ''].join('');
    out.push(
      '<h3>الحقائق</h3><dl class="facts">',
      fact('العنوان', f.title, f.title_from ? ` <span class="ev">(${esc(TITLE_FROM_AR[f.title_from] ?? f.title_from)})</span>` : ''),
      fact('التاريخ', f.date, dateExtra),
      fact('المكان', f.place),
      fact('المصدر', f.outlet),
      fact('النسبة', f.credit),
      fact('المواضيع', f.topics && f.topics.length ? f.topics.join('، ') : null),
      fact('القصة', f.story, '', true),
      fact('الرابط', f.url, '', true),
      fact('الملف', item.article ?? r.article, '', true),
      '</dl>',
    );
    out.push(`<h3>المقال</h3><div class="article">${articleBody(r)}</div>`);
  } else if (item.article) {
    out.push(`<p>الملف: <bdi dir="ltr" class="path">${esc(item.article)}</bdi></p>`);
  }
  const messages = r?.messages ?? item.messages;
  if (messages.length) {
    const lines = r?.lines ?? [];
    const doubts = messages.filter((m) => isDoubt(m, lines));
    out.push(`<h3>ملاحظات (${messages.length}${doubts.length ? `، منها ${doubts.length} شكوك` : ''})</h3><ul class="msgs">`);
    // Doubts first: they are what the editor is here for.
    for (const m of [...doubts, ...messages.filter((m) => !doubts.includes(m))]) {
      const link = m.line != null && lines.some((l) => l.line === m.line) ? ` <a href="#${cardId}-l${esc(m.line)}">سطر ${esc(m.line)}</a>` : m.line != null ? ` <span class="ev">سطر ${esc(m.line)}</span>` : '';
      out.push(`<li class="${doubts.includes(m) ? 'doubt' : 'note'}"><span class="rule">${esc(m.rule)}</span> <bdi>${esc(m.text)}</bdi>${link}</li>`);
    }
    out.push('</ul>');
  }
  return out.join('');
}

function articleBody(r: ReviewRecord): string {
  const kept = r.lines.filter((l) => !isDropped(l));
  if (!kept.length) return '<p class="missing">لا نص محفوظ.</p>';
  const title = r.facts?.title;
  const parts: string[] = [title ? `<h4 dir="auto">${esc(title)}</h4>` : ''];
  for (const l of kept) {
    if (l.role === 'title') continue; // shown above, from the facts
    if (l.role === 'heading') parts.push(`<h5 dir="auto">${esc(l.text)}</h5>`);
    else if (!l.role || l.role === 'body') parts.push(`<p dir="auto">${esc(l.text)}</p>`);
    else parts.push(`<p class="ev" dir="auto">${esc(ROLE_AR[l.role] ?? l.role)}: ${esc(l.text)}</p>`);
  }
  return parts.join('');
}
