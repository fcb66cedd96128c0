/**
 * List package sizes: `GET /packagesizes`, one item per predefined package size. Its `Reference`
 * is what a package's Package Size takes, in place of weight and dimensions.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listInto, listLimitFields } from '../shippingLocation/list';

export const listOperation: INodePropertyOptions = {
	name: 'List',
	value: 'list',
	action: 'List package sizes',
	description: 'List the predefined package sizes of the SortedPRO account',
	routing: {
		request: { method: 'GET', url: '/packagesizes' },
		// Our own transport sends it, so that no transport error carries the key: docs/adr/0001.
		send: { paginate: true },
		operations: { pagination: listInto('/packagesizes', 'list package sizes') },
	},
};

export const listFields: INodeProperties[] = listLimitFields('packageSize');
