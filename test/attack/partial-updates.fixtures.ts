import type { Client } from '../support/api';
import { receiverUrl } from '../support/events';
import { newStaff } from '../support/staff';
import type { newEstate } from '../support/tenants';

export interface PatchContext {
  admin: Client;
  estate: Awaited<ReturnType<typeof newEstate>>;
}

/**
 * How to test one PATCH route: make a record whose every field differs from its create
 * default (so a default written by a PATCH shows), then the one-field bodies to send in turn.
 */
export interface PatchFixture {
  /** Creates the record; answers the path that both GET and PATCH take. */
  setup(ctx: PatchContext): Promise<string>;
  /** Where the record is read when its path has no GET: the list holding it (by `id`). */
  listedIn?: string;
  /** Each body sets one field; after each, every other field must read as before. */
  patches: (ctx: PatchContext) => Record<string, unknown>[];
}

const created = async (res: Promise<{ status: number; body: any }>, what: string) => {
  const r = await res;
  if (r.status !== 201) throw new Error(`${what} not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string } & Record<string, unknown>;
};

const week = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '18:00' }]]),
);

export const policyBody = (projectId: string) => ({
  name: '滨江报修 2 天回访',
  enabled: true,
  priority: 7,
  match: { kinds: ['repair'], projectIds: [projectId] },
  milestones: [
    {
      key: 'followup',
      type: 'reminder',
      reopen: 'next_start',
      startOn: ['case.completed'],
      stopOn: ['followup.completed'],
      target: { kind: 'duration', minutes: 2 * 24 * 60 },
      calendar: 'round_the_clock',
    },
  ],
});

/** One fixture per PATCH operation of the OpenAPI document, by operationId. */
export const patchFixtures: Record<string, PatchFixture> = {
  updateKnowledgeArticle: {
    setup: async ({ admin }) => {
      const article = await created(
        admin.post('/v1/knowledge/articles', {
          kind: 'standard_answer',
          title: '装修申请流程',
          body: '业主持装修方案到服务中心登记，缴纳装修押金后领取施工许可证。',
          tags: ['装修'],
          publish: true,
        }),
        'article',
      );
      return `/v1/knowledge/articles/${article.id}`;
    },
    patches: () => [{ title: '装修申请办理流程' }, { tags: ['装修', '押金'] }],
  },
  updateDefect: {
    setup: async ({ admin, estate }) => {
      const defect = await created(
        admin.post('/v1/defects', {
          description: '卫生间防水层渗漏',
          category: 'plumbing.leak',
          source: 'complaint',
          projectId: estate.projectId,
          buildingIds: [estate.buildingId],
          unitTypes: ['A2'],
          impact: { householdsAffected: 12, risk: 'high', estimatedLossFen: 50_000 },
          foundAt: '2026-05-01T02:00:00.000Z',
          violatesStandard: true,
        }),
        'defect',
      );
      return `/v1/defects/${defect.id}`;
    },
    patches: () => [
      { description: '卫生间防水层渗漏，楼下天花板发霉' },
      { impact: { householdsAffected: 20, risk: 'medium', estimatedLossFen: 80_000 } },
      { unitTypes: ['B1'] },
    ],
  },
  updateZone: {
    setup: async ({ admin }) =>
      `/v1/zones/${(await created(admin.post('/v1/zones', { name: '华东片区', code: 'HD' }), 'zone')).id}`,
    patches: () => [{ name: '华东一区' }, { code: 'HD1' }],
  },
  updateBranch: {
    setup: async ({ admin }) => {
      const zone = await created(admin.post('/v1/zones', { name: '华南片区' }), 'zone');
      const branch = await created(
        admin.post('/v1/branches', { name: '宁波分公司', code: 'NB', city: '宁波', zoneId: zone.id }),
        'branch',
      );
      return `/v1/branches/${branch.id}`;
    },
    patches: () => [{ city: '宁波市' }, { name: '宁波公司' }],
  },
  updateProject: {
    setup: async ({ admin, estate }) => {
      const project = await created(
        admin.post('/v1/projects', {
          branchId: estate.branchId,
          name: '东湖湾',
          code: 'DHW',
          address: '东湖路 1 号',
        }),
        'project',
      );
      return `/v1/projects/${project.id}`;
    },
    patches: () => [{ address: '东湖路 2 号' }, { name: '东湖湾二期' }],
  },
  updateBuilding: {
    setup: async ({ admin, estate }) =>
      `/v1/buildings/${(await created(admin.post('/v1/buildings', { projectId: estate.projectId, name: '2号楼' }), 'building')).id}`,
    patches: () => [{ name: '2幢' }],
  },
  updateUnit: {
    setup: async ({ admin, estate }) => {
      const unit = await created(
        admin.post('/v1/units', { buildingId: estate.buildingId, number: '2-301', floor: 3, areaSqm: 90 }),
        'unit',
      );
      return `/v1/units/${unit.id}`;
    },
    patches: () => [{ floor: 4 }, { areaSqm: 95 }, { number: '2-401' }],
  },
  updateDepartment: {
    setup: async ({ admin, estate }) => {
      const dept = await created(
        admin.post('/v1/departments', { name: '工程部', kind: 'engineering', projectId: estate.projectId }),
        'department',
      );
      return `/v1/departments/${dept.id}`;
    },
    patches: () => [{ name: '工程维修部' }],
  },
  updateContractor: {
    setup: async ({ admin }) => {
      const contractor = await created(
        admin.post('/v1/contractors', {
          name: '安居维修',
          trades: ['plumbing', 'electrical'],
          phone: '13900000001',
          status: 'suspended',
        }),
        'contractor',
      );
      return `/v1/contractors/${contractor.id}`;
    },
    patches: () => [{ name: '安居维修公司' }, { phone: '13900000002' }],
  },
  updateContractorContact: {
    setup: async ({ admin }) => {
      const contractor = await created(admin.post('/v1/contractors', { name: '顺达水电' }), 'contractor');
      const contact = await created(
        admin.post('/v1/contractor-contacts', {
          contractorId: contractor.id,
          name: '马师傅',
          phone: '13900000003',
          email: 'ma@shunda.test',
          title: '班长',
        }),
        'contact',
      );
      return `/v1/contractor-contacts/${contact.id}`;
    },
    patches: () => [{ title: '队长' }, { name: '马建国' }],
  },
  updateOwner: {
    setup: async ({ admin, estate }) => {
      const owner = await created(
        admin.post('/v1/owners', {
          name: '李芳',
          phone: '13800000001',
          email: 'li@owner.test',
          note: '晚上八点后勿扰',
          units: [{ unitId: estate.unitId, relation: 'family' }],
        }),
        'owner',
      );
      return `/v1/owners/${owner.id}`;
    },
    patches: () => [{ note: '上午方便' }, { name: '李芳芳' }],
  },
  updateStaff: {
    setup: async ({ admin, estate }) => {
      const person = await newStaff(
        admin,
        [{ role: 'engineer', scopeType: 'project', scopeId: estate.projectId }],
        {
          locale: 'en',
        },
      );
      return `/v1/staff/${person.id}`;
    },
    patches: () => [{ name: '张三丰' }, { phone: '13900001111' }],
  },
  updateSlaPolicy: {
    setup: async ({ admin, estate }) =>
      `/v1/sla/policies/${(await created(admin.post('/v1/sla/policies', policyBody(estate.projectId)), 'policy')).id}`,
    // Off first: then a name or a priority change must leave it off.
    patches: () => [{ enabled: false }, { name: '滨江回访' }, { priority: 9 }],
  },
  updateBusinessCalendar: {
    setup: async ({ admin, estate }) => {
      const calendar = await created(
        admin.post('/v1/sla/calendars', {
          name: '项目日历',
          projectId: estate.projectId,
          timeZone: 'Asia/Shanghai',
          hours: week,
          holidays: ['2031-05-07'],
          makeUpDays: ['2031-05-10'],
          roundTheClock: false,
          makeUpHoursOf: 'tue',
        }),
        'calendar',
      );
      return `/v1/sla/calendars/${calendar.id}`;
    },
    patches: () => [{ name: '项目日历 9–18' }, { timeZone: 'Asia/Urumqi' }],
  },
  updateEscalationRung: {
    setup: async ({ admin, estate }) => {
      const supervisor = await newStaff(admin, [
        { role: 'cs_supervisor', scopeType: 'project', scopeId: estate.projectId },
      ]);
      const rung = await created(
        admin.post('/v1/sla/escalation-rungs', {
          level: 'supervisor',
          projectId: estate.projectId,
          staffIds: [supervisor.id],
        }),
        'rung',
      );
      return `/v1/sla/escalation-rungs/${rung.id}`;
    },
    patches: () => [{ level: 'project_manager' }],
  },
  updateStarNomination: {
    setup: async ({ admin, estate }) => {
      const nominee = await newStaff(admin, [
        { role: 'cs_specialist', scopeType: 'project', scopeId: estate.projectId },
      ]);
      const nomination = await created(
        admin.post('/v1/star/nominations', {
          projectId: estate.projectId,
          nomineeId: nominee.id,
          nomineeRole: '前台客服',
          reasons: '业主多次表扬',
          deeds: [{ date: '2031-03-02', description: '雨夜协助业主处理漏水' }],
        }),
        'nomination',
      );
      return `/v1/star/nominations/${nomination.id}`;
    },
    patches: () => [{ reasons: '业主多次表扬，主动跟进报修' }, { nomineeRole: '客服主管' }],
  },
  updateAuditTemplate: {
    setup: async ({ admin }) => {
      const template = await created(
        admin.post('/v1/audit-templates', {
          name: '保安亭检查',
          channel: 'property_service',
          threshold: 70,
          active: false,
          sections: [
            {
              key: 'booth',
              label: { zh: '岗亭', en: 'Guard booth' },
              weight: 1,
              items: [{ key: 'salute', label: { zh: '敬礼问候', en: 'Salute' }, type: 'yes_no', weight: 1 }],
            },
          ],
        }),
        'audit template',
      );
      return `/v1/audit-templates/${template.id}`;
    },
    patches: () => [{ threshold: 75 }, { name: '岗亭检查' }],
  },
  updateWebhook: {
    setup: async ({ admin }) => {
      const webhook = await created(
        admin.post('/v1/webhooks', {
          url: `${receiverUrl()}/patch-semantics`,
          eventTypes: ['case.created'],
          description: 'ERP',
          enabled: false,
        }),
        'webhook',
      );
      return `/v1/webhooks/${webhook.id}`;
    },
    patches: () => [{ description: 'ERP 工单同步' }, { eventTypes: ['case.*'] }],
  },
  updateNotificationSettings: {
    setup: async ({ admin }) => {
      const res = await admin.patch('/v1/notification-settings', {
        digestTime: '07:45',
        digestEnabled: false,
        webhookDisableAfterMinutes: 600,
      });
      if (res.status !== 200) throw new Error(`settings not set: ${JSON.stringify(res.body)}`);
      return '/v1/notification-settings';
    },
    patches: () => [{ digestTime: '09:15' }, { webhookDisableAfterMinutes: 720 }],
  },
  updateNotificationChannel: {
    setup: async ({ admin }) => {
      const channel = await created(
        admin.post('/v1/notification-channels', {
          kind: 'sms',
          endpointUrl: `${receiverUrl()}/sms-a`,
          credentials: { apiKey: 'k' },
          sender: { sign: '管家物业' },
          enabled: false,
        }),
        'channel',
      );
      return `/v1/notification-channels/${channel.id}`;
    },
    listedIn: '/v1/notification-channels',
    patches: () => [{ endpointUrl: `${receiverUrl()}/sms-b` }],
  },
};
