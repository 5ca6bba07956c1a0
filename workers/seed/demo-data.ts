import type { Role, ScopeType } from '@guanjia/core';

/** Deterministic ids, so seeding twice touches the same rows. */
export function demoId(prefix: string, n: number): string {
  return `${prefix}_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
}

export const demoTenant = {
  id: demoId('ten', 1),
  /** The demo group lives on the second shard, so `npm run dev` runs the directory and a shard apart. */
  shard: 'DB2',
  slug: 'demo',
  name: '示范物业集团',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
};

export const demoPassword = 'Guanjia@2026';

export const demoZone = { id: demoId('zone', 1), name: '华东片区', code: 'EAST' };

export const demoBranches = [
  { id: demoId('br', 1), name: '杭州分公司', code: 'HZ', city: '杭州' },
  { id: demoId('br', 2), name: '宁波分公司', code: 'NB', city: '宁波' },
];

export const demoProjects = [
  {
    id: demoId('prj', 1),
    branchId: demoId('br', 1),
    name: '西溪花园',
    code: 'HZ-XX',
    address: '杭州市西湖区文二西路',
  },
  {
    id: demoId('prj', 2),
    branchId: demoId('br', 1),
    name: '钱江府',
    code: 'HZ-QJ',
    address: '杭州市上城区钱江路',
  },
  {
    id: demoId('prj', 3),
    branchId: demoId('br', 1),
    name: '滨江悦城',
    code: 'HZ-BJ',
    address: '杭州市滨江区江南大道',
  },
  {
    id: demoId('prj', 4),
    branchId: demoId('br', 2),
    name: '东湖湾',
    code: 'NB-DH',
    address: '宁波市鄞州区东湖路',
  },
  {
    id: demoId('prj', 5),
    branchId: demoId('br', 2),
    name: '三江名邸',
    code: 'NB-SJ',
    address: '宁波市海曙区三江路',
  },
];

export const demoContractors = [
  {
    id: demoId('ctr', 1),
    name: '杭州安居维修工程有限公司',
    trades: ['plumbing', 'electrical', 'leaks'],
    phone: '0571-88880001',
  },
  {
    id: demoId('ctr', 2),
    name: '宁波匠心建筑安装有限公司',
    trades: ['doors_windows', 'renovation', 'elevator'],
    phone: '0574-88880002',
  },
];

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟'];

/** A plausible owner name for the n-th demo owner. */
export function demoOwnerName(n: number): string {
  return `${surnames[n % surnames.length]}${givenNames[(n * 7) % givenNames.length]}`;
}

export interface DemoStaff {
  n: number;
  role: Role;
  name: string;
  scopeType: ScopeType;
  scopeId: string | null;
  contractorId?: string;
}

const hz = demoId('br', 1);
const nb = demoId('br', 2);
const xixi = demoId('prj', 1);
const donghu = demoId('prj', 4);

/** One login for every role; the email is `<role>@demo.guanjia.dev`. */
export const demoStaff: DemoStaff[] = [
  { n: 1, role: 'tenant_admin', name: '系统管理员', scopeType: 'group', scopeId: null },
  { n: 2, role: 'cr_manager', name: '客户关系经理 孙丽', scopeType: 'group', scopeId: null },
  { n: 3, role: 'hotline_agent', name: '接线专员 周婷', scopeType: 'group', scopeId: null },
  { n: 4, role: 'cs_supervisor', name: '客服主管 郑洁', scopeType: 'project', scopeId: xixi },
  { n: 5, role: 'cs_specialist', name: '客服专员 冯雪', scopeType: 'project', scopeId: xixi },
  { n: 6, role: 'complaint_supervisor', name: '投诉主管 韩梅', scopeType: 'branch', scopeId: hz },
  { n: 7, role: 'complaint_specialist', name: '投诉专员 曹琳', scopeType: 'project', scopeId: xixi },
  { n: 8, role: 'front_desk', name: '前台客服 许晴', scopeType: 'project', scopeId: xixi },
  { n: 9, role: 'project_manager', name: '项目经理 蒋涛', scopeType: 'project', scopeId: xixi },
  { n: 10, role: 'branch_cs_manager', name: '分公司客服经理 沈燕', scopeType: 'branch', scopeId: hz },
  { n: 11, role: 'branch_gm', name: '分公司总经理 钱正', scopeType: 'branch', scopeId: hz },
  { n: 12, role: 'branch_hr', name: '行政人事 何佳', scopeType: 'branch', scopeId: hz },
  { n: 13, role: 'engineer', name: '工程维修 吕强', scopeType: 'project', scopeId: xixi },
  { n: 14, role: 'security_guard', name: '保安 施军', scopeType: 'project', scopeId: xixi },
  {
    n: 15,
    role: 'contractor_staff',
    name: '安居维修 马师傅',
    scopeType: 'group',
    scopeId: null,
    contractorId: demoId('ctr', 1),
  },
  { n: 16, role: 'mystery_shopper', name: '神秘客户 林安', scopeType: 'group', scopeId: null },
  { n: 17, role: 'front_desk', name: '前台客服 宁波 方圆', scopeType: 'project', scopeId: donghu },
  { n: 18, role: 'branch_gm', name: '分公司总经理 宁波 唐明', scopeType: 'branch', scopeId: nb },
];

export function demoLogin(staff: DemoStaff): string {
  const suffix = staff.n === 17 ? 'front_desk.nb' : staff.n === 18 ? 'branch_gm.nb' : staff.role;
  return `${suffix}@demo.guanjia.dev`;
}
