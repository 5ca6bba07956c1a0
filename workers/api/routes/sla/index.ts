import { createRouter } from '../../app';
import { businessCalendarsRouter, escalationRungsRouter, slaPoliciesRouter } from './settings';
import { slaViewsRouter } from './sla.handlers';

/** SLA settings (`sla.manage` to change) and views (`cases.read`). */
export const slaRouter = createRouter()
  .route('/', slaPoliciesRouter)
  .route('/', businessCalendarsRouter)
  .route('/', escalationRungsRouter)
  .route('/', slaViewsRouter);
