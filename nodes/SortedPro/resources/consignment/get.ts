import type { INodeProperties } from 'n8n-workflow';

import { validateConsignmentReference } from '../../shared/hooks';

const showOnlyForGet = { resource: ['consignment'], operation: ['get'] };

export const consignmentGetDescription: INodeProperties[] = [
	{
		displayName: 'Consignment Reference',
		name: 'consignmentReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. EC-000-05A-Z6S',
		displayOptions: { show: showOnlyForGet },
		description: 'The reference of the consignment to get, as shown in SortedPRO',
		routing: { send: { preSend: [validateConsignmentReference] } },
	},
];
