/** How an item is named in messages: n8n counts items from 0 in its UI, people count from 1. */
export function itemLabel(itemIndex: number): string {
	return `Item ${itemIndex + 1} (index ${itemIndex})`;
}
