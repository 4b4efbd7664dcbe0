import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldDigits, matchKey } from '../../src/arabic/normalize.ts';
import { lightStem, stripClitics } from '../../src/arabic/stem.ts';
import { arabicSlug } from '../../src/arabic/slug.ts';
import { findDates } from '../../src/arabic/dates.ts';

test('match keys fold alef forms, ya/alef maqsura, ta marbuta, tatweel, marks, digits and invisibles', () => {
  assert.equal(matchKey('أَحْمَدُ'), 'احمد');
  assert.equal(matchKey('ٱلله'), 'الله');
  assert.equal(matchKey('العـــربية'), 'العربيه');
  assert.equal(matchKey('إلى مصطفى'), 'الي مصطفي');
  assert.equal(matchKey('مصر\u200f'), 'مصر');
  assert.equal(matchKey('کتاب'), 'كتاب');
  assert.equal(foldDigits('١٢٫٥٪ و۲۰۲۴'), '12.5% و2024');
  assert.equal(matchKey('مسؤول'), matchKey('مسوول'));
});

test('match keys collapse white space to single spaces, also around dropped marks and invisibles', () => {
  assert.equal(matchKey('  نص \t\u00a0 آخر  '), 'نص اخر');
  assert.equal(matchKey('نص \u200f'), 'نص');
  assert.equal(matchKey('نص \u064e نص'), 'نص نص');
  assert.equal(matchKey('ـ \tBx \u200f'), 'bx');
  assert.equal(matchKey('É \u064e\t   \u064e  ﻻ'), 'é لا');
  assert.equal(matchKey('أ ١\u064e  \u200f… \u200f'), 'ا 1 ...');
  assert.equal(matchKey('قال ة Ab'), 'قال ه ab');
});

test('display text is never folded: the slug keeps letters as written, without marks', () => {
  assert.equal(arabicSlug('أَخْبَارُ الـيَوْم في مصر'), 'أخبار-اليوم-في-مصر');
  assert.ok(arabicSlug('لافروف: الجهود الدولية السياسية في سوريا مرتبطة بمدى الحزم في مكافحة الإرهاب').length <= 60);
});

test('clitic stripping and light stemming on real words, with a guard for names', () => {
  assert.equal(stripClitics(matchKey('بسوريا')), 'سوريا');
  assert.equal(stripClitics(matchKey('والسعودية')), 'سعوديه');
  assert.equal(stripClitics(matchKey('للأمم')), 'امم');
  assert.equal(lightStem(matchKey('والمعلمون')), 'معلم');
  assert.equal(lightStem(matchKey('الانتخابات')), 'انتخاب');
  const guard = new Set([matchKey('وزير'), matchKey('غزة')]);
  assert.equal(lightStem(matchKey('وزير'), guard), matchKey('وزير'));
  assert.equal(lightStem(matchKey('وزير')), 'زير'); // what the guard prevents
});

test('month names only count inside a day–month pattern', () => {
  assert.equal(findDates('قال الأب إن آب يعود').length, 0);
  assert.deepEqual(findDates('في 3 آب 2020').map((d) => [d.year, d.month, d.day]), [[2020, 8, 3]]);
  assert.deepEqual(findDates('ديسمبركانون الأول').length, 0);
});
