import { cases as core, localDate } from '@guanjia/core';
import { caseMilestones, cases } from '@guanjia/core/db/schema';
import { wallToInstant } from '@guanjia/core/time-zone';
import type { Database } from '../data/db';
import { demoId, demoProjects, demoTenant } from './demo-data';

/*
 * The demo's case history (`npm run dev` seeds it, the workerd tests do not): six weeks of
 * closed cases across the five projects, every kind and channel, received in office hours with
 * realistic response and resolution times, a tenth of them late on a milestone and a few
 * escalated, so the dashboard's trend, rankings and percentiles have something to show.
 * Deterministic (no randomness: a small hash of the case number), fixed ids, ON CONFLICT DO
 * NOTHING: seeding twice changes nothing. Archive numbers use the day's sequences from 700 up,
 * far above what a day's real intake reaches in the demo.
 */

const tz = 'Asia/Shanghai';
const DAY = 86_400_000;
const MIN = 60_000;
/** Days back: from 3 (every case had time to close) to 44 (six weeks). */
const firstDay = 3;
const lastDay = 44;
const firstCaseN = 2000;

/** A stable pseudo-random number in [0, 1) for (n, salt). */
function hash(n: number, salt: number): number {
  let x = (n * 374_761_393 + salt * 668_265_263) | 0;
  x = Math.imul(x ^ (x >>> 13), 1_274_126_177);
  x ^= x >>> 16;
  return (x >>> 0) / 4_294_967_296;
}

function pick<T>(weighted: readonly (readonly [T, number])[], r: number): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let at = r * total;
  for (const [value, w] of weighted) {
    at -= w;
    if (at < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [T, number])[0];
}

const kinds = [
  ['repair', 55],
  ['inquiry', 22],
  ['complaint', 16],
  ['suggestion', 7],
] as const;

const channels = [
  ['hotline', 34],
  ['wechat', 24],
  ['front_desk', 15],
  ['app', 10],
  ['web', 6],
  ['department_phone', 5],
  ['guard_booth', 4],
  ['email', 2],
] as const;

/** Category and what the owner said, per kind. */
const topics: Record<core.CaseKind, readonly (readonly [string, string])[]> = {
  repair: [
    ['plumbing', '卫生间下水道堵塞'],
    ['plumbing', '厨房水龙头漏水'],
    ['electrical', '客厅插座没电'],
    ['electrical', '楼道灯不亮'],
    ['elevator', '电梯按键失灵'],
    ['doors_windows', '入户门锁卡住'],
    ['leaks', '阳台顶部渗水'],
    ['public_facilities', '单元门禁损坏'],
  ],
  complaint: [
    ['noise', '楼上装修噪音太大'],
    ['cleaning', '楼道垃圾未及时清运'],
    ['parking', '车位被外来车辆占用'],
    ['property_fees', '物业费账单有误'],
  ],
  inquiry: [
    ['property_fees', '物业费缴费方式咨询'],
    ['security', '门禁卡如何补办'],
    ['renovation', '装修申请需要哪些材料'],
    ['other', '快递柜使用咨询'],
  ],
  suggestion: [
    ['landscaping', '建议小区增加绿植'],
    ['public_facilities', '建议增设儿童游乐设施'],
  ],
};

/** How many cases a day: fewer at weekends, a little more each week, some noise. */
function casesOn(daysAgo: number, weekday: number): number {
  const base = weekday === 0 || weekday === 6 ? 2 : 4;
  const growth = Math.floor((lastDay - daysAgo) / 14);
  return base + growth + Math.floor(hash(daysAgo, 7) * 3);
}

export function demoHistoryInserts(db: Database, now: Date): unknown[] {
  const tenantId = demoTenant.id;
  const out: unknown[] = [];
  let n = firstCaseN;
  for (let daysAgo = lastDay; daysAgo >= firstDay; daysAgo--) {
    const day = localDate(new Date(now.getTime() - daysAgo * DAY), tz);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const count = casesOn(daysAgo, weekday);
    for (let seq = 0; seq < count; seq++) {
      n += 1;
      const p = Math.floor(hash(n, 1) * demoProjects.length);
      const project = demoProjects[p] as (typeof demoProjects)[number];
      const slot = Math.floor(hash(n, 2) * 8); // the project's 8 units, 4 a building
      const unitN = p * 8 + slot + 1;
      const kind = pick(kinds, hash(n, 3));
      const channel = pick(channels, hash(n, 4));
      const topicList = topics[kind];
      const [category, description] = topicList[Math.floor(hash(n, 5) * topicList.length)] as readonly [
        string,
        string,
      ];
      const received = new Date(wallToInstant(day, 8 * 60 + 30 + Math.floor(hash(n, 6) * 600), tz));
      const late = hash(n, 8) < 0.1;
      const escalated = late && hash(n, 9) < 0.5 ? 1 + Math.floor(hash(n, 10) * 2) : 0;
      const responseMin = late ? 40 + Math.floor(hash(n, 11) * 80) : 5 + Math.floor(hash(n, 11) * 25);
      const responded = new Date(received.getTime() + responseMin * MIN);
      const resolveHours = kind === 'repair' ? 2 + hash(n, 12) * (late ? 60 : 26) : 0.5 + hash(n, 12) * 20;
      const resolved = new Date(received.getTime() + resolveHours * 3_600_000);
      const followed = new Date(resolved.getTime() + (18 + hash(n, 13) * 30) * 3_600_000);
      const closed = new Date(Math.min(followed.getTime() + 10 * MIN, now.getTime() - 3_600_000));
      const satisfaction = late ? 2 + Math.floor(hash(n, 14) * 2) : 4 + Math.floor(hash(n, 14) * 2);
      const id = demoId('case', n);
      const repair = kind === 'repair';
      out.push(
        db
          .insert(cases)
          .values({
            id,
            tenantId,
            createdAt: received,
            updatedAt: closed,
            version: 1,
            archiveNo: core.formatArchiveNumber(day, 700 + seq),
            kind,
            channel,
            status: 'closed',
            urgency: 'normal',
            category,
            branchId: project.branchId,
            projectId: project.id,
            buildingId: demoId('bld', p * 2 + Math.floor(slot / 4) + 1),
            unitId: demoId('unit', unitN),
            ownerId: demoId('own', unitN),
            description,
            firstAskOwnerId: demoId('stf', 3),
            escalationLevel: escalated,
            satisfaction,
            receivedAt: received,
            dispatchedAt: repair ? new Date(received.getTime() + 3 * MIN) : null,
            contactedAt: repair ? responded : null,
            arrivedAt: repair ? new Date(responded.getTime() + 45 * MIN) : null,
            completedAt: repair ? resolved : null,
            signedOffAt: repair ? new Date(resolved.getTime() + 20 * MIN) : null,
            firstReplyAt: repair ? null : responded,
            resolvedAt: resolved,
            followedUpAt: followed,
            closedAt: closed,
          })
          .onConflictDoNothing(),
      );
      // The milestone the dashboard's SLA compliance counts: the 30-minute contact for a
      // repair, the first reply otherwise; met on time, or late (a breach).
      const due = new Date(received.getTime() + 30 * MIN);
      out.push(
        db
          .insert(caseMilestones)
          .values({
            id: demoId('cms', n),
            tenantId,
            caseId: id,
            milestone: repair ? 'contractor_contact' : 'first_reply',
            cycle: 0,
            status: responded > due ? 'met_late' : 'met',
            startedAt: received,
            dueAt: due,
            breachedAt: responded > due ? due : null,
            metAt: responded,
            updatedAt: responded,
          })
          .onConflictDoNothing(),
      );
    }
  }
  return out;
}
