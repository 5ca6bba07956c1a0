import { createRouter } from '../../app';
import { CaseActionBody } from './case-actions';
import { caseAdminRouter } from './case-admin';
import { caseReportsRouter } from './case-reports';
import { casesRouter as caseRoutes } from './cases.handlers';

/** Cases (工单), their settings, the daily department and KPI reports and the projects' channel keys. */
export const casesRouter = createRouter()
  .route('/', caseRoutes)
  .route('/', caseAdminRouter)
  .route('/', caseReportsRouter);

// The body of POST /v1/cases/{id}/actions, referenced by the route as CaseAction.
casesRouter.openAPIRegistry.register('CaseAction', CaseActionBody);
