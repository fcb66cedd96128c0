import type { INodeProperties } from 'n8n-workflow';

import { validateCarrierServiceReference } from '../../shared/hooks';
import { consignmentReferencesField } from './consignmentReferenceField';

const showOnlyForAllocate = {
	resource: ['consignment'],
	operation: ['allocateWithCarrierService'],
};

export const allocateWithCarrierServiceDescription: INodeProperties[] = [
	{
		displayName: 'Carrier Service',
		name: 'carrierService',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: showOnlyForAllocate },
		description: 'The carrier service to allocate the consignments with',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a carrier service...',
				typeOptions: { searchListMethod: 'searchCarrierServices', searchable: true },
			},
			{
				displayName: 'By Reference',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. MPD_RMDTPS48HNAUT',
				hint: "The Service Code shown in SortedPRO, not the carrier's own code",
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[A-Za-z0-9_.:\\- ]{1,100}$',
							errorMessage: 'A carrier service reference is a code such as MPD_RMDTPS48HNAUT',
						},
					},
				],
			},
		],
		routing: { send: { preSend: [validateCarrierServiceReference] } },
	},
	consignmentReferencesField('allocateWithCarrierService'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForAllocate },
		options: [
			{
				displayName: 'Output Failed Allocations',
				name: 'outputFailedAllocations',
				type: 'boolean',
				default: false,
				description:
					'Whether to output an item for each consignment that was not allocated (with Allocated false and its FailureReason) instead of failing the node',
			},
		],
	},
];
