import {
  AppError,
  decoyPasswordHash,
  maskAddress,
  maskLogin,
  sourceState,
  verifyPassword,
} from '@guanjia/core';
import type { Edge } from '../app/runtime';
import { tenantScope } from '../app/scope';
import { type AuditTarget, auditEntry } from '../data/audit-log';
import { commit } from '../data/commit';
import type { Database } from '../data/db';
import { clearLoginSource, countLoginFailure, findLoginSource, loginSource } from '../data/login-throttles';
import { findStaffByLogin, recordSuccessfulLogin, type StaffUser } from '../data/staff-auth';
import { findTenantBySlug, type TenantRecord } from '../data/tenants';

export interface LoginAttempt {
  tenant: string;
  login: string;
  password: string;
  /** The client address (CF-Connecting-IP). */
  address: string;
  requestId: string | null;
}

export type LoginOutcome = { tenant: TenantRecord; db: Database; user: StaffUser };

/** Every refusal of a password, whatever the reason: the caller learns nothing from it. */
const refused = () => new AppError('invalid_credentials');

/** A throttled source: the same answer whether the login exists or not. */
const throttled = (retryAfterSeconds: number) =>
  new AppError('rate_limited', `Too many failed logins from here; retry after ${retryAfterSeconds} seconds`, {
    extra: { retryAfterSeconds },
  });

/**
 * A staff login with the throttle of core `access/login-throttle.ts`. A wrong password, an
 * unknown or disabled login and an unknown tenant all answer 401 `invalid_credentials` after the
 * same PBKDF2 work and the same queries; a source past its free failures answers 429 with
 * Retry-After without checking the password, for real and made-up logins alike. Nothing is
 * counted on the account. Each attempt in a tenant (succeeded, failed, throttled) is an audit
 * entry in the same batch as its count, with the address and login masked.
 */
export async function attemptLogin(edge: Edge, attempt: LoginAttempt): Promise<LoginOutcome> {
  const now = edge.now;
  const tenant = await findTenantBySlug(edge.env, attempt.tenant);
  if (tenant?.status !== 'active') {
    await verifyPassword(attempt.password, decoyPasswordHash);
    throw refused();
  }
  const scope = tenantScope(edge, tenant, {
    actor: { type: 'anonymous', id: null },
    requestId: attempt.requestId,
  });
  const db = scope.db;
  const source = await loginSource(attempt.address, attempt.login);
  const [user, record] = await Promise.all([
    findStaffByLogin(db, tenant.id, attempt.login),
    findLoginSource(db, tenant.id, source),
  ]);
  const active = user?.status === 'active' ? user : undefined;
  const target: AuditTarget = user
    ? { type: 'staff', id: user.id }
    : { type: 'login', id: maskLogin(attempt.login) };
  const seen = { address: maskAddress(attempt.address), login: maskLogin(attempt.login) };

  const state = sourceState(record, now);
  if (!state.open) {
    const retryAfterSeconds = state.retryAfterSeconds;
    await commit(scope, [
      auditEntry(scope, 'auth.login.throttled', target, null, { ...seen, retryAfterSeconds }),
    ]);
    throw throttled(retryAfterSeconds);
  }

  const matches = await verifyPassword(attempt.password, active?.passwordHash ?? decoyPasswordHash);
  if (!active || !matches) {
    await commit(scope, [
      countLoginFailure(db, tenant.id, source, now),
      auditEntry(scope, 'auth.login.failed', target, null, {
        ...seen,
        ...(user && !active ? { reason: 'disabled' } : {}),
      }),
    ]);
    throw refused();
  }
  const signedIn = { ...scope, actor: { type: 'staff' as const, id: active.id } };
  await commit(signedIn, [
    recordSuccessfulLogin(db, active, now),
    clearLoginSource(db, tenant.id, source),
    auditEntry(signedIn, 'auth.login.succeeded', target, null, seen),
  ]);
  return { tenant, db, user: active };
}
