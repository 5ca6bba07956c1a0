import { Scalar } from '@scalar/hono-api-reference';
import { publicJwks } from '../auth/tokens';
import { createApp, createRouter } from './app';
import { systemFontStack } from './lib/system-fonts';
import { authenticate } from './middleware/authenticate';
import { rateLimit } from './middleware/rate-limit';
import { apiKeysRouter } from './routes/api-keys/api-keys.handlers';
import { auditLogRouter } from './routes/audit-log/audit-log.handlers';
import { mysteryAuditsRouter } from './routes/audits/audits.index';
import { authRouter } from './routes/auth/auth.handlers';
import { meRouter } from './routes/auth/me.handlers';
import { benchRouter } from './routes/bench/bench.handlers';
import { casesRouter } from './routes/cases';
import { serveConsoleAssets } from './routes/console/console.handlers';
import { defectsRouter } from './routes/defects/defects.handlers';
import { docsPage } from './routes/docs/docs-page';
import { eventsRouter } from './routes/events/events.handlers';
import { handoverRouter } from './routes/handover/handover.handlers';
import { importsRouter } from './routes/imports/imports.handlers';
import { inboxRouter } from './routes/inbox/inbox.handlers';
import { knowledgeRouter } from './routes/knowledge/knowledge.handlers';
import { noticesRouter } from './routes/notices/notices.handlers';
import { orgRouter } from './routes/org';
import { ownersRouter } from './routes/owners/owners.handlers';
import { platformRouter } from './routes/platform/platform.handlers';
import { publicRouter } from './routes/public';
import { ownerPageRouter } from './routes/public/owner-page';
import { reportPageRouter } from './routes/public/report-page';
import { surveyPageRouter } from './routes/public/survey-page';
import { reportQrRouter } from './routes/report-qr/report-qr.handlers';
import { interviewsRouter } from './routes/satisfaction/interviews.handlers';
import { plansRouter } from './routes/satisfaction/plans.handlers';
import { scorecardsRouter } from './routes/satisfaction/scorecards.handlers';
import { summariesRouter } from './routes/satisfaction/summaries.handlers';
import { surveysRouter } from './routes/satisfaction/surveys.handlers';
import { slaRouter } from './routes/sla';
import { notificationPreferencesRouter } from './routes/staff/notification-preferences.handlers';
import { staffRouter } from './routes/staff/staff.handlers';
import { starRouter } from './routes/star/star.handlers';
import { registerEventWebhooks } from './routes/webhooks/catalogue';
import { webhooksRouter } from './routes/webhooks/webhooks.handlers';

/** Where the console's build puts the API reference's bundle (packages/console/vite.config.ts). */
export const scalarBundlePath = '/docs/scalar.js';

/** Routes that need a staff token or an API key. */
function authenticatedV1() {
  const v1 = createRouter();
  v1.use('*', authenticate, rateLimit);
  return v1
    .route('/', meRouter)
    .route('/', orgRouter)
    .route('/', reportQrRouter)
    .route('/', ownersRouter)
    .route('/', importsRouter)
    .route('/', staffRouter)
    .route('/', notificationPreferencesRouter)
    .route('/', apiKeysRouter)
    .route('/', auditLogRouter)
    .route('/', casesRouter)
    .route('/', slaRouter)
    .route('/', starRouter)
    .route('/', mysteryAuditsRouter)
    .route('/', defectsRouter)
    .route('/', knowledgeRouter)
    .route('/', handoverRouter)
    .route('/', surveysRouter)
    .route('/', plansRouter)
    .route('/', interviewsRouter)
    .route('/', summariesRouter)
    .route('/', scorecardsRouter)
    .route('/', webhooksRouter)
    .route('/', eventsRouter)
    .route('/', inboxRouter)
    .route('/', noticesRouter);
}

export function buildApi() {
  const app = createApp();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff access token (JWT from /v1/auth/login) or an integrator API key (gjk_...)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'platformSecret', {
    type: 'http',
    scheme: 'bearer',
    description: 'The PLATFORM_SECRET of the deployment',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'webhookSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description:
      'Events sent to your endpoint (the `webhooks` section) carry a Standard Webhooks signature: check `webhook-signature` against `webhook-id`, `webhook-timestamp` and the body with the endpoint secret',
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/.well-known/jwks.json', async (c) => c.json(await publicJwks(c.env)));
  app.route('/', platformRouter);
  app.route('/', benchRouter);
  app.route('/public/v1', publicRouter);
  app.route('/', ownerPageRouter);
  app.route('/', reportPageRouter);
  app.route('/', surveyPageRouter);
  app.route('/v1', authRouter);
  app.route('/v1', authenticatedV1());

  registerEventWebhooks(app);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [
      { url: '/', description: 'This deployment (paths are relative to where the document is served)' },
    ],
    info: {
      title: 'Guanjia 管家 API',
      version: '1.0.0',
      description:
        'Multi-tenant customer service for property groups. Errors are RFC 9457 problem+json; lists use cursor pagination; creating POSTs accept Idempotency-Key; updates accept If-Match.',
    },
  });
  // The reference's script is the installed @scalar/api-reference bundle, copied into the
  // console's assets by its build (never a CDN: /docs must render offline and in mainland China).
  app.get(
    '/docs',
    docsPage(
      Scalar({
        url: '/openapi.json',
        pageTitle: 'Guanjia API reference',
        cdn: scalarBundlePath,
        // Its default fonts come from fonts.scalar.com: the system's fonts instead (no outside request).
        withDefaultFonts: false,
        customCss: `body, .scalar-app { --scalar-font: ${systemFontStack}; }`,
      }),
    ),
  );
  app.get('*', serveConsoleAssets);
  return app;
}
