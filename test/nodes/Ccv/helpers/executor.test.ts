import { sleep } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { runItems } from '../../../../nodes/Ccv/helpers/executor';

function fakeCtx(continueOnFail: boolean): IExecuteFunctions {
	return {
		continueOnFail: () => continueOnFail,
		getNode: () => ({ name: 'CCV', type: 'ccv', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }),
	} as unknown as IExecuteFunctions;
}

describe('runItems', () => {
	it('outputs in input order with pairedItem, whatever order items finish in', async () => {
		const out = await runItems(
			fakeCtx(false),
			5,
			async (i) => {
				await sleep((5 - i) * 5);
				return { i };
			},
			{ concurrency: 5 },
		);
		expect(out).toEqual([0, 1, 2, 3, 4].map((i) => ({ json: { i }, pairedItem: { item: i } })));
	});

	it('never has more items in progress than the concurrency', async () => {
		let running = 0;
		let peak = 0;
		await runItems(
			fakeCtx(false),
			20,
			async () => {
				peak = Math.max(peak, ++running);
				await sleep(2);
				running--;
				return {};
			},
			{ concurrency: 3 },
		);
		expect(peak).toBe(3);
	});

	it('turns a list into several items and an empty list into none, all paired to their input', async () => {
		const out = await runItems(fakeCtx(false), 3, async (i) => (i === 1 ? [] : [{ a: i }, { b: i }]), {
			concurrency: 2,
		});
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 2 }, { item: 2 }]);
	});

	it('with Continue On Fail, a failing item outputs its error and the others still run', async () => {
		const out = await runItems(
			fakeCtx(true),
			3,
			async (i) => {
				if (i === 1) throw new Error('boom');
				return { ok: i };
			},
			{ concurrency: 1 },
		);
		expect(out).toEqual([
			{ json: { ok: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'boom' }, pairedItem: { item: 1 } },
			{ json: { ok: 2 }, pairedItem: { item: 2 } },
		]);
	});

	it('without Continue On Fail, stops starting new items and throws the first failure', async () => {
		const started: number[] = [];
		await expect(
			runItems(
				fakeCtx(false),
				10,
				async (i) => {
					started.push(i);
					if (i === 2) throw new Error('item 2 failed');
					return {};
				},
				{ concurrency: 1 },
			),
		).rejects.toThrow('item 2 failed');
		expect(started).toEqual([0, 1, 2]);
	});

	it('runs items with the same key one after the other, in input order; other keys in parallel', async () => {
		const log: string[] = [];
		const keys = ['a', 'b', 'a', 'a', 'b'];
		await runItems(
			fakeCtx(false),
			keys.length,
			async (i) => {
				log.push(`start ${keys[i]}${i}`);
				await sleep(i === 0 ? 20 : 2);
				log.push(`end ${keys[i]}${i}`);
				return {};
			},
			{ concurrency: 5, serialKey: (i) => keys[i] },
		);
		const aEvents = log.filter((e) => e.includes(' a'));
		expect(aEvents).toEqual(['start a0', 'end a0', 'start a2', 'end a2', 'start a3', 'end a3']);
		// b1 ran while a0 was still going.
		expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a0'));
	});
});
