export {
	CcvClient,
	CREDENTIAL_TYPE,
	DEFAULT_CLIENT_SETTINGS,
	USER_AGENT,
	isCcvNotFoundAnswer,
	isNotFound,
	previewOf,
	unsafePathReason,
} from './client';
export type { CcvRequest, CcvResponse, ClientSettings, NotFound, RequestContext, RequestPreview } from './client';
export { ccvApiError } from './ccvError';
export { failureCodeHeadline, failureCodeMeaning } from './failureCodes';
export type { CcvErrorBody } from './ccvError';
export { AdaptiveGate, FixedGate } from './gate';
export type { GateOutcome, GateStats, GateTicket, RequestGate } from './gate';
