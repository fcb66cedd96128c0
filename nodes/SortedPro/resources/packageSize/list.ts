/**
 * List package sizes: `GET /packagesizes`, one item per predefined package size. Its `Reference`
 * is what a package's Package Size takes, in place of weight and dimensions.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listLimitFields, listOperationFor } from '../listOperation';

export const listOperation: INodePropertyOptions = listOperationFor({
	url: '/packagesizes',
	action: 'List package sizes',
	description: 'List the predefined package sizes of the SortedPRO account',
});

export const listFields: INodeProperties[] = listLimitFields('packageSize');
