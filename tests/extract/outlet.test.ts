import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyrightName, isMediaName } from '../../src/extract/outlet.ts';
import { parseDateline, parseLeadDateline, isWireAgency } from '../../src/extract/dateline.ts';
import { parseCredit } from '../../src/extract/credit.ts';
import { splitSiteSuffix, stripHashtags } from '../../src/extract/title.ts';

test('copyright lines name the site in their common shapes; a media group is not the outlet', () => {
  assert.equal(copyrightName('جميع الحقوق محفوظة © 2024 صوت الكنانة'), 'صوت الكنانة');
  assert.equal(copyrightName('حقوق النشر © نبض الخليج 2024'), 'نبض الخليج');
  assert.equal(copyrightName('بوابة المحروسة © ٢٠٢٤ - جميع الحقوق محفوظة'), 'بوابة المحروسة');
  assert.equal(copyrightName('جميع الحقوق محفوظة للأطلس اليوم © 2024'), 'الأطلس اليوم');
  assert.equal(copyrightName('© 2024 صحيفة الساحل. جميع الحقوق محفوظة'), 'صحيفة الساحل');
  assert.equal(copyrightName('جميع الحقوق محفوظة لمجموعة العرب اليوم الاعلامية 2023 ©'), null);
  assert.equal(copyrightName('قال الوزير إن الحقوق يجب أن تصان'), null);
});

test('datelines in their common shapes give the place and the party', () => {
  assert.deepEqual(parseDateline('دمشق - المغرب اليوم'), { place: 'دمشق', party: 'المغرب اليوم', text: 'دمشق - المغرب اليوم' });
  assert.equal(parseDateline('موسكو-سانا')?.party, 'سانا');
  assert.equal(parseDateline('القاهرة - أ ف ب')?.place, 'القاهرة');
  assert.ok(isWireAgency('أ ف ب'));
  assert.equal(parseDateline('دمشق، سوريا (CNN) --')?.party, 'CNN');
  assert.equal(parseDateline('كتب محمد علي - القاهرة')?.place, 'القاهرة');
  assert.equal(parseDateline('قال الوزير - في بيان'), null);
  assert.equal(parseLeadDateline('بيروت - أعلن وزير الصحة اللبناني أن')?.place, 'بيروت');
  assert.equal(parseLeadDateline('بيروت - أعلن وزير الصحة اللبناني أن')?.party, undefined);
});

test('credits, title affixes, hashtags and media names', () => {
  assert.equal(parseCredit('المصدر: وكالات'), 'وكالات');
  assert.equal(parseCredit('المصدر : رويترز'), 'رويترز');
  assert.deepEqual(splitSiteSuffix('الرياض تمدد خفض إنتاجها النفطي | صوت الضفتين'), { headline: 'الرياض تمدد خفض إنتاجها النفطي', site: 'صوت الضفتين' });
  assert.deepEqual(splitSiteSuffix('غزة - مقتل 11 فلسطينيا بينهم 3 صحفيين'), { headline: 'غزة - مقتل 11 فلسطينيا بينهم 3 صحفيين' });
  assert.deepEqual(stripHashtags('#لافروف: الجهود في #سوريا'), { text: 'لافروف: الجهود في سوريا', tags: ['لافروف', 'سوريا'] });
  assert.ok(isMediaName('سيريان تلغراف'));
  assert.ok(!isMediaName('عبد الإله السباعي'));
});
