import type { INodeProperties } from 'n8n-workflow';

import { validateConsignmentReference } from '../../shared/hooks';

/** The one-reference field of operations that act on a single consignment; the reference goes in the path. */
export function consignmentReferenceField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Consignment Reference',
		name: 'consignmentReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. EC-000-05A-Z6S',
		displayOptions: { show: { resource: ['consignment'], operation: [operation] } },
		description,
		routing: { send: { preSend: [validateConsignmentReference] } },
	};
}
