// The operation contract lives in helpers/operation.ts (below actions/); operation files import it from here.
export type { GuardAmount, OperationGuard, OperationModule, PreparedItem, ResourceModule } from '../helpers/operation';
