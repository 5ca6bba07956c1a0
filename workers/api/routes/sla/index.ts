import { createRouter } from '../../app';
import { escalationRungsRouter } from './settings';
import { slaViewsRouter } from './sla.handlers';

/** SLA settings (`sla.manage` to change) and views (`cases.read`). */
export const slaRouter = createRouter().route('/', escalationRungsRouter).route('/', slaViewsRouter);
