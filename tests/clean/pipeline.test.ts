// The cleaning plugins are unified plugins: run through unified's own runner they must decide every block
// of a page exactly as cleanTree's loop does, on the sample dumps and on a site with a learned template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { PLUGINS, cleanTree } from '../../src/clean/pipeline.ts';
import { blocksOf, info } from '../../src/parse/blocks.ts';
import { parseTextDump } from '../../src/parse/text.ts';
import { stateOf } from '../../src/clean/state.ts';
import { learnTemplates, lineKeys } from '../../src/clean/template.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dumps = (dir: string) =>
  fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8'));

function viaUnified(text: string, template?: Set<string>) {
  const processor = unified();
  for (const [name, plugin] of PLUGINS) processor.use(plugin as never, name === 'template' ? { template } : undefined);
  const tree = parseTextDump(text);
  const file = new VFile();
  processor.runSync(tree as never, file);
  return { tree, file };
}

const decisions = (tree: ReturnType<typeof parseTextDump>) => blocksOf(tree).map((el) => ({ line: info(el).line, drop: info(el).drop?.rule, role: info(el).role, klass: info(el).klass }));

test('unified runs the cleaning plugins to the same decisions as cleanTree', () => {
  const texts = [...dumps('dumps'), ...dumps('tests/fixtures/extra')];
  assert.ok(texts.length >= 15);
  for (const text of texts) {
    const a = viaUnified(text);
    const tree = parseTextDump(text);
    const b = cleanTree(tree, new VFile());
    assert.deepEqual(decisions(a.tree), decisions(tree));
    assert.equal(stateOf(a.file).title?.value, b.state.title?.value);
    assert.equal(stateOf(a.file).date?.value, b.state.date?.value);
    assert.deepEqual(a.file.messages.map((m) => `${m.ruleId} ${m.reason}`), b.file.messages.map((m) => `${m.ruleId} ${m.reason}`));
  }
});

test('a template given as the plugin option drops the same lines as one given to cleanTree', () => {
  const texts = dumps('tests/fixtures/extra').slice(0, 6);
  // A template made of every line of the first page: on that page the menus and the article lines all count.
  const template = learnTemplates(texts.map((t, i) => ({ id: String(i), keys: lineKeys(t.split('\n')) })));
  const own = new Set([...lineKeys(texts[0]!.split('\n'))].slice(0, 12));
  for (const t of [template.get('0') ?? own, own]) {
    const a = viaUnified(texts[0]!, t);
    const tree = parseTextDump(texts[0]!);
    cleanTree(tree, new VFile(), { template: t });
    const dropped = decisions(a.tree).filter((d) => d.drop === 'template');
    assert.ok(dropped.length > 0, 'the template drops lines');
    assert.deepEqual(decisions(a.tree), decisions(tree));
  }
});
