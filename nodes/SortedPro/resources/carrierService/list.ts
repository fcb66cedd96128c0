/**
 * List carrier services: `GET /carrierservices`, one item per service. SortedPRO answers a
 * wrapper object or a bare array; a 404 means the account has none (zero items). Each item gets
 * `StatusName` and `IsEnabled` beside SortedPRO's numeric `Status`.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { withReadableStatus } from '../../helpers/carrierServices';
import { listLimitFields, listOperationFor } from '../listOperation';

export const listOperation: INodePropertyOptions = listOperationFor({
	url: '/carrierservices',
	action: 'List carrier services',
	description: 'List the carrier services configured on the SortedPRO account',
	toJson: withReadableStatus,
});

export const listFields: INodeProperties[] = listLimitFields('carrierService');
