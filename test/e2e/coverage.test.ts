// Every operation the CCV node offers has a step in the e2e workflows (no n8n needed to check).
import { Ccv } from '../../nodes/Ccv/Ccv.node';
import { customerSteps } from './customers.steps';
import { paymentSteps } from './payments.steps';

interface Option {
	value: string;
}

function offeredOperations(): string[] {
	const properties = new Ccv().description.properties;
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as Option[];
	return resources.flatMap(({ value: resource }) => {
		const operation = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
		);
		return ((operation?.options ?? []) as Option[]).map(({ value }) => `${resource}.${value}`);
	});
}

test('every resource and operation of the CCV node runs in the e2e suite', () => {
	const tested = new Set(
		[...customerSteps, ...paymentSteps].map((step) => `${step.parameters.resource}.${step.parameters.operation}`),
	);
	const offered = offeredOperations();
	expect(offered.length).toBeGreaterThan(10);
	expect(offered.filter((operation) => !tested.has(operation))).toEqual([]);
});
