import type { INodeProperties } from 'n8n-workflow';

import { consignmentReferencesField } from './consignmentReferenceField';

export const consignmentManifestDescription: INodeProperties[] = [
	consignmentReferencesField(
		'manifest',
		"Each input item sends its own manifest request: to manifest a day's consignments together, gather them into one item first (e.g. with an Aggregate node)",
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['consignment'], operation: ['manifest'] } },
		options: [
			{
				displayName: 'Output Failed Manifests',
				name: 'outputFailedManifests',
				type: 'boolean',
				default: false,
				description:
					'Whether to output an item for each consignment that was not manifested (with Manifested false and its FailureReason) instead of failing the node',
			},
		],
	},
];
