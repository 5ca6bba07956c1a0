import { touchCase } from '../../data/case-rows';
import type { CaseRow } from '../../data/case-support';
import type { TenantScope } from '../../data/scope';

/** Files staff upload to a case: their rows, with the case's updatedAt, in one commit. */
export async function attachToCase(scope: TenantScope, row: CaseRow, rows: unknown[]): Promise<void> {
  await touchCase(scope, row, rows);
}
