import { describe, expect, it } from 'vitest';
import {
  articleMatchScore,
  articleMatchScores,
  ngrams,
  rankSuggestions,
  searchTrigrams,
} from '../../src/knowledge/ranking';

describe('article match score', () => {
  const fee = { title: '物业费缴纳方式', body: '物业费可在服务中心前台、微信公众号或银行代扣缴纳。' };
  const pet = { title: '小区养犬规定', body: '遛狗须牵绳，及时清理粪便。' };

  it('prefers the article whose title the description says', () => {
    const q = '业主问物业费怎么缴纳，能不能用微信';
    expect(articleMatchScore(q, fee)).toBeGreaterThan(articleMatchScore(q, pet));
    expect(articleMatchScore(q, fee)).toBeGreaterThan(0.3);
    expect(articleMatchScore(q, pet)).toBe(0);
  });

  it('ignores spaces, punctuation and width', () => {
    expect([...ngrams('物业，费 ！')]).toEqual(['物业', '业费']);
    expect(articleMatchScore('ＡＢＣ', { title: 'abc', body: '' })).toBe(1);
    expect(articleMatchScore('，。', fee)).toBe(0);
  });

  it('looks candidates up by distinct trigrams, bounded', () => {
    expect(searchTrigrams('物业费物业费')).toEqual(['物业费', '业费物', '费物业']);
    expect(searchTrigrams('一二三四五六七八九十'.repeat(10), 5)).toHaveLength(5);
  });

  it('the scores feed the suggestion ranking', () => {
    const ranked = rankSuggestions('物业费怎么缴纳', [
      {
        articleId: 'a',
        kind: 'standard_answer',
        scopeLevel: 'tenant',
        matchScore: articleMatchScore('物业费怎么缴纳', fee),
      },
      {
        articleId: 'b',
        kind: 'standard_answer',
        scopeLevel: 'tenant',
        matchScore: articleMatchScore('物业费怎么缴纳', pet),
      },
    ]);
    expect(ranked.map((r) => r.articleId)).toEqual(['a']);
  });
});

describe('weighted match scores', () => {
  const fee = {
    title: '物业费的收费标准和缴纳方式',
    body: '物业费可通过微信公众号在线缴费，也可到前台缴纳。',
    tags: ['物业费', '缴费'],
  };
  const dun = { title: '催缴物业费话术', body: '您家本季度的物业费还未缴纳。', tags: ['话术'] };
  const lift = { title: '电梯困人应急处置', body: '安抚被困人员，通知维保单位。', tags: [] };

  it('a rare word outweighs one every answer has', () => {
    const [a, b, c] = articleMatchScores('业主询问物业费在哪里缴纳，可以微信缴费吗', [fee, dun, lift]);
    expect(a).toBeGreaterThan(b as number);
    expect(c).toBe(0);
  });

  it('is 0 for nothing meaningful and within 0..1', () => {
    expect(articleMatchScores('！！', [fee])).toEqual([0]);
    const [s] = articleMatchScores('电梯困人应急处置', [lift]);
    expect(s).toBeGreaterThan(0.9);
    expect(s).toBeLessThanOrEqual(1);
  });
});
