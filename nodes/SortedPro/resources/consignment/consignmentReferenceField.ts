import type { INodeProperties } from 'n8n-workflow';

import { validateConsignmentReference, validateConsignmentReferences } from '../../shared/hooks';

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

/** The reference-list field of bulk operations; long lists are sent 100 at a time. */
export function consignmentReferencesField(operation: string, hint?: string): INodeProperties {
	return {
		displayName: 'Consignment References',
		name: 'consignmentReferences',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. EC-000-05A-Z6S, EC-000-083-45D',
		displayOptions: { show: { resource: ['consignment'], operation: [operation] } },
		description:
			'One reference, several separated by commas, semicolons, spaces or new lines, or an expression giving a list. Long lists are sent 100 at a time.',
		routing: { send: { preSend: [validateConsignmentReferences] } },
		...(hint ? { hint } : {}),
	};
}
