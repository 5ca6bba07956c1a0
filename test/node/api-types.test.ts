import { describe, expect, it } from 'vitest';
import { generateApiTypes } from '../../packages/console/api-types';
import { openApiDocument } from './openapi-doc';

// The console's client types and its copy of the document, against the current routes.
// `npm run gen:api` rewrites both (vitest -u); a plain run fails when either is stale.
describe('the console’s generated API client', () => {
  it('types match what openapi-typescript makes of the current /openapi.json', async () => {
    const document = await openApiDocument();
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot(
      '../../packages/console/src/api/openapi.json',
    );
    await expect(await generateApiTypes(document)).toMatchFileSnapshot(
      '../../packages/console/src/api/schema.d.ts',
    );
  });
});
