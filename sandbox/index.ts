// The CCV sandbox: a local server that behaves as CCV's documented APIs do (see README.md).
export { startSandbox, type Sandbox } from './sandbox';
export { SEED } from './seed';
export { LIST_PAGE_SIZE } from './routes/transactions';
export { DEFAULT_READINGS, READING_NAMES, READING_VALUES, type Readings } from './readings';
export { EVENT_TYPES, type EventType, type Notification } from './notifications';
export type { PaymentFixture } from './fixtures';
export type { NotificationRequest, StatusChangedNotification } from './notifications';
export type { CcvErrorBody, FieldError } from './errors';
export {
	ORDER_STATUSES,
	type CapacitySettings,
	type Card,
	type Customer,
	type Delivery,
	type FaultSpec,
	type LinkedCard,
	type Mandate,
	type MethodBalance,
	type Order,
	type OrderStatus,
	type RequestLogEntry,
	type SandboxOptions,
	type Transaction,
	type TransactionStatus,
	type TransactionType,
} from './types';
