import { typeid } from 'typeid-js';

/**
 * Opaque ids with a type prefix, sortable by creation time (TypeID: a UUIDv7
 * in base32), e.g. `case_01jd8x...`. Sorting ids sorts by creation.
 */
export const idPrefixes = {
  tenant: 'ten',
  zone: 'zone',
  branch: 'br',
  project: 'prj',
  building: 'bld',
  unit: 'unit',
  owner: 'own',
  department: 'dept',
  contractor: 'ctr',
  contractorContact: 'ctc',
  staff: 'stf',
  roleAssignment: 'ra',
  loan: 'loan',
  apiKey: 'key',
  refreshToken: 'rt',
  tokenFamily: 'rtf',
  audit: 'aud',
  case: 'case',
  caseTimeline: 'ctl',
  caseAttachment: 'att',
  channelKey: 'pck',
  event: 'evt',
  slaPolicy: 'slap',
  calendar: 'cal',
  escalationRung: 'rung',
  milestone: 'msn',
  slaAction: 'slaa',
  starCycle: 'stc',
  starNomination: 'stn',
  starDecision: 'std',
  starWinner: 'stw',
  auditTemplate: 'atpl',
  auditPlan: 'apln',
  mysteryAudit: 'maud',
  auditEvidence: 'aevd',
  correctiveAction: 'cact',
  correctiveAlert: 'calr',
  webhook: 'wh',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  inboxMessage: 'inb',
  notificationChannel: 'nch',
  notification: 'ntf',
  digest: 'dig',
  notice: 'ntc',
} as const;
export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind): string {
  return typeid(idPrefixes[kind]).toString();
}
