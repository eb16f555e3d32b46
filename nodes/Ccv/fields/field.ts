import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { FieldLabels } from '../helpers/validate';

/**
 * One field, declared once: its editor property, its validation rule and the label its errors use.
 * The limit (`max`) is written in one place and reaches both the editor text ("at most 64 characters")
 * and the rule, so the two cannot disagree (test/nodes/Ccv/fields/fields.test.ts checks every field).
 */
export interface Field<R extends z.ZodType = z.ZodType> {
	name: string;
	/** The field's name in the editor, which is also how error messages call it. */
	label: string;
	/** The most characters (or entries) the rule takes, when the field has such a limit. */
	max?: number;
	rule: R;
	/** The editor property, shown where `displayOptions` says; `overrides` for what one operation words differently. */
	property(displayOptions?: IDisplayOptions, overrides?: Partial<INodeProperties>): INodeProperties;
	/**
	 * The same field under another label and text (e.g. "New Customer Reference" on Update): rule and limit
	 * stay; `property`, when given, replaces the declared extras (required, placeholder, hint).
	 */
	as(changes: { displayName?: string; description?: Description; property?: Partial<INodeProperties> }): Field<R>;
}

/** The editor text; a function gets the limit words ("at most 64 characters") to place them itself. */
export type Description = string | ((limit: string) => string);

export interface FieldSpec<R extends z.ZodType> {
	name: string;
	displayName: string;
	/** A plain text gets the limit appended in brackets: "... (at most 64 characters)". */
	description: Description;
	max?: number;
	/** Words of the limit after the number, e.g. 'characters'. */
	unit?: string;
	/** The rule; a function gets `max`, so the limit is typed once. */
	rule: R | ((max: number) => R);
	/** The rest of the editor property: type (default string), required, default, placeholder, hint, typeOptions. */
	property?: Partial<INodeProperties>;
}

function isRuleFactory<R extends z.ZodType>(rule: R | ((max: number) => R)): rule is (max: number) => R {
	return typeof rule === 'function' && !('safeParse' in rule);
}

function describe(description: Description, max: number | undefined, unit: string): string {
	if (typeof description === 'function') return description(`at most ${max} ${unit}`);
	return max === undefined ? description : `${description} (at most ${max} ${unit})`;
}

export function field<R extends z.ZodType>(spec: FieldSpec<R>): Field<R> {
	const { name, displayName, max, unit = 'characters' } = spec;
	if (isRuleFactory(spec.rule) && max === undefined) throw new Error(`Field "${displayName}": a rule built from the limit needs max`);
	const rule = isRuleFactory(spec.rule) ? spec.rule(max as number) : spec.rule;
	return {
		name,
		label: displayName,
		max,
		rule,
		property(displayOptions, overrides = {}) {
			return {
				displayName,
				name,
				type: 'string',
				default: '',
				...spec.property,
				description: describe(spec.description, max, unit),
				...(displayOptions ? { displayOptions } : {}),
				...overrides,
			} as INodeProperties;
		},
		as(changes) {
			return field({
				...spec,
				rule,
				displayName: changes.displayName ?? displayName,
				description: changes.description ?? spec.description,
				property: changes.property ?? spec.property,
			});
		},
	};
}

/** Error labels by the key each field has in the checked input. */
export function labelsOf(fields: Record<string, Field>): FieldLabels {
	return Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.label]));
}

/** The label of a field checked on its own (validateItem's '' key). */
export function ownLabel(f: Field): FieldLabels {
	return { '': f.label };
}
