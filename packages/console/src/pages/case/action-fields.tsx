import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Radio, Rate, Select, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, data } from '../../api/client';
import type { Translate } from '../../i18n';
import { useDepartments } from '../../lib/org';

/** One field of a step's form; `toBody` turns the form's value into the API's field. */
export interface ActionField {
  name: string;
  label: string;
  kind:
    | 'text'
    | 'textarea'
    | 'datetime'
    | 'contractor'
    | 'department'
    | 'staff'
    | 'staffMany'
    | 'photos'
    | 'satisfaction'
    | 'yuan'
    | { options: string[]; prefix: string };
  required?: boolean;
}

const note = (required = false): ActionField => ({
  name: 'note',
  label: 'form.note',
  kind: 'textarea',
  required,
});

/**
 * The form of each step of the flow, mirroring core's action schemas (the generated types carry
 * the body's name only until the API documents each body). `link_parties` has none: the management
 * console's (part 2).
 */
export const actionFields: Record<string, ActionField[]> = {
  dispatch: [
    { name: 'contractorId', label: 'form.contractor', kind: 'contractor' },
    { name: 'departmentId', label: 'form.department', kind: 'department' },
    note(),
  ],
  reassign: [
    { name: 'contractorId', label: 'form.contractor', kind: 'contractor' },
    { name: 'departmentId', label: 'form.department', kind: 'department' },
    note(),
  ],
  record_contact: [
    { name: 'visitBookedFor', label: 'form.visitBookedFor', kind: 'datetime', required: true },
    note(),
  ],
  arrive: [note()],
  complete: [note(true), { name: 'attachmentIds', label: 'form.photos', kind: 'photos' }],
  sign_off: [
    {
      name: 'method',
      label: 'form.signOffMethod',
      kind: { options: ['owner_link', 'signature'], prefix: 'form.signOffMethod' },
      required: true,
    },
    { name: 'signatureAttachmentId', label: 'form.signature', kind: 'photos' },
  ],
  forfeit: [note()],
  assign_department: [
    { name: 'departmentId', label: 'form.department', kind: 'department', required: true },
    { name: 'assigneeId', label: 'form.assignee', kind: 'staff' },
    note(),
  ],
  add_feedback: [note(true), { name: 'attachmentIds', label: 'form.photos', kind: 'photos' }],
  reply_owner: [
    {
      name: 'replyKind',
      label: 'form.replyKind',
      kind: { options: ['result', 'progress'], prefix: 'form.replyKind' },
      required: true,
    },
    { name: 'message', label: 'form.message', kind: 'textarea', required: true },
  ],
  set_severity: [
    {
      name: 'severity',
      label: 'form.severity',
      kind: { options: ['normal', 'major', 'group'], prefix: 'severity' },
      required: true,
    },
    note(),
  ],
  open_incident: [
    { name: 'leaderId', label: 'form.leader', kind: 'staff', required: true },
    { name: 'memberIds', label: 'form.members', kind: 'staffMany', required: true },
    { name: 'plan', label: 'form.plan', kind: 'textarea' },
    { name: 'etaAt', label: 'form.eta', kind: 'datetime' },
  ],
  record_claim: [{ name: 'amountFen', label: 'form.amountYuan', kind: 'yuan', required: true }, note(true)],
  approve_claim: [note()],
  resolve: [note(true)],
  follow_up: [
    {
      name: 'callOutcome',
      label: 'form.callOutcome',
      kind: { options: ['reached', 'no_answer', 'refused', 'wrong_number'], prefix: 'form.callOutcome' },
      required: true,
    },
    { name: 'satisfaction', label: 'form.satisfaction', kind: 'satisfaction' },
    { name: 'comment', label: 'form.comment', kind: 'textarea' },
  ],
  reopen: [
    {
      name: 'reason',
      label: 'form.reopenReason',
      kind: { options: ['unsatisfied_followup', 're_report', 'other'], prefix: 'form.reopenReason' },
      required: true,
    },
    note(),
  ],
  answer: [note(true)],
  acknowledge: [note()],
  adopt: [note(true)],
  mark_noted: [note()],
  close: [note()],
  cancel: [
    {
      name: 'reason',
      label: 'form.cancelReason',
      kind: { options: ['duplicate', 'withdrawn', 'invalid'], prefix: 'form.cancelReason' },
      required: true,
    },
    { name: 'duplicateOfCaseId', label: 'form.duplicateOf', kind: 'text' },
    note(),
  ],
  wait_for_owner: [note(true)],
  resume: [note()],
  add_note: [note(true)],
};

