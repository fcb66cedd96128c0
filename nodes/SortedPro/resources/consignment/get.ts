import type { INodeProperties } from 'n8n-workflow';

import { consignmentReferenceField } from './consignmentReferenceField';

export const consignmentGetDescription: INodeProperties[] = [
	consignmentReferenceField(
		'get',
		'The reference of the consignment to get, as shown in SortedPRO',
	),
];
