import { AppError } from '@guanjia/core';
import { requireReach } from '../../../app/access';
import * as scorecards from '../../../app/contractors';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { getRulesRoute, saveRulesRoute, scorecardsRoute } from './scorecards.routes';

export const scorecardsRouter = createRouter()
  .openapi(scorecardsRoute, async (c) => {
    const scope = c.get('scope');
    const { month, format } = c.req.valid('query');
    const report = await scorecards.monthScorecards(scope, requireReach(scope, 'satisfaction.read'), {
      month,
    });
    if (format === 'csv') {
      return c.body(scorecards.scorecardsCsv(report.scorecards), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="contractor-scorecards-${month}.csv"`,
      });
    }
    return c.json(report, 200);
  })
  .openapi(getRulesRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'satisfaction.read');
    const view = await scorecards.getScoringRules(scope);
    c.header('ETag', etagOf(view.version));
    return c.json(view, 200);
  })
  .openapi(saveRulesRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'satisfaction.manage');
    if (reach.kind !== 'tenant') {
      throw new AppError('forbidden', 'The group CS centre sets the reward/penalty rules');
    }
    const view = await scorecards.saveScoringRules(scope, {
      rules: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.version));
    return c.json(view, 200);
  });
