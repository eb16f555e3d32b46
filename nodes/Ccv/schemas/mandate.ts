import { pathId } from './common';

// Mandates (REFERENCE §10): only an active mandate can be charged, and an inactive one never
// becomes active again.

/**
 * A mandate ID as CCV hands them out (seed 001: "MAN250802142051429CB87E179.R"): letters and digits,
 * with dots, dashes or underscores between them. CCV does not document a length; 64 is far above
 * the 28 characters of its examples.
 */
export const mandateId = pathId(64, {
	pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
	message: 'must be a mandate ID such as MAN250802142051429CB87E179.R (letters, digits and dots)',
});

export const USABLE_MANDATE_STATUS = 'active';
