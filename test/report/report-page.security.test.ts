import { describe, expect, it } from 'vitest';
import { as, fx } from '../cases/support';
import { call } from '../support/api';
import { newEstate, newTenant } from '../support/tenants';
import { browse, newAddress, newPhone, pagePath, place, reportForm } from './support';

describe('report pages and their QR codes stay within their tenant', () => {
  it('another tenant’s project or building, or an unknown one, is a 404 page in the owner’s language', async () => {
    await as('tenant_admin');
    const other = await newTenant('Other Group');
    const estate = await newEstate(other.admin, 'X');
    // Their own page works.
    expect((await browse('GET', pagePath(estate.projectId, estate.buildingId, other.slug))).status).toBe(200);

    const cases = [
      pagePath(estate.projectId, null), // the other tenant's project under the demo's slug
      pagePath(estate.projectId, estate.buildingId),
      pagePath(place.xixi, estate.buildingId), // their building under a demo project
      pagePath(place.xixi, null, other.slug), // a demo project under their slug
      pagePath(place.xixi, place.qianjiangB1), // a demo building of another project
      pagePath('prj_nope', null),
      pagePath(place.xixi, null, 'no-such-tenant'),
    ];
    for (const path of cases) {
      const res = await browse('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.text).toContain('未找到该报修页面。请重新扫描物业张贴的二维码，或致电物业服务中心。');
    }
    const en = await browse('GET', pagePath(estate.projectId, estate.buildingId), {
      headers: { 'Accept-Language': 'en' },
    });
    expect(en.status).toBe(404);
    expect(en.text).toContain('This report page was not found.');

    // Posting to another tenant's building sends nothing and says the same.
    const posted = await browse('POST', `${pagePath(estate.projectId, estate.buildingId)}/code`, {
      form: reportForm(newPhone(), { unitId: estate.unitId }),
      address: newAddress(),
    });
    expect(posted.status).toBe(404);
    expect(posted.text).toContain('未找到该报修页面');
  });

  it('QR codes: SVG for a project and a building of the caller’s tenant; another tenant’s is 404; no token is 401', async () => {
    const admin = await as('tenant_admin');
    const project = await call('GET', `/v1/projects/${fx.xixi}/report-qr`, { token: admin.token });
    expect(project.status).toBe(200);
    expect(project.headers.get('content-type')).toContain('image/svg+xml');
    expect(String(project.body)).toMatch(/^<svg [^>]*viewBox/);
    expect(String(project.body)).toContain('西溪花园');
    expect(project.headers.get('x-report-url')).toBe(`http://api.test${pagePath(place.xixi, null)}`);
    const building = await call('GET', `/v1/buildings/${place.xixiB2}/report-qr`, { token: admin.token });
    expect(building.status).toBe(200);
    expect(String(building.body)).toContain('西溪花园 2号楼');
    expect(building.headers.get('x-report-url')).toBe(`http://api.test${pagePath(place.xixi, place.xixiB2)}`);
    // The address printed leads to the page.
    const url = new URL(String(building.headers.get('x-report-url')));
    expect((await browse('GET', url.pathname)).status).toBe(200);

    const other = await newTenant('QR Other');
    const estate = await newEstate(other.admin, 'Q');
    expect(
      (await call('GET', `/v1/projects/${estate.projectId}/report-qr`, { token: admin.token })).status,
    ).toBe(404);
    expect(
      (await call('GET', `/v1/buildings/${estate.buildingId}/report-qr`, { token: admin.token })).status,
    ).toBe(404);
    expect((await call('GET', `/v1/projects/${fx.xixi}/report-qr`)).status).toBe(401);
    // A front desk of 东湖湾 (Ningbo) does not reach 西溪花园.
    const ningbo = await as('front_desk.nb');
    expect((await call('GET', `/v1/projects/${fx.xixi}/report-qr`, { token: ningbo.token })).status).toBe(
      404,
    );
    expect((await call('GET', `/v1/projects/${fx.donghu}/report-qr`, { token: ningbo.token })).status).toBe(
      200,
    );
  });
});
