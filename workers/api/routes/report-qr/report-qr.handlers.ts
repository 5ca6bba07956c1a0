import { reportQr } from '../../../app/report';
import { requireReach } from '../../../data/reach';
import { createRouter } from '../../app';
import { buildingReportQrRoute, projectReportQrRoute } from './report-qr.routes';

export const reportQrRouter = createRouter();

/** Links printed on posters point at the public origin when one is configured, else at this API. */
const baseUrlOf = (env: { PUBLIC_BASE_URL?: string }, requestUrl: string) =>
  (env.PUBLIC_BASE_URL || new URL(requestUrl).origin).replace(/\/$/, '');

const svgResponse = ({ svg, url }: { svg: string; url: string }) =>
  new Response(svg, {
    status: 200,
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'private, max-age=300',
      'x-report-url': url,
    },
  }) as never;

reportQrRouter.openapi(projectReportQrRoute, async (c) => {
  const scope = c.get('scope');
  const reach = requireReach(scope, 'org.read');
  const { id } = c.req.valid('param');
  return svgResponse(
    await reportQr(c.env, scope, reach, { projectId: id, baseUrl: baseUrlOf(c.env, c.req.url) }),
  );
});

reportQrRouter.openapi(buildingReportQrRoute, async (c) => {
  const scope = c.get('scope');
  const reach = requireReach(scope, 'org.read');
  const { id } = c.req.valid('param');
  return svgResponse(
    await reportQr(c.env, scope, reach, { buildingId: id, baseUrl: baseUrlOf(c.env, c.req.url) }),
  );
});
