export { CcvClient, CREDENTIAL_TYPE, DEFAULT_CLIENT_SETTINGS, USER_AGENT, isNotFound, previewOf } from './client';
export type { CcvRequest, CcvResponse, ClientSettings, NotFound, RequestContext, RequestPreview } from './client';
export { ccvApiError } from './ccvError';
export type { CcvErrorBody } from './ccvError';
export { AdaptiveGate, FixedGate } from './gate';
export type { GateOutcome, GateStats, GateTicket, RequestGate } from './gate';
