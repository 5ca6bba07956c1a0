import { useQueryClient } from '@tanstack/react-query';
import type { TreeDataNode } from 'antd';
import { App, Button, Card, Input, Modal, Space, Tag, Tree, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ifMatch, ScreenTitle } from '../../lib/admin';

type Level = 'zone' | 'branch' | 'project' | 'building' | 'unit';
interface OrgRecord {
  id: string;
  version: number;
  name?: string;
  number?: string;
  zoneId?: string | null;
}
const paths: Record<Level, string> = {
  zone: '/v1/zones',
  branch: '/v1/branches',
  project: '/v1/projects',
  building: '/v1/buildings',
  unit: '/v1/units',
};
const childOf: Partial<Record<Level, Level>> = {
  zone: 'branch',
  branch: 'project',
  project: 'building',
  building: 'unit',
};
const parentField: Partial<Record<Level, string>> = {
  branch: 'zoneId',
  project: 'branchId',
  building: 'projectId',
  unit: 'buildingId',
};
// Untyped access to the five collections (one shape for the tree); the generated client still builds the URL.
const get = (path: string, query: Record<string, string | number>) =>
  data(api.GET(path as '/v1/zones', { params: { query: query as never } })) as Promise<{ data: OrgRecord[] }>;

interface Node extends TreeDataNode {
  key: string;
  level: Level;
  record: OrgRecord;
  children?: Node[];
}

/** 组织架构: zones → branches → projects → buildings → units, each name edited in place. */
export function OrgPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [tree, setTree] = useState<Node[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState<{ level: Level; parent?: Node } | null>(null);
  const [name, setName] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);

  const nodeOf = useCallback(
    (level: Level, record: OrgRecord): Node => ({
      key: `${level}:${record.id}`,
      level,
      record,
      isLeaf: level === 'unit',
      title: '',
    }),
    [],
  );

  const loadRoot = useCallback(async () => {
    try {
      const [zones, branches, projects] = await Promise.all([
        get(paths.zone, { limit: 200 }),
        get(paths.branch, { limit: 200 }),
        get(paths.project, { limit: 200 }),
      ]);
      // Zones, branches and projects at once (a group has tens); buildings and units on opening.
      const branchNode = (b: OrgRecord) => ({
        ...nodeOf('branch', b),
        children: projects.data
          .filter((p) => (p as OrgRecord & { branchId: string }).branchId === b.id)
          .map((p) => nodeOf('project', p)),
      });
      const zoneNodes = zones.data.map((z) => ({
        ...nodeOf('zone', z),
        children: branches.data.filter((b) => b.zoneId === z.id).map(branchNode),
      }));
      const loose = branches.data.filter((b) => !zones.data.some((z) => z.id === b.zoneId));
      setTree([...zoneNodes, ...loose.map(branchNode)]);
      setExpanded([...zones.data.map((z) => `zone:${z.id}`), ...branches.data.map((b) => `branch:${b.id}`)]);
    } catch (e) {
      setError(e);
    }
  }, [nodeOf]);
  useEffect(() => void loadRoot(), [loadRoot]);

  const replace = (nodes: Node[], key: string, change: (n: Node) => Node): Node[] =>
    nodes.map((n) =>
      n.key === key ? change(n) : n.children ? { ...n, children: replace(n.children, key, change) } : n,
    );

  const loadChildren = async (node: Node) => {
    const level = childOf[node.level];
    if (!level || node.children) return;
    const field = parentField[level] as string;
    const query: Record<string, string | number> = { limit: 200, [field]: node.record.id };
    if (level === 'unit') query.projectId = (node.record as OrgRecord & { projectId: string }).projectId;
    const page = await get(paths[level], query);
    setTree((all) =>
      replace(all, node.key, (n) => ({ ...n, children: page.data.map((r) => nodeOf(level, r)) })),
    );
  };

  const rename = async (node: Node, value: string) => {
    const text = value.trim();
    const field = node.level === 'unit' ? 'number' : 'name';
    if (!text || text === node.record[field]) return;
    try {
      const updated = (await data(
        api.PATCH(`${paths[node.level]}/{id}` as '/v1/zones/{id}', {
          params: { path: { id: node.record.id }, header: ifMatch(node.record.version) as never },
          body: { [field]: text } as never,
        }),
      )) as OrgRecord;
      setTree((all) => replace(all, node.key, (n) => ({ ...n, record: updated })));
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      message.success(t('admin.saved'));
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };

  const create = async () => {
    if (!adding || !name.trim()) return;
    const { level, parent } = adding;
    const body: Record<string, unknown> = level === 'unit' ? { number: name.trim() } : { name: name.trim() };
    const field = parentField[level];
    if (parent && field) body[field] = parent.record.id;
    try {
      const created = (await data(
        api.POST(paths[level] as '/v1/zones', {
          params: { header: idempotency() as never },
          body: body as never,
        }),
      )) as OrgRecord;
      if (parent) {
        setTree((all) =>
          replace(all, parent.key, (n) => ({
            ...n,
            children: [...(n.children ?? []), nodeOf(level, created)],
          })),
        );
      } else {
        setTree((all) => [...all, nodeOf(level, created)]);
      }
      setAdding(null);
      setName('');
      message.success(t('admin.saved'));
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };

  const titleOf = (node: Node) => {
    const label = node.level === 'unit' ? node.record.number : node.record.name;
    const child = childOf[node.level];
    return (
      <Space size={6} data-testid={node.key}>
        <Tag>{t(`admin.org.${node.level}`)}</Tag>
        {/* The tree's own keys (Enter, arrows) must not reach it from the name being edited. */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: only stops the tree's handlers, the Text inside is the control */}
        <span onKeyDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
          <Typography.Text editable={{ onChange: (v) => void rename(node, v), tooltip: t('admin.edit') }}>
            {label}
          </Typography.Text>
        </span>
        {child && (
          <Button
            size="small"
            type="link"
            onClick={(e) => {
              e.stopPropagation();
              setAdding({ level: child, parent: node });
            }}
          >
            {t('admin.org.add', { level: t(`admin.org.${child}`) })}
          </Button>
        )}
      </Space>
    );
  };
  const render = (nodes: Node[]): TreeDataNode[] =>
    nodes.map((n) => ({ ...n, title: titleOf(n), children: n.children ? render(n.children) : undefined }));

  return (
    <div className="gj-page">
      <ScreenTitle
        title={t('admin.org.title')}
        extra={
          <Space>
            <Button onClick={() => setAdding({ level: 'zone' })}>
              {t('admin.org.add', { level: t('admin.org.zone') })}
            </Button>
            <Button onClick={() => setAdding({ level: 'branch' })}>
              {t('admin.org.add', { level: t('admin.org.branch') })}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        {tree.length === 0 ? (
          <Typography.Text type="secondary">{t('app.empty')}</Typography.Text>
        ) : (
          <Tree
            treeData={render(tree)}
            loadData={(n) => loadChildren(n as unknown as Node)}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys as string[])}
            selectable={false}
            blockNode
          />
        )}
      </Card>
      <Modal
        open={adding !== null}
        title={adding ? t('admin.org.add', { level: t(`admin.org.${adding.level}`) }) : ''}
        onCancel={() => setAdding(null)}
        onOk={() => void create()}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        destroyOnHidden
      >
        <Input
          autoFocus
          aria-label={t('admin.name')}
          placeholder={t('admin.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void create()}
        />
      </Modal>
    </div>
  );
}
