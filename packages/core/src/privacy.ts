/** Owners' personal data never reaches a log line whole. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`.slice(0, Math.max(digits.length, 7));
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** A WeChat OpenID keeps its first 4 characters (enough to tell two apart in a log). */
export function maskOpenId(openId: string): string {
  return openId.length <= 4 ? '*'.repeat(openId.length) : `${openId.slice(0, 4)}***`;
}

const phonePattern = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Masks mainland mobile numbers inside free text (descriptions, emails). */
export function maskPhonesInText(text: string): string {
  return text.replace(phonePattern, '$1****$2');
}
