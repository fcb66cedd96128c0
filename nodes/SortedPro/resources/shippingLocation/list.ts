/**
 * List shipping locations: `GET /shippinglocations`, one item per location as SortedPRO returns
 * it. Its `Reference` is what Create Consignment's Shipping Location takes.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listLimitFields, listOperationFor } from '../listOperation';

export const listOperation: INodePropertyOptions = listOperationFor({
	url: '/shippinglocations',
	action: 'List shipping locations',
	description: 'List the shipping locations (warehouses, stores) of the SortedPRO account',
});

export const listFields: INodeProperties[] = listLimitFields('shippingLocation');
