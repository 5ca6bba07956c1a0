import { call, client, platformSecret } from './api';
import { nextShard, type ShardName } from './shards';

let counter = 0;

/**
 * A fresh property group with its admin logged in; slugs are unique per call. Tenants go to
 * the two D1 shards in turn (`nextShard`), unless `options.shard` names one.
 */
export async function newTenant(name = 'Test Group', options: { shard?: ShardName } = {}) {
  counter += 1;
  const slug = `t${Date.now().toString(36)}${counter}`;
  const password = 'correct horse battery';
  const email = `admin@${slug}.test`;
  const created = await call('POST', '/platform/tenants', {
    token: platformSecret,
    body: { slug, name, shard: options.shard ?? nextShard(), admin: { name: 'Admin', email, password } },
  });
  if (created.status !== 201) throw new Error(`tenant not created: ${JSON.stringify(created.body)}`);
  const admin = await login(slug, email, password);
  return {
    slug,
    tenantId: created.body.id as string,
    shard: created.body.shard as ShardName,
    admin,
    adminEmail: email,
    password,
  };
}

export async function login(tenant: string, loginName: string, password: string) {
  const res = await call('POST', '/v1/auth/login', { body: { tenant, login: loginName, password } });
  if (res.status !== 200) throw new Error(`login failed for ${loginName}: ${JSON.stringify(res.body)}`);
  return client(res.body.accessToken as string);
}

/** Creates a branch, a project in it, a building and a unit through the API. */
export async function newEstate(admin: ReturnType<typeof client>, label = 'A') {
  const branch = await admin.post('/v1/branches', { name: `Branch ${label}` });
  const project = await admin.post('/v1/projects', { branchId: branch.body.id, name: `Project ${label}` });
  const building = await admin.post('/v1/buildings', { projectId: project.body.id, name: '1号楼' });
  const unit = await admin.post('/v1/units', { buildingId: building.body.id, number: '1-101', floor: 1 });
  for (const r of [branch, project, building, unit]) {
    if (r.status !== 201) throw new Error(`estate setup failed: ${JSON.stringify(r.body)}`);
  }
  return {
    branchId: branch.body.id as string,
    projectId: project.body.id as string,
    buildingId: building.body.id as string,
    unitId: unit.body.id as string,
  };
}
