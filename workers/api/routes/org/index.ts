import { createRouter } from '../../app';
import {
  branchesRouter,
  buildingsRouter,
  contractorContactsRouter,
  contractorsRouter,
  departmentsRouter,
  projectsRouter,
  unitsRouter,
  zonesRouter,
} from './resources';

export const orgRouter = createRouter()
  .route('/', zonesRouter)
  .route('/', branchesRouter)
  .route('/', projectsRouter)
  .route('/', buildingsRouter)
  .route('/', unitsRouter)
  .route('/', departmentsRouter)
  .route('/', contractorsRouter)
  .route('/', contractorContactsRouter);
