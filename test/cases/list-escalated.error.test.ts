import { describe, expect, it } from 'vitest';
import { as } from './support';

describe('case list filters that do not parse', () => {
  it('escalated=yes is 400 naming escalated', async () => {
    const hotline = await as('hotline_agent');
    const res = await hotline.get('/v1/cases?escalated=yes');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.issues)).toContain('escalated');
  });

  it('an unknown channel is 400 naming channel', async () => {
    const hotline = await as('hotline_agent');
    const res = await hotline.get('/v1/cases?channel=fax');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.issues)).toContain('channel');
  });
});
