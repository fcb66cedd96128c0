import type { INodeProperties } from 'n8n-workflow';

import { appendLabelFormat } from '../../shared/hooks';
import { consignmentReferenceField } from './consignmentReferenceField';

const showOnlyForGetLabel = { resource: ['consignment'], operation: ['getLabel'] };

export const consignmentGetLabelDescription: INodeProperties[] = [
	consignmentReferenceField('getLabel', 'The reference of an allocated consignment'),
	{
		displayName: 'Label Format',
		name: 'labelFormat',
		type: 'options',
		default: '',
		displayOptions: { show: showOnlyForGetLabel },
		options: [
			{ name: 'As Configured in SortedPRO', value: '' },
			{ name: 'PDF', value: 'PDF' },
			{ name: 'PNG', value: 'PNG' },
			{ name: 'ZPL', value: 'ZPL' },
			{ name: 'ZPL II', value: 'ZPLII' },
		],
		description: 'The file format of the label; ZPL is for thermal label printers',
		routing: { send: { preSend: [appendLabelFormat] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: showOnlyForGetLabel },
		hint: 'The name of the output binary field to put the label file in',
	},
];
