// Every CCV route the sandbox serves, in one table (the router test walks it).
import type { Route } from '../router';
import { boardingRoutes } from './boarding';
import { customerRoutes } from './customers';
import { followUpRoutes } from './followups';
import { paymentRoutes } from './payments';
import { readRoutes } from './transactions';

export const ALL_ROUTES: Route[] = [...customerRoutes, ...paymentRoutes, ...followUpRoutes, ...readRoutes, ...boardingRoutes];
