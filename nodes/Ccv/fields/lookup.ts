import { orderId as orderIdRule } from '../schemas/order';
import { mandateId as mandateIdRule } from '../schemas/mandate';
import { checkedReference } from '../schemas/transaction';
import { field } from './field';

// IDs that name one thing to look up at CCV: each its label, editor text and rule in one place.

export const mandateId = field({
	name: 'mandateId',
	displayName: 'Mandate ID',
	description: 'The mandate\'s ID (details.mandateId of the payment that obtained it)',
	rule: mandateIdRule,
	property: { required: true, placeholder: 'e.g. MAN250802142051429CB87E179.R' },
});

export const orderId = field({
	name: 'orderId',
	displayName: 'Order ID',
	description: 'CCV\'s ID of the submitted order (from the Submit answer)',
	rule: orderIdRule,
	property: { required: true },
});

export const transactionReference = field({
	name: 'transactionReference',
	displayName: 'Transaction Reference',
	description:
		'CCV\'s reference of a payment, refund, capture, reversal or vault transaction. Always check a webhook\'s reference here before acting on it.',
	rule: checkedReference,
	property: { required: true, placeholder: 'e.g. C250324145223810CB87E194.Y' },
});
