import { exports } from 'cloudflare:workers';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from '../../packages/console/src/api/schema';
import { type GuanjiaClient, repairFlow } from '../node/client/repair-flow';
import { loginDemo, seedDemo } from '../support/demo';
import { fx } from './support';

/** The generated client (what the console and an integrator use), over the Worker itself. */
function generatedClient(token: string): GuanjiaClient {
  return createClient<paths>({
    baseUrl: 'http://api.test',
    fetch: (request: Request) => exports.default.fetch(request),
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('the client generated from /openapi.json', () => {
  it('files a repair and takes it through every step to closing', async () => {
    await seedDemo();
    const hotline = await loginDemo('hotline_agent');
    const contractor = await loginDemo('contractor_staff');
    const { statuses, timeline } = await repairFlow(
      generatedClient(hotline.token),
      generatedClient(contractor.token),
      {
        projectId: fx.xixi,
        unitId: fx.xixiUnit(4),
        ownerId: fx.xixiOwner(4),
        contractorId: fx.contractor1,
      },
    );
    expect(statuses).toEqual([
      'received',
      'received',
      'dispatched',
      'contacted',
      'waiting_for_owner',
      'contacted',
      'on_site',
      'completed',
      'signed_off',
      'followed_up',
      'closed',
    ]);
    expect(timeline).toEqual(
      expect.arrayContaining(['receive', 'dispatch', 'record_contact', 'sign_off', 'close']),
    );
  });
});
