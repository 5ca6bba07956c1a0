import { z } from 'zod';
import type { CaseSnapshot } from './model';

/*
 * 群诉 (group complaint): a complaint that involves several owners or units. Besides the case's
 * own owner and unit (the complainant), a complaint carries the further owners and units
 * involved, linked at intake or by the `link_parties` step; links are added, never removed.
 */

/** Most ids of one kind one request may link (D1 binds at most 100 parameters per statement). */
export const maxLinkedPerRequest = 50;

const ids = z.array(z.string().min(1).max(64)).max(maxLinkedPerRequest).default([]);

/** Further owners and units a complaint involves, as intake and `link_parties` receive them. */
export const PartyLinksSchema = z.object({ ownerIds: ids, unitIds: ids });
export type PartyLinks = z.output<typeof PartyLinksSchema>;

export type PartyType = 'owner' | 'unit';

/** One linked owner or unit (a `case_parties` row without its bookkeeping). */
export interface CaseParty {
  type: PartyType;
  id: string;
}

/**
 * The rule: the parties of a complaint are its complainant (the case's own owner, unit or
 * contact: always one party, however many of those it names) plus every linked owner and every
 * linked unit (each counts once; a linked owner and a linked unit are two parties, as the desk
 * linked them). A group complaint (群诉) has at least this many.
 */
export const minGroupParties = 2;

/** How many parties the complaint involves: the complainant and each linked owner or unit. */
export function partyCount(snapshot: Pick<CaseSnapshot, 'parties'>): number {
  return 1 + (snapshot.parties?.length ?? 0);
}

/**
 * The links of a request that are new to the case: duplicates, the case's own owner and unit
 * (already the complainant) and parties linked before are left out. Owners first, in request order.
 */
export function newParties(
  snapshot: Pick<CaseSnapshot, 'ownerId' | 'unitId' | 'parties'>,
  links: PartyLinks,
): CaseParty[] {
  const seen = new Set((snapshot.parties ?? []).map((p) => `${p.type}:${p.id}`));
  if (snapshot.ownerId) seen.add(`owner:${snapshot.ownerId}`);
  if (snapshot.unitId) seen.add(`unit:${snapshot.unitId}`);
  const out: CaseParty[] = [];
  const candidates: CaseParty[] = [
    ...links.ownerIds.map((id) => ({ type: 'owner' as const, id })),
    ...links.unitIds.map((id) => ({ type: 'unit' as const, id })),
  ];
  for (const p of candidates) {
    const key = `${p.type}:${p.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** Why the complaint cannot be a group complaint yet, or null. */
export function groupPartiesMissing(snapshot: Pick<CaseSnapshot, 'parties'>): string | null {
  const n = partyCount(snapshot);
  return n >= minGroupParties
    ? null
    : `a group complaint (群诉) involves at least ${minGroupParties} parties (the complainant and the linked owners or units); it has ${n}: link the other owners or units first`;
}

/** The linked ids of a timeline entry or an event, split by kind. */
export function partyData(parties: readonly CaseParty[]): { ownerIds: string[]; unitIds: string[] } {
  return {
    ownerIds: parties.filter((p) => p.type === 'owner').map((p) => p.id),
    unitIds: parties.filter((p) => p.type === 'unit').map((p) => p.id),
  };
}