/** The form's values as the step's body (dates as ISO instants, yuan as fen). */
export function actionBody(action: string, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { type: action };
  for (const field of actionFields[action] ?? []) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    if (field.kind === 'datetime') body[field.name] = (value as Dayjs).toISOString();
    else if (field.kind === 'yuan') body[field.name] = Math.round(Number(value) * 100);
    else if (field.kind === 'photos') {
      const ids = value as string[];
      if (ids.length === 0) continue;
      body[field.name] = field.name === 'signatureAttachmentId' ? ids[0] : ids;
    } else body[field.name] = value;
  }
  return body;
}

function useContractors(enabled: boolean) {
  return useQuery({
    queryKey: ['contractors'],
    queryFn: () => data(api.GET('/v1/contractors', { params: { query: { limit: 200 } } })),
    enabled,
    staleTime: 3_600_000,
    select: (p) => p.data,
  });
}

function useStaff(enabled: boolean) {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => data(api.GET('/v1/staff', { params: { query: { limit: 200 } } })),
    enabled,
    staleTime: 3_600_000,
    select: (p) => p.data,
  });
}

/** A file picker whose value is the ids of the files uploaded to the case. */
function PhotoField({
  value,
  onChange,
  upload,
  addLabel,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  upload: (file: File) => Promise<string>;
  addLabel: string;
}) {
  return (
    <Upload
      listType="picture"
      accept="image/jpeg,image/png,image/webp,image/heic"
      multiple
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const id = await upload(file as File);
          onChange?.([...(value ?? []), id]);
          onSuccess?.(id);
        } catch (e) {
          onError?.(e as Error);
        }
      }}
    >
      <Button>{addLabel}</Button>
    </Upload>
  );
}

export function ActionFieldInput({
  field,
  t,
  upload,
}: {
  field: ActionField;
  t: Translate;
  upload: (file: File) => Promise<string>;
}) {
  const contractors = useContractors(field.kind === 'contractor');
  const departments = useDepartments(field.kind === 'department');
  const staff = useStaff(field.kind === 'staff' || field.kind === 'staffMany');
  const rules = field.required ? [{ required: true, message: t('form.required') }] : [];
  const label = t(field.label);
  const common = { name: field.name, label, rules };
  const kind = field.kind;
  if (typeof kind === 'object') {
    return (
      <Form.Item {...common}>
        <Radio.Group options={kind.options.map((o) => ({ value: o, label: t(`${kind.prefix}.${o}`) }))} />
      </Form.Item>
    );
  }
  switch (kind) {
    case 'textarea':
      return (
        <Form.Item {...common}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      );
    case 'contractor':
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={contractors.isPending}
            options={(contractors.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      );
    case 'department':
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      );
    case 'staff':
    case 'staffMany':
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            mode={kind === 'staffMany' ? 'multiple' : undefined}
            showSearch={{ optionFilterProp: 'label' }}
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      );
    case 'photos':
      return (
        <Form.Item {...common}>
          <PhotoField upload={upload} addLabel={t('intake.photos.add')} />
        </Form.Item>
      );
    case 'satisfaction':
      return (
        <Form.Item {...common}>
          <Rate count={5} />
        </Form.Item>
      );
    case 'yuan':
      return (
        <Form.Item {...common}>
          <InputNumber min={0.01} step={100} precision={2} style={{ width: 200 }} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item {...common}>
          <Input />
        </Form.Item>
      );
  }
}
