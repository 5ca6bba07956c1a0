import type { Reach } from '@guanjia/core';
import type { TenantScope } from '../../data/scope';
import { getManageableStaff, getStaff } from '../../data/staff';
import { createLoan, deleteLoan, type LoanInput, listLoans } from '../../data/staff-loans';

/* Loans: a staff member lent to a project of their branch for a while. */

export async function listStaffLoans(scope: TenantScope, reach: Reach, staffId: string) {
  const staff = await getStaff(scope, reach, staffId);
  return listLoans(scope, staff.id);
}

export async function lendStaff(scope: TenantScope, reach: Reach, staffId: string, input: LoanInput) {
  const staff = await getManageableStaff(scope, reach, staffId);
  return createLoan(scope, reach, staff, input);
}

export async function endLoan(scope: TenantScope, reach: Reach, input: { staffId: string; loanId: string }) {
  const staff = await getManageableStaff(scope, reach, input.staffId);
  await deleteLoan(scope, reach, staff, input.loanId);
}
