import { describe, expect, it } from 'vitest';
import { articleMatchScore, ngrams, rankSuggestions, searchTrigrams } from '../../src/knowledge/ranking';

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
