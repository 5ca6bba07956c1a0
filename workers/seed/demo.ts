import { hashPassword } from '@guanjia/core';
import {
  branches,
  buildings,
  contractorContacts,
  contractors,
  departments,
  notificationChannels,
  owners,
  ownerUnits,
  projects,
  roleAssignments,
  staffNotificationPreferences,
  staffUsers,
  tenants,
  units,
  zones,
} from '@guanjia/core/db/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { directoryDb, directoryShard, shardDb } from '../data/db';
import { defaultPolicyInserts } from '../data/tenants';
import type { Env } from '../env';
import { seal } from '../lib/secrets';
import { demoAuditStatements } from './audits-demo';
import {
  demoBranches,
  demoContractors,
  demoId,
  demoLogin,
  demoOwnerName,
  demoPassword,
  demoProjects,
  demoStaff,
  demoTenant,
  demoZone,
} from './demo-data';
import { demoHistoryInserts } from './demo-history';
import { demoQualityStatements } from './demo-quality';
import { satisfactionDemoInserts } from './satisfaction-demo';
import { satisfactionRegisterInserts } from './satisfaction-registers-demo';

/** 部门负责人 of the demo: 西溪花园's CS centre (its CS supervisor) and engineering (its engineer). */
const demoDepartmentHeads: Record<string, string[]> = {
  [`${demoId('prj', 1)}:customer_service`]: [demoId('stf', 4)],
  [`${demoId('prj', 1)}:engineering`]: [demoId('stf', 13)],
};

/**
 * Local development only: the demo tenant's provider channels at a local receiver
 * (scripts/dev-receiver.mjs prints what it gets), a WeChat OpenID for the contractor's staff
 * member (their own preferences) and for the owners of 西溪花园 who have none, so a dispatched
 * repair and a complaint's reply show up there. Channels already configured stay as they are.
 */
