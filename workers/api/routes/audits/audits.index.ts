import { createRouter } from '../../app';
import { auditsRouter } from './audits.handlers';
import { correctiveRouter } from './corrective.handlers';
import { plansRouter } from './plans.handlers';
import { templatesRouter } from './templates.handlers';

/** The mystery-shopper routes, one router per concept, in the order they were always registered. */
export const mysteryAuditsRouter = createRouter()
  .route('/', templatesRouter)
  .route('/', plansRouter)
  .route('/', auditsRouter)
  .route('/', correctiveRouter);
