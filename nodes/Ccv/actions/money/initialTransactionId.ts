import type { IDataObject } from 'n8n-workflow';

import type { CcvErrorBody } from '../../transport/ccvError';
import type { PreparedMoney } from './types';

// Where a stored-card charge carries initialTransactionId (issue 28 #1). Both request examples of seed
// 001 (001:231-234, 276-279) and every answer put it in details, so the node sends it there; only the
// FAQ (001:330) says "in the sequenceInfo". Should CCV read the FAQ's way, its refusal names the field
// (400 input_error: nothing was created), and the charge is sent once more with it in sequenceInfo,
// under the same Idempotency-Reference. Never more than once, and never after any other answer.

/** CCV refused the charge as input (400 input_error: nothing created), naming sequenceInfo.initialTransactionId. */
function refusedWantingSequenceInfo(error: unknown): boolean {
	const context = (error as { context?: { httpCode?: number; ccvError?: CcvErrorBody } } | undefined)?.context;
	const ccv = context?.ccvError;
	if (context?.httpCode !== 400 || ccv?.type !== 'input_error') return false;
	return [ccv.field, ...(ccv.fields ?? []).map((f) => f.field)].includes('sequenceInfo.initialTransactionId');
}

/** The same charge with initialTransactionId in sequenceInfo instead of details (undefined: none to move). */
function movedToSequenceInfo(prepared: PreparedMoney): PreparedMoney | undefined {
	const { details, sequenceInfo } = prepared.body as { details?: IDataObject; sequenceInfo?: IDataObject };
	if (details?.initialTransactionId === undefined || sequenceInfo === undefined) return undefined;
	const { initialTransactionId, ...rest } = details;
	return { ...prepared, body: { ...prepared.body, details: rest, sequenceInfo: { ...sequenceInfo, initialTransactionId } } };
}

/**
 * The charge to send once more after CCV's refusal, with initialTransactionId in sequenceInfo; undefined
 * when the refusal is any other (the send step, send.ts, then lets it stand).
 */
export function withInitialTransactionIdInSequenceInfo(error: unknown, prepared: PreparedMoney): PreparedMoney | undefined {
	return refusedWantingSequenceInfo(error) ? movedToSequenceInfo(prepared) : undefined;
}
