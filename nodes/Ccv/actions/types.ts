// The operation contract lives in helpers/operation.ts (below actions/); operation files import it from here.
export type {
	GuardAmount,
	IdempotencyIdentity,
	OperationGuard,
	OperationModule,
	OutputSchema,
	PreparedItem,
	ResourceModule,
} from '../helpers/operation';
