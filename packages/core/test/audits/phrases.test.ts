import { describe, expect, it } from 'vitest';
import { checkPhrases, normalisePhraseText } from '../../src/audits/index';

describe('checking a hotline transcript for the greeting, polite words and forbidden phrases', () => {
  const call = '您好，这里是阳光花园物业服务中心，请问有什么可以帮您？……好的，请稍等。谢谢您的耐心，再见。';

  it('the greeting script with the project name substituted is recognised', () => {
    const r = checkPhrases(call, { projectName: '阳光花园' });
    expect(r.greeting).toEqual({
      expected: '您好，这里是阳光花园物业服务中心，请问有什么可以帮您？',
      matched: true,
    });
  });

  it('a greeting naming another estate does not count when the project name is known', () => {
    expect(checkPhrases(call, { projectName: '明月小区' }).greeting.matched).toBe(false);
  });

  it('without a project name, any estate name in the placeholder matches', () => {
    expect(checkPhrases(call).greeting.matched).toBe(true);
  });

  it('half-width punctuation, spaces from speech-to-text and different pauses still match the greeting', () => {
    const asr = '您 好 , 这里是 阳光花园 物业服务中心 请问有什么可以帮您?';
    expect(checkPhrases(asr, { projectName: '阳光花园' }).greeting.matched).toBe(true);
  });

  it('lists the polite words used and missing', () => {
    const r = checkPhrases(call);
    expect(r.politeWords.used).toEqual(['您好', '谢谢', '请问', '请稍等', '再见']);
    expect(r.politeWords.missing).toEqual(['对不起', '请原谅', '不客气']);
  });

  it('a forbidden phrase inside a longer sentence still counts, and each occurrence is counted', () => {
    const r = checkPhrases('这个我也不知道呢，真的不知道。我们不管这个，您找开发商。');
    expect(r.forbiddenHeard).toEqual([
      { phrase: '不知道', count: 2 },
      { phrase: '我们不管', count: 1 },
    ]);
  });

  it('spaces inside a forbidden phrase do not hide it, but a sentence break does', () => {
    expect(checkPhrases('这个 不 清 楚').forbiddenHeard).toEqual([{ phrase: '不清楚', count: 1 }]);
    expect(checkPhrases('不，知道了，马上派人。').forbiddenHeard).toEqual([]);
  });

  it('a clean call hears no forbidden phrase', () => {
    expect(checkPhrases(call).forbiddenHeard).toEqual([]);
  });

  it('normalisation turns full-width letters and punctuation half-width and drops whitespace', () => {
    expect(normalisePhraseText('ＡＢＣ　１２３，好 的？')).toBe('abc123,好的?');
  });
});
