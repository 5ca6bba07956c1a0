import { labelOf, type OwnerLocale } from './owner-labels';

/*
 * What an owner reads on the public report page (业主自助报修) and the chase (催单) on the owner
 * page, Chinese first with English. `{n}`, `{at}` and the like are filled in by `reportText`.
 */

const text = {
  title: { 'zh-CN': '在线报事报修', en: 'Report a problem' },
  intro: {
    'zh-CN': '请填写您的手机号、房号和问题，我们会发送短信验证码确认您的手机号。',
    en: 'Give your mobile number, your unit and the problem; we text you a code to confirm your number.',
  },
  pickBuilding: { 'zh-CN': '请选择楼栋', en: 'Choose your building' },
  noBuildings: {
    'zh-CN': '该项目暂未登记楼栋，请致电物业服务中心。',
    en: 'No buildings are listed for this estate yet; please call the property service centre.',
  },
  otherBuilding: { 'zh-CN': '选择其他楼栋', en: 'Choose another building' },
  phone: { 'zh-CN': '手机号', en: 'Mobile number' },
  unit: { 'zh-CN': '房号', en: 'Unit' },
  pickUnit: { 'zh-CN': '请选择房号', en: 'Choose your unit' },
  kind: { 'zh-CN': '类型', en: 'Type' },
  category: { 'zh-CN': '类别', en: 'Category' },
  description: { 'zh-CN': '问题描述', en: 'What is the problem?' },
  photos: {
    'zh-CN': '照片（选填，最多 6 张，每张不超过 10 MB）',
    en: 'Photos (optional, up to 6, 10 MB each)',
  },
  sendCode: { 'zh-CN': '获取短信验证码', en: 'Text me a code' },
  codeSent: {
    'zh-CN': '验证码已发送至 {phone}，10 分钟内有效。请输入验证码并提交。',
    en: 'We texted a code to {phone}; it is valid for 10 minutes. Enter it and submit.',
  },
  code: { 'zh-CN': '短信验证码', en: 'Code from the text' },
  resend: { 'zh-CN': '重新获取验证码', en: 'Send a new code' },
  submit: { 'zh-CN': '提交报修', en: 'Submit' },
  filed: { 'zh-CN': '提交成功，我们已受理您的工单。', en: 'Thank you: your case is received.' },
  archiveNo: { 'zh-CN': '工单号', en: 'Case number' },
  ownerLinkHint: {
    'zh-CN': '请收藏下面的链接，可随时查看处理进度、催单和评价：',
    en: 'Keep this link to follow your case, chase it and rate it:',
  },
  openCase: { 'zh-CN': '查看我的工单', en: 'Open my case' },
  reportAnother: { 'zh-CN': '继续报修', en: 'Report something else' },
  // Refusals: each says what to do.
  notFound: {
    'zh-CN': '未找到该报修页面。请重新扫描物业张贴的二维码，或致电物业服务中心。',
    en: 'This report page was not found. Scan the QR code posted by your property manager again, or call the service centre.',
  },
  badPhone: {
    'zh-CN': '请输入 11 位中国大陆手机号，例如 13800001111。',
    en: 'Enter an 11-digit mainland China mobile number, e.g. 13800001111.',
  },
  badUnit: { 'zh-CN': '请从列表中选择您的房号。', en: 'Choose your unit from the list.' },
  badKind: { 'zh-CN': '请选择类型。', en: 'Choose a type.' },
  badCategory: { 'zh-CN': '请选择类别。', en: 'Choose a category.' },
  badDescription: {
    'zh-CN': '请描述问题（最多 2000 字）。',
    en: 'Describe the problem (at most 2000 characters).',
  },
  badCode: {
    'zh-CN': '验证码不正确，请核对短信后重新输入（还可尝试 {n} 次）。',
    en: 'That code is not right. Check the text and try again ({n} tries left).',
  },
  tooManyTries: {
    'zh-CN': '验证码错误次数过多，此验证码已失效。请重新获取验证码。',
    en: 'Too many wrong codes: this code no longer works. Ask for a new code.',
  },
  codeExpired: {
    'zh-CN': '验证码已过期或已使用，请重新获取验证码。',
    en: 'The code has expired or was already used. Ask for a new code.',
  },
  noCode: { 'zh-CN': '请先获取短信验证码。', en: 'Ask for a code first.' },
  limitPhone: {
    'zh-CN': '该手机号获取验证码过于频繁，请于 {at} 后再试。',
    en: 'Too many codes for this number. Try again after {at}.',
  },
  limitAddress: {
    'zh-CN': '您的网络获取验证码过于频繁，请于 {at} 后再试。',
    en: 'Too many codes from your network. Try again after {at}.',
  },
  limitProject: {
    'zh-CN': '本项目当前报修人数较多，请于 {at} 后再试，紧急情况请致电物业服务中心。',
    en: 'Many reports are coming in for this estate. Try again after {at}, or call the service centre if it is urgent.',
  },
  smsUnavailable: {
    'zh-CN': '暂时无法发送短信验证码，请稍后再试或致电物业服务中心报修。',
    en: 'We cannot send a text right now. Try again later, or call the service centre to report.',
  },
  tooManyPhotos: { 'zh-CN': '最多上传 6 张照片。', en: 'Upload at most 6 photos.' },
  wrongPhotoType: {
    'zh-CN': '“{name}”不是支持的图片格式，请上传 JPG、PNG、WebP 或 HEIC 照片。',
    en: '“{name}” is not a supported picture: upload JPG, PNG, WebP or HEIC photos.',
  },
  photoTooLarge: {
    'zh-CN': '“{name}”超过 10 MB，请压缩后重新上传。',
    en: '“{name}” is larger than 10 MB; make it smaller and upload it again.',
  },
  bodyTooLarge: {
    'zh-CN': '上传内容过大：最多 6 张照片，每张不超过 10 MB。请返回上一页，减少或压缩照片后重新提交。',
    en: 'That upload is too large: up to 6 photos of at most 10 MB each. Go back, remove or shrink photos and submit again.',
  },
  reselectPhotos: {
    'zh-CN': '出于安全原因，请重新选择照片。',
    en: 'For your security, please choose the photos again.',
  },
  tooBusy: { 'zh-CN': '操作太频繁，请稍后再试。', en: 'Too many requests; please try again shortly.' },
  failed: {
    'zh-CN': '提交未成功，未保存任何内容。请稍后重试，或致电物业服务中心。',
    en: 'That did not go through and nothing was saved. Try again shortly, or call the service centre.',
  },
  // 催单 on the owner page.
  chase: { 'zh-CN': '催单', en: 'Chase this case' },
  chaseHint: {
    'zh-CN': '处理进度慢？点击催单，我们会提醒处理人员及其主管。每 {n} 小时可催单一次。',
    en: 'Taking too long? Chase it and we remind the handler and their supervisor. You can chase once every {n} hours.',
  },
  chased: {
    'zh-CN': '已催单，我们已提醒处理人员尽快处理。',
    en: 'Chased: we have reminded the handler to hurry.',
  },
  chaseTooSoon: {
    'zh-CN': '您已催过单，请于 {at} 后再催。',
    en: 'You have chased this case already. You may chase again after {at}.',
  },
  chaseFinished: {
    'zh-CN': '该工单已结束，无需催单。',
    en: 'This case is finished; there is nothing to chase.',
  },
} as const;

export type ReportText = keyof typeof text;

/** One text of the report page or the chase in `locale`, with `{name}` placeholders filled. */
export function reportText(
  locale: OwnerLocale,
  key: ReportText,
  values: Record<string, string | number> = {},
): string {
  return labelOf(text, locale, key, values);
}