async function demoChannels(
  env: Env,
  db: ReturnType<typeof shardDb>,
  receiverUrl: string,
  now: Date,
): Promise<unknown[]> {
  const tenantId = demoTenant.id;
  const base = receiverUrl.replace(/\/$/, '');
  const channels: {
    n: number;
    kind: 'sms' | 'wechat' | 'email';
    credentials: Record<string, string>;
    sender: Record<string, string>;
  }[] = [
    { n: 1, kind: 'sms', credentials: { apiKey: 'demo-sms-key' }, sender: { sign: '示范物业' } },
    { n: 2, kind: 'wechat', credentials: { accessToken: 'demo-wechat-token' }, sender: {} },
    {
      n: 3,
      kind: 'email',
      credentials: { apiKey: 'demo-email-key' },
      sender: { from: 'service@demo.guanjia.dev' },
    },
  ];
  const statements: unknown[] = [];
  for (const ch of channels) {
    statements.push(
      db
        .insert(notificationChannels)
        .values({
          id: demoId('nch', ch.n),
          tenantId,
          kind: ch.kind,
          endpointUrl: `${base}/${ch.kind}`,
          credentialsEnc: await seal(env, JSON.stringify(ch.credentials)),
          sender: ch.sender,
          enabled: true,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing(),
    );
  }
  statements.push(
    db
      .insert(staffNotificationPreferences)
      .values({
        tenantId,
        userId: demoId('stf', 15),
        channels: ['sms', 'wechat', 'email'],
        wechatOpenId: 'oDemoContractorStaff15',
        updatedAt: now,
      })
      .onConflictDoNothing(),
  );
  for (let n = 1; n <= 8; n++) {
    statements.push(
      db
        .update(owners)
        .set({ wechatOpenId: `oDemoOwner${String(n).padStart(4, '0')}` })
        .where(
          and(eq(owners.tenantId, tenantId), eq(owners.id, demoId('own', n)), isNull(owners.wechatOpenId)),
        ),
    );
  }
  return statements;
}

/**
 * Creates the demo property group, or fills in what is missing: every row has a
 * fixed id and is inserted with ON CONFLICT DO NOTHING, so seeding twice changes nothing.
 */
export async function seedDemoGroup(
  env: Env,
  now: Date,
  options: { receiverUrl?: string; history?: boolean } = {},
) {
  const tenantId = demoTenant.id;
  // The demo's directory entry first: a demo seeded before (or moved since) stays on its shard.
  const directory = directoryDb(env);
  await directory
    .insert(tenants)
    .values({ ...demoTenant, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .run();
  const entry = await directory.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  const shard = entry?.shard ?? demoTenant.shard;
  const db = shardDb(env, shard);
  const stamp = { tenantId, createdAt: now, updatedAt: now };
  const statements: unknown[] = [
    ...(shard === directoryShard
      ? []
      : [
          db
            .insert(tenants)
            .values({ ...demoTenant, shard, createdAt: now, updatedAt: now })
            .onConflictDoNothing(),
        ]),
    db
      .insert(zones)
      .values({ ...demoZone, ...stamp })
      .onConflictDoNothing(),
    ...demoBranches.map((b) =>
      db
        .insert(branches)
        .values({ ...b, zoneId: demoZone.id, ...stamp })
        .onConflictDoNothing(),
    ),
    ...demoProjects.map((p) =>
      db
        .insert(projects)
        .values({ ...p, ...stamp })
        .onConflictDoNothing(),
    ),
    ...demoContractors.map((ctr, _i) =>
      db
        .insert(contractors)
        .values({ ...ctr, ...stamp })
        .onConflictDoNothing(),
    ),
    ...demoContractors.map((ctr, i) =>
      db
        .insert(contractorContacts)
        .values({
          id: demoId('ctc', i + 1),
          contractorId: ctr.id,
          name: i === 0 ? '马建国' : '朱立新',
          phone: `1390000000${i + 1}`,
          title: '调度',
          ...stamp,
        })
        .onConflictDoNothing(),
    ),
    db
      .insert(departments)
      .values({ id: demoId('dept', 1), name: '客服职能中心', kind: 'customer_service', ...stamp })
      .onConflictDoNothing(),
  ];

  let deptN = 2;
  for (const branch of demoBranches) {
    for (const [name, kind] of [
      ['工程部', 'engineering'],
      ['行政人事部', 'hr'],
    ] as const) {
      statements.push(
        db
          .insert(departments)
          .values({
            id: demoId('dept', deptN++),
            name: `${branch.code} ${name}`,
            kind,
            branchId: branch.id,
            ...stamp,
          })
          .onConflictDoNothing(),
      );
    }
  }

  let unitN = 1;
  let buildingN = 1;
  for (const project of demoProjects) {
    for (const [name, kind] of [
      ['客服中心', 'customer_service'],
      ['工程维修部', 'engineering'],
      ['秩序维护部', 'security'],
    ] as const) {
      statements.push(
        db
          .insert(departments)
          .values({
            id: demoId('dept', deptN++),
            name: `${project.name}${name}`,
            kind,
            branchId: project.branchId,
            projectId: project.id,
            headIds: demoDepartmentHeads[`${project.id}:${kind}`] ?? [],
            ...stamp,
          })
          .onConflictDoNothing(),
      );
    }
    for (let b = 1; b <= 2; b++) {
      const buildingId = demoId('bld', buildingN++);
      statements.push(
        db
          .insert(buildings)
          .values({ id: buildingId, projectId: project.id, name: `${b}号楼`, ...stamp })
          .onConflictDoNothing(),
      );
      for (let floor = 1; floor <= 2; floor++) {
        for (let door = 1; door <= 2; door++) {
          const n = unitN++;
          const unitId = demoId('unit', n);
          const ownerId = demoId('own', n);
          statements.push(
            db
              .insert(units)
              .values({
                id: unitId,
                projectId: project.id,
                buildingId,
                number: `${b}-${floor}0${door}`,
                floor,
                areaSqm: 89 + door * 20,
                ...stamp,
              })
              .onConflictDoNothing(),
            db
              .insert(owners)
              .values({
                id: ownerId,
                name: demoOwnerName(n),
                phone: `1380000${String(n).padStart(4, '0')}`,
                email: `owner${n}@example.com`,
                ...stamp,
              })
              .onConflictDoNothing(),
            db
              .insert(ownerUnits)
              .values({ tenantId, ownerId, unitId, projectId: project.id, relation: 'owner' })
              .onConflictDoNothing(),
          );
        }
      }
    }
  }

  const existing = new Set(
    (await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.tenantId, tenantId))).map(
      (r) => r.id,
    ),
  );
  for (const staff of demoStaff) {
    const userId = demoId('stf', staff.n);
    if (!existing.has(userId)) {
      statements.push(
        db
          .insert(staffUsers)
          .values({
            id: userId,
            name: staff.name,
            email: demoLogin(staff),
            phone: `1370000${String(staff.n).padStart(4, '0')}`,
            passwordHash: await hashPassword(demoPassword),
            contractorId: staff.contractorId ?? null,
            ...stamp,
          })
          .onConflictDoNothing(),
      );
    }
    statements.push(
      db
        .insert(roleAssignments)
        .values({
          id: demoId('ra', staff.n),
          userId,
          role: staff.role,
          scopeType: staff.scopeType,
          scopeId: staff.scopeId,
          ...stamp,
        })
        .onConflictDoNothing(),
    );
  }

  statements.push(...defaultPolicyInserts(db, tenantId, now, (n) => demoId('slap', n)));
  if (options.receiverUrl) statements.push(...(await demoChannels(env, db, options.receiverUrl, now)));
  statements.push(...demoQualityStatements(db, tenantId, now));
  statements.push(...(await demoAuditStatements(db, tenantId, now)));
  statements.push(...(await satisfactionDemoInserts(env, db, now)));
  statements.push(...satisfactionRegisterInserts(db, now));
  // Local development's dashboard: six weeks of closed cases (the workerd tests count cases, so theirs go without).
  if (options.history) statements.push(...demoHistoryInserts(db, now));

  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  return {
    tenantId,
    slug: demoTenant.slug,
    logins: demoStaff.map((s) => ({ role: s.role, login: demoLogin(s), password: demoPassword })),
  };
}
