import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readDryRun } from '../../helpers/dryRun';
import { validateItem } from '../../helpers/validate';
import { cardId } from '../../fields/card';
import { ownLabel } from '../../fields/field';
import type { PreparedItem } from '../types';
import type { CustomerRef } from '../customer/customer.helpers';
import { readCustomerRef } from '../customer/customer.helpers';

export function readCardId(ctx: IExecuteFunctions, i: number): string {
	return validateItem(ctx, cardId.rule, ctx.getNodeParameter(cardId.name, i), i, ownLabel(cardId));
}

export function cardPath(cardId: string): string {
	return `/api/v1/card/${encodeURIComponent(cardId)}`;
}

export interface CardPrepared extends PreparedItem {
	id: string;
	dryRun: boolean;
	ignoreNotFound: boolean;
}

export interface CustomerCardsPrepared extends PreparedItem {
	ref: CustomerRef;
	dryRun: boolean;
	ignoreNotFound: boolean;
}

function readOptions(ctx: IExecuteFunctions, i: number) {
	const { ignoreNotFound = true } = ctx.getNodeParameter('options', i, {}) as IDataObject as { ignoreNotFound?: boolean };
	return { dryRun: readDryRun(ctx, i), ignoreNotFound };
}

/** A card by its CCV ID, with the delete options (Get ignores them). */
export function prepareCard(ctx: IExecuteFunctions, i: number): CardPrepared {
	return { id: readCardId(ctx, i), ...readOptions(ctx, i) };
}

/** A customer's cards, with the delete options (Get Many ignores them). */
export function prepareCustomerCards(ctx: IExecuteFunctions, i: number): CustomerCardsPrepared {
	return { ref: readCustomerRef(ctx, i), ...readOptions(ctx, i) };
}
