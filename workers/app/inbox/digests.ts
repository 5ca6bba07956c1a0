import { AppError, type Reach } from '@guanjia/core';
import { getDigest, digestReadRate as readRateOf } from '../../data/digests';
import { inReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';

/** A daily digest and how many of its recipients read it; a digest of a branch outside reach is 404. */
export async function digestReadRate(scope: TenantScope, reach: Reach, id: string) {
  const digest = await getDigest(scope, id);
  if (!inReach(reach, { branchId: digest.branchId })) throw new AppError('not_found', 'Digest not found');
  return { digest, rates: await readRateOf(scope, digest) };
}
