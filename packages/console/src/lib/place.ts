import type { Schemas } from '../api/client';

/** 西溪花园 1号楼 1-101: where the case is, as a clerk or contractor says it. */
export function placeText(place: Schemas['CasePlace'] | undefined): string {
  if (!place) return '—';
  return [place.projectName, place.buildingName, place.unitNumber].filter(Boolean).join(' ') || '—';
}
