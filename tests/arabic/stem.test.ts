import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { matchKey } from '../../src/arabic/normalize.ts';
import { guardedForm, lightStem, stripClitics } from '../../src/arabic/stem.ts';
import { NAME_GUARD, nameGuard } from '../../src/arabic/names.ts';
import { loadTopics } from '../../src/enrich/topics.ts';
import { ROOT } from '../helpers.ts';

const k = matchKey;
const taxonomy = loadTopics(path.join(ROOT, 'content/_data/topics.yaml'));

test('without a guard, the generic rules cut the first letters of names (what the guard is for)', () => {
  assert.equal(stripClitics(k('بيروت')), 'يروت');
  assert.equal(stripClitics(k('لبنان')), 'بنان');
  assert.equal(stripClitics(k('فلسطين')), 'سطين');
  assert.equal(stripClitics(k('فباريس')), 'اريس');
  assert.equal(lightStem(k('برلين')), 'برل');
});

test('names keep their own first letters, with or without clitics in front', () => {
  const g = NAME_GUARD;
  for (const [word, bare] of [
    ['بيروت', 'بيروت'], ['وبيروت', 'بيروت'], ['ببيروت', 'بيروت'], ['لبيروت', 'بيروت'],
    ['لبنان', 'لبنان'], ['للبنان', 'لبنان'], ['ولبنان', 'لبنان'],
    ['فلسطين', 'فلسطين'], ['وفلسطين', 'فلسطين'], ['كابول', 'كابول'], ['بكابول', 'كابول'],
    ['ليبيا', 'ليبيا'], ['بليبيا', 'ليبيا'], ['واشنطن', 'واشنطن'], ['وواشنطن', 'واشنطن'], ['بواشنطن', 'واشنطن'],
    ['فباريس', 'باريس'], ['لندن', 'لندن'], ['بلندن', 'لندن'], ['بكين', 'بكين'], ['وبكين', 'بكين'],
    ['فيينا', 'فيينا'], ['بفيينا', 'فيينا'], ['بوتين', 'بوتين'], ['لافروف', 'لافروف'], ['ولافروف', 'لافروف'],
    ['برلين', 'برلين'], ['الكويت', 'كويت'], ['بالكويت', 'كويت'], ['للكويت', 'كويت'], ['والكويت', 'كويت'],
    ['وزير', 'وزير'], ['والوزير', 'وزير'], ['ولي', 'ولي'], ['والي', 'والي'], ['وكالة', 'وكاله'], ['بيان', 'بيان'],
  ]) {
    assert.equal(stripClitics(k(word!), g), k(bare!), `stripClitics ${word}`);
    assert.equal(lightStem(k(word!), g), k(bare!), `lightStem ${word}`);
  }
});

test('guarded names lose no suffix letters: ين ات ون ية ة ان are theirs', () => {
  const g = NAME_GUARD;
  assert.equal(lightStem(k('برلين'), g), 'برلين');
  assert.equal(lightStem(k('بكين'), g), 'بكين');
  assert.equal(lightStem(k('بوتين'), g), 'بوتين');
  assert.equal(lightStem(k('فلسطين'), g), 'فلسطين');
  assert.equal(lightStem(k('بيلاروسيا'), g), k('بيلاروسيا'));
  assert.equal(lightStem(k('تونس'), g), 'تونس');
  assert.equal(lightStem(k('والكويت'), g), 'كويت');
  assert.equal(lightStem(k('غزة'), g), 'غزه');
  assert.equal(lightStem(k('القاهرة'), g), 'قاهره');
  assert.equal(lightStem(k('وجدة'), g), 'وجده');
});

test('ordinary words are still stripped and stemmed, guard or not', () => {
  for (const g of [undefined, NAME_GUARD, taxonomy.guard]) {
    assert.equal(stripClitics(k('والكهرباء'), g), k('كهرباء'));
    assert.equal(stripClitics(k('بالمباراة'), g), k('مباراة'));
    assert.equal(stripClitics(k('للاقتصاد'), g), k('اقتصاد'));
    assert.equal(stripClitics(k('بسوريا'), g), k('سوريا'));
    assert.equal(stripClitics(k('للأمم'), g), 'امم');
    assert.equal(lightStem(k('الانتخابات'), g), 'انتخاب');
    assert.equal(lightStem(k('والمعلمون'), g), 'معلم');
    assert.equal(lightStem(k('بالمدرسة'), g), 'مدرس');
  }
});

test('the taxonomy guard protects every alias token of names (not themes), but not a clitic on another alias word', () => {
  const g = taxonomy.guard;
  // Names from the taxonomy that are not in the hand list.
  assert.equal(stripClitics(k('وبنغازي'), g), k('بنغازي'));
  assert.equal(stripClitics(k('لفاغنر'), g), k('فاغنر'));
  assert.equal(stripClitics(k('البنتاغون'), g), k('بنتاغون'));
  assert.equal(stripClitics(k('واللبنانيين'), g), k('لبنانيين'));
  assert.equal(stripClitics(k('للفلسطينيين'), g), k('فلسطينيين'));
  // «لمحاربة» in «التحالف الدولي لمحاربة داعش» is ل + محاربة (also an alias word): it is not guarded.
  assert.ok(!g.has(k('لمحاربة')));
  assert.equal(stripClitics(k('لمحاربة'), g), k('محاربة'));
  assert.equal(guardedForm(k('وبالبنتاغون'), g), k('بنتاغون'));
  assert.equal(guardedForm(k('والانتخابات'), g), undefined); // a theme word: the rules cut it
  assert.equal(lightStem(k('والانتخابات'), g), 'انتخاب');
});

test('nameGuard adds article-less match keys of extra names', () => {
  const g = nameGuard(['البوسنة', 'لوغانسك']);
  assert.equal(stripClitics(k('بالبوسنة'), g), k('بوسنة'));
  assert.equal(stripClitics(k('ولوغانسك'), g), k('لوغانسك'));
  assert.equal(stripClitics(k('ولوغانسك')), k('وغانسك'));
});
