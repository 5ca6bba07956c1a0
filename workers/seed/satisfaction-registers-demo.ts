import { localDate } from '@guanjia/core';
import { ownerInterviews, staffUsers, supervisorRotations } from '@guanjia/core/db/schema';
import { addDays, wallToInstant } from '@guanjia/core/time-zone';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../data/db';
import { demoBranches, demoId, demoProjects, demoTenant } from './demo-data';

/*
 * The demo's small registers (issue 13): staff in their departments, this year's owner
 * interviews (访谈: some people on quota, some behind), two supervisors' rotations (轮岗: one in
 * its two weeks, one reported). Fixed ids; every
 * insert does nothing on conflict and a department is set only on staff who have none.
 */

const tz = 'Asia/Shanghai';

/** The demo's department ids as `seedDemo` numbers them: the centre, two per branch, three per project. */
function departmentOf(projectIndex: number, kind: 'customer_service' | 'engineering' | 'security') {
  const offset = { customer_service: 0, engineering: 1, security: 2 }[kind];
  return demoId('dept', 2 + demoBranches.length * 2 + projectIndex * 3 + offset);
}
const centre = demoId('dept', 1);
const hzHr = demoId('dept', 3);

/** Who sits where (staff numbers of `demoStaff`). */
const departmentOfStaff: Record<number, string> = {
  2: centre,
  3: centre,
  4: departmentOf(0, 'customer_service'),
  5: departmentOf(0, 'customer_service'),
  7: departmentOf(0, 'customer_service'),
  8: departmentOf(0, 'customer_service'),
  9: departmentOf(0, 'customer_service'),
  12: hzHr,
  13: departmentOf(0, 'engineering'),
  14: departmentOf(0, 'security'),
};

/** Interviews this year per staff number: 曹琳 and 孙丽 on quota (12, a manager 6), the others behind. */
const interviewsOfStaff: [staff: number, owners: number][] = [
  [7, 12],
  [2, 6],
  [5, 5],
  [14, 3],
  [13, 2],
];

const experiences = [
  ['小区环境整洁，保安巡逻到位，住得安心。', '希望地下车库照明再亮一些。'],
  ['物业响应比较及时，报修当天就有人联系。', '外墙有渗水，建议交付前加强防水检测。'],
  ['邻里和睦，活动丰富。', '电梯高峰期等待时间长，建议优化调度。'],
  ['绿化维护得不错，但垃圾清运偶有延误。', '入户门隔音一般，希望产品升级时改进。'],
];

export function satisfactionRegisterInserts(db: Database, now: Date): unknown[] {
  const tenantId = demoTenant.id;
  const stamp = { tenantId, createdAt: now, updatedAt: now };
  const today = localDate(now, tz);
  const year = today.slice(0, 4);
  const out: unknown[] = [];

  for (const [n, departmentId] of Object.entries(departmentOfStaff)) {
    out.push(
      db
        .update(staffUsers)
        .set({ departmentId })
        .where(
          and(
            eq(staffUsers.tenantId, tenantId),
            eq(staffUsers.id, demoId('stf', Number(n))),
            isNull(staffUsers.departmentId),
          ),
        ),
    );
  }

  let interviewN = 1;
  for (const [staff, owners] of interviewsOfStaff) {
    for (let k = 0; k < owners; k++) {
      // Owners of 西溪花园 first (1–8), then 钱江府 (9–16); a week apart, within this year.
      const owner = ((staff + k) % 16) + 1;
      const project = demoProjects[Math.floor((owner - 1) / 8)] as (typeof demoProjects)[number];
      const back = addDays(today, -7 * (k + 1));
      const [living, product] = experiences[k % experiences.length] as [string, string];
      out.push(
        db
          .insert(ownerInterviews)
          .values({
            ...stamp,
            id: demoId('oiv', interviewN++),
            staffId: demoId('stf', staff),
            departmentId: departmentOfStaff[staff] ?? null,
            branchId: project.branchId,
            projectId: project.id,
            ownerId: demoId('own', owner),
            unitId: demoId('unit', owner),
            interviewedOn: back < `${year}-01-01` ? `${year}-01-01` : back,
            livingExperience: living,
            productOpinion: product,
          })
          .onConflictDoNothing(),
      );
    }
  }

  // 郑洁 is in her two weeks now; 韩梅's ended last month and she reported.
  const inProgress = addDays(today, -5);
  const done = addDays(today, -40);
  out.push(
    db
      .insert(supervisorRotations)
      .values({
        ...stamp,
        id: demoId('rot', 1),
        staffId: demoId('stf', 4),
        branchId: demoBranches[0]?.id ?? null,
        startsOn: inProgress,
        endsOn: addDays(inProgress, 13),
        followedCaseIds: [demoId('case', 701), demoId('case', 703)],
      })
      .onConflictDoNothing(),
    db
      .insert(supervisorRotations)
      .values({
        ...stamp,
        id: demoId('rot', 2),
        staffId: demoId('stf', 6),
        branchId: demoBranches[0]?.id ?? null,
        startsOn: done,
        endsOn: addDays(done, 13),
        followedCaseIds: [demoId('case', 705)],
        report:
          '两周内跟进投诉 6 宗、报修 11 宗。体会：首问负责、24 小时内答复是关键；工程部与客服中心的信息要当天同步。回到岗位后将每周召开一次跨部门例会。',
        reportedAt: new Date(wallToInstant(addDays(done, 14), 16 * 60, tz)),
      })
      .onConflictDoNothing(),
  );

  return out;
}
