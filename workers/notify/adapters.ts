import type { ChannelKind } from '@guanjia/core/db/schema';

/** What one provider call says, whatever the channel. */
export interface OutboundMessage {
  template: string;
  subject: string;
  text: string;
  /** Named values for template-based channels (SMS templates, WeChat template data). */
  params: Record<string, string>;
  /** A page the message links to (WeChat template `url`). */
  link?: string;
  /**
   * Email only: where replies go (the case's reply address), the Message-ID sent, and the
   * thread it answers (In-Reply-To: the owner's last message; References: the thread so far).
   */
  email?: { replyTo: string; messageId: string; inReplyTo?: string; references?: string[] };
}

export interface ProviderConfig {
  endpointUrl: string;
  credentials: Record<string, string>;
  sender: Record<string, string>;
}

/**
 * The HTTP request each provider expects:
 * - email: an HTTP email API in the shape of Resend / most transactional APIs —
 *   POST endpoint, `Authorization: Bearer <apiKey>`, JSON {from, to[], subject, text}, plus
 *   `reply_to` and `headers: {Message-ID, In-Reply-To?, References?}` when the message is about
 *   a case (the last two when it answers the owner's email, so it stays in the owner's thread).
 * - sms: an SMS gateway — POST endpoint, `Authorization: Bearer <apiKey>`,
 *   JSON {to, sign, template, params} (template codes per message kind from `sender`).
 * - wechat: 微信公众号模板消息 — POST `<endpoint>?access_token=<accessToken>`,
 *   JSON {touser, template_id, url, data: {key: {value}}} (endpoint is
 *   https://api.weixin.qq.com/cgi-bin/message/template/send; the access token is kept fresh
 *   by the tenant's token relay and stored as the channel credential).
 */
export function providerRequest(
  kind: ChannelKind,
  config: ProviderConfig,
  to: string,
  message: OutboundMessage,
): { url: string; init: RequestInit } {
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const bearer = { Authorization: `Bearer ${config.credentials.apiKey ?? ''}` };
  switch (kind) {
    case 'email':
      return {
        url: config.endpointUrl,
        init: json(
          {
            from: config.sender.from ?? 'noreply@guanjia.dev',
            to: [to],
            subject: message.subject,
            text: message.text,
            ...(message.email && {
              reply_to: message.email.replyTo,
              headers: {
                'Message-ID': message.email.messageId,
                ...(message.email.inReplyTo && { 'In-Reply-To': message.email.inReplyTo }),
                ...(message.email.references?.length && {
                  References: message.email.references.join(' '),
                }),
              },
            }),
          },
          bearer,
        ),
      };
    case 'sms':
      return {
        url: config.endpointUrl,
        init: json(
          {
            to,
            sign: config.sender.sign ?? '管家',
            template: config.sender[`template.${message.template}`] ?? message.template,
            params: message.params,
            text: message.text,
          },
          bearer,
        ),
      };
    case 'wechat': {
      const url = new URL(config.endpointUrl);
      url.searchParams.set('access_token', config.credentials.accessToken ?? '');
      return {
        url: url.toString(),
        init: json({
          touser: to,
          template_id: config.sender[`template.${message.template}`] ?? message.template,
          url: message.link,
          data: Object.fromEntries(Object.entries(message.params).map(([k, v]) => [k, { value: v }])),
        }),
      };
    }
  }
}
