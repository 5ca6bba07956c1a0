import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { departmentKinds } from '../../vocabulary';
import { instant, tenantOwned, versioned } from './columns';

export { departmentKinds };

/** A property group (地产集团 / 物业公司): one subscribing tenant. */
export const tenants = sqliteTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    locale: text('locale').notNull().default('zh-CN'),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    /** Name of the D1 binding that holds this tenant's rows (tenant directory). */
    shard: text('shard').notNull().default('DB'),
    /**
     * Set while the tenant moves to that shard (platform `moveTenant`): on the directory entry
     * and on the source shard's own row, where the write guard of every commit refuses the
     * tenant's writes (503 + Retry-After) until the directory names the new shard.
     */
    movingTo: text('moving_to'),
    /**
     * The shard a finished move left, on the directory entry: its copy stays (fenced, read only)
     * until every isolate's cached entry has expired, then the cron deletes it.
     */
    movedFrom: text('moved_from'),
    settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    ...versioned(),
  },
  (t) => [uniqueIndex('tenants_slug_uq').on(t.slug)],
);

/** 片区: an optional grouping of branches. */
export const zones = sqliteTable(
  'zones',
  { ...tenantOwned(), ...versioned(), name: text('name').notNull(), code: text('code') },
  (t) => [uniqueIndex('zones_tenant_name_uq').on(t.tenantId, t.name)],
);

/** 分公司: supervises its projects. */
export const branches = sqliteTable(
  'branches',
  {
    ...tenantOwned(),
    ...versioned(),
    zoneId: text('zone_id'),
    name: text('name').notNull(),
    code: text('code'),
    city: text('city'),
  },
  (t) => [
    uniqueIndex('branches_tenant_name_uq').on(t.tenantId, t.name),
    index('branches_tenant_zone_idx').on(t.tenantId, t.zoneId),
  ],
);

/** 项目: a residential estate (小区) run by one branch. */
export const projects = sqliteTable(
  'projects',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    address: text('address'),
  },
  (t) => [
    uniqueIndex('projects_tenant_name_uq').on(t.tenantId, t.name),
    index('projects_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
  ],
);

export const buildings = sqliteTable(
  'buildings',
  { ...tenantOwned(), ...versioned(), projectId: text('project_id').notNull(), name: text('name').notNull() },
  (t) => [uniqueIndex('buildings_tenant_project_name_uq').on(t.tenantId, t.projectId, t.name)],
);

/** 房号: one home in a building. */
export const units = sqliteTable(
  'units',
  {
    ...tenantOwned(),
    ...versioned(),
    projectId: text('project_id').notNull(),
    buildingId: text('building_id').notNull(),
    number: text('number').notNull(),
    floor: integer('floor'),
    areaSqm: integer('area_sqm'),
  },
  (t) => [
    uniqueIndex('units_tenant_building_number_uq').on(t.tenantId, t.buildingId, t.number),
    index('units_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
  ],
);

/** 业主 / 住户: personal data, masked in logs. */
export const owners = sqliteTable(
  'owners',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    altPhone: text('alt_phone'),
    email: text('email'),
    /** 微信公众号 OpenID (personal data): the `touser` of WeChat template messages. */
    wechatOpenId: text('wechat_open_id'),
    /** The language the owner reads messages in (`zh-CN` when null, or `en`). */
    language: text('language'),
    note: text('note'),
  },
  (t) => [
    index('owners_tenant_phone_idx').on(t.tenantId, t.phone),
    index('owners_tenant_email_idx').on(t.tenantId, t.email),
    uniqueIndex('owners_tenant_wechat_open_id_uq')
      .on(t.tenantId, t.wechatOpenId)
      .where(sql`wechat_open_id is not null`),
  ],
);

export const ownerUnits = sqliteTable(
  'owner_units',
  {
    tenantId: text('tenant_id').notNull(),
    ownerId: text('owner_id').notNull(),
    unitId: text('unit_id').notNull(),
    projectId: text('project_id').notNull(),
    relation: text('relation', { enum: ['owner', 'resident', 'family'] })
      .notNull()
      .default('owner'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ownerId, t.unitId] }),
    index('owner_units_tenant_unit_idx').on(t.tenantId, t.unitId),
    index('owner_units_tenant_project_idx').on(t.tenantId, t.projectId, t.ownerId),
  ],
);

/** A department of the group, a branch or a project. */
export const departments = sqliteTable(
  'departments',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    kind: text('kind', { enum: departmentKinds }).notNull(),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    /** 部门负责人: the staff who answer for the department (told when work or feedback is asked of it). */
    headIds: text('head_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [index('departments_tenant_branch_idx').on(t.tenantId, t.branchId, t.id)],
);

/** 施工单位: an external vendor that does repairs. */
export const contractors = sqliteTable(
  'contractors',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    trades: text('trades', { mode: 'json' }).$type<string[]>().notNull().default([]),
    phone: text('phone'),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
  },
  (t) => [uniqueIndex('contractors_tenant_name_uq').on(t.tenantId, t.name)],
);

export const contractorContacts = sqliteTable(
  'contractor_contacts',
  {
    ...tenantOwned(),
    ...versioned(),
    contractorId: text('contractor_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    title: text('title'),
  },
  (t) => [index('contractor_contacts_tenant_contractor_idx').on(t.tenantId, t.contractorId)],
);
