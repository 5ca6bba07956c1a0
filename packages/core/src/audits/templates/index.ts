import type { AuditChannel, AuditTemplate } from '../template';
import { frontDeskTemplate } from './front-desk';
import { hotlineTemplate } from './hotline';
import { onlineChatTemplate } from './online-chat';
import { salesOfficeTemplate } from './sales-office';

export { frontDeskTemplate, hotlineTemplate, onlineChatTemplate, salesOfficeTemplate };

/** The templates a new tenant starts with, per channel; tenants copy and edit them. */
export const defaultAuditTemplates: Partial<Record<AuditChannel, AuditTemplate>> = {
  hotline: hotlineTemplate,
  front_desk: frontDeskTemplate,
  sales_office: salesOfficeTemplate,
  online_chat: onlineChatTemplate,
};
