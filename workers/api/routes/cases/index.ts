import { createRouter } from '../../app';
import { caseAdminRouter } from './case-admin';
import { caseReportsRouter } from './case-reports';
import { casesRouter as caseRoutes } from './cases.handlers';

/** Cases (工单), their settings, the daily department and KPI reports and the projects' channel keys. */
export const casesRouter = createRouter()
  .route('/', caseRoutes)
  .route('/', caseAdminRouter)
  .route('/', caseReportsRouter);
