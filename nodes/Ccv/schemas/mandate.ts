import { text } from './common';

// Mandates (REFERENCE §10): only an active mandate can be charged, and an inactive one never
// becomes active again.

export const mandateId = text(255);

export const USABLE_MANDATE_STATUS = 'active';
