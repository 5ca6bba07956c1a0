import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('smoke', () => {
  it('serves health and the OpenAPI document', async () => {
    const health = await exports.default.fetch('http://api.test/healthz');
    expect(health.status).toBe(200);
    const doc = await exports.default.fetch('http://api.test/openapi.json');
    if (doc.status !== 200) console.log(await doc.text());
    expect(doc.status).toBe(200);
    const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/v1/branches');
  });
});
