import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymiseTexts, caseExampleDraft } from '../../src/knowledge/index';

const owner = {
  names: ['张伟'],
  phones: ['13812345678'],
  unitNumbers: ['3栋2单元1502'],
  openIds: ['oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'],
  emails: ['zhangwei88@163.com'],
};

describe('the case-library anonymiser', () => {
  it('removes the owner’s name, phone, unit, OpenID and email from a real complaint', () => {
    const { texts, removed } = anonymiseTexts(
      {
        description:
          '业主张伟（电话138 1234 5678，3栋2单元1502）来电投诉：卫生间顶部渗水已两周，楼上1602室无人应答。张先生要求三天内维修，否则向媒体反映。',
        note: '已通过微信（OpenID oUpF8uMuAJO_M2pxb1Q9zNjWeS6o）回复张伟，并发邮件至zhangwei88@163.com确认上门时间。',
        resolution: '维修完成，张先生签字确认；回访电话+86-138-1234-5678，业主满意。',
      },
      owner,
    );
    expect(texts.description).toBe(
      '业主[业主]（电话[电话]，[房号]）来电投诉：卫生间顶部渗水已两周，楼上[房号]无人应答。[业主]要求三天内维修，否则向媒体反映。',
    );
    expect(texts.note).toBe('已通过微信（OpenID [微信]）回复[业主]，并发邮件至[邮箱]确认上门时间。');
    expect(texts.resolution).toBe('维修完成，[业主]签字确认；回访电话[电话]，业主满意。');
    expect(removed).toEqual({ name: 4, phone: 2, unit: 2, openId: 1, email: 1 });
  });

  it('catches what the case did not record: another mobile, a landline, an address, a surname with 女士', () => {
    const { texts } = anonymiseTexts({
      t: '邻居李女士（13912345678）反映5号楼302室噪音，物业座机0571-88886666；12-3-1501的欧阳先生也来电。客服热线400-655-1000。',
    });
    expect(texts.t).toBe(
      '邻居[业主]（[电话]）反映[房号]噪音，物业座机[电话]；[房号]的[业主]也来电。客服热线400-655-1000。',
    );
  });

  it('keeps amounts, dates, times and the company hotline', () => {
    const text =
      '2026-11-20 14:30 上门，更换角阀2个，费用120元，赔偿金总额2000元，三天后回访。热线4008-655-100。';
    expect(anonymiseTexts({ text }).texts.text).toBe(text);
  });

  it('a case example: every text anonymised, the steps numbered, the lesson kept', () => {
    const draft = caseExampleDraft(
      {
        caseId: 'case_1',
        kind: 'complaint',
        category: 'leaks.window',
        description: '王芳女士反映8栋1单元0701飘窗渗水，电话18657112345。',
        handling: ['客服当日联系王女士预约', '施工单位30分钟内联系业主，次日打胶修复'],
        resolution: '暴雨后复查无渗漏，王芳满意。',
      },
      {
        title: '飘窗渗水投诉（王女士）',
        lesson: '雨季前排查同户型飘窗打胶',
        known: { names: ['王芳'], phones: ['18657112345'] },
      },
    );
    expect(draft.title).toBe('飘窗渗水投诉（[业主]）');
    expect(draft.body).toBe(
      '【问题】[业主]反映[房号]飘窗渗水，电话[电话]。\n【处理过程】\n1. 客服当日联系[业主]预约\n2. 施工单位30分钟内联系业主，次日打胶修复\n【处理结果】暴雨后复查无渗漏，[业主]满意。',
    );
    expect(draft).toMatchObject({
      kind: 'case_example',
      lesson: '雨季前排查同户型飘窗打胶',
      sourceCaseId: 'case_1',
    });
  });

  const chinese = fc.string({
    unit: fc.constantFrom(
      ...'的了是在有我他这中大来上个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴',
    ),
    minLength: 0,
    maxLength: 30,
  });
  const mobile = fc
    .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/))
    .map(([a, b]) => a + b);

  it('property: a known name, phone and email never survive, however the text around them reads', () => {
    fc.assert(
      fc.property(
        chinese,
        chinese,
        chinese,
        fc.constantFrom('赵敏', '欧阳娜娜', '孙悦'),
        mobile,
        fc.constantFrom('', ' ', '-'),
        (a, b, c, name, phone, sep) => {
          const spaced = `${phone.slice(0, 3)}${sep}${phone.slice(3, 7)}${sep}${phone.slice(7)}`;
          const text = `${a}${name}${b}${spaced}${c}owner.${phone.slice(5)}@qq.com`;
          const out = anonymiseTexts({ text }, { names: [name], phones: [phone] }).texts.text;
          expect(out).not.toContain(name);
          expect(out.replace(/\D/g, '')).not.toContain(phone);
          expect(out).not.toContain('@qq.com');
        },
      ),
    );
  });
});
