import type { IExecuteFunctions } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { ccvId } from '../../schemas/common';

export function readCardId(ctx: IExecuteFunctions, i: number): string {
	return validateItem(ctx, ccvId, ctx.getNodeParameter('cardId', i), i, { '': 'Card ID' });
}

export function cardPath(cardId: string): string {
	return `/api/v1/card/${encodeURIComponent(cardId)}`;
}
