import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import { SEEDED_REFS, startSimulator, type Simulator } from '../simulator';
import { allocateFirst, credentialsFor, everythingShown, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const [ALLOCATED, UNALLOCATED] = SEEDED_REFS.allocatable;

const allocate = (references: string | string[]) => allocateFirst(sim, references);

const getLabel = (parameters: Record<string, unknown>, items?: INodeExecutionData[]) =>
	runSortedPro(
		{
			resource: 'consignment',
			operation: 'getLabel',
			binaryPropertyName: 'data',
			...parameters,
		} as INodeParameters,
		{
			credentials: credentialsFor(sim),
			items,
		},
	);

function fileOf(item: INodeExecutionData, property = 'data'): Buffer {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`no binary property ${property}`);
	return Buffer.from(binary.data, 'base64');
}

describe('Consignment > Get Label', () => {
	it('downloads the label of an allocated consignment as a PDF file by default', async () => {
		await allocate(ALLOCATED);
		const [item] = await getLabel({ consignmentReference: ALLOCATED });
		expect(item.json).toEqual({
			ConsignmentReference: ALLOCATED,
			LabelFormat: 'As configured',
			ContentType: 'application/pdf',
			FileName: `${ALLOCATED}.pdf`,
			FileSize: expect.any(Number),
		});
		expect(item.binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${ALLOCATED}.pdf`,
		});
		expect(fileOf(item).toString('latin1')).toMatch(/^%PDF-/);
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /labels/${ALLOCATED}`,
		]);
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(sim.apiKey);
	});

	it.each([
		['PNG', 'image/png', 'png'],
		['ZPL', 'text/plain', 'zpl'],
		['ZPLII', 'text/plain', 'zpl'],
	])(
		'asks for the %s format and names the file for it',
		async (labelFormat, contentType, extension) => {
			await allocate(ALLOCATED);
			const [item] = await getLabel({
				consignmentReference: ALLOCATED,
				labelFormat,
				binaryPropertyName: 'label',
			});
			expect(item.json).toMatchObject({
				LabelFormat: labelFormat,
				ContentType: contentType,
				FileName: `${ALLOCATED}.${extension}`,
			});
			expect(fileOf(item, 'label').length).toBe(item.json.FileSize);
			expect(sim.requests[0].path).toBe(`/labels/${ALLOCATED}/${labelFormat}`);
		},
	);

	it('explains that labels come after allocation', async () => {
		const error = await rejectionOf(getLabel({ consignmentReference: UNALLOCATED }));
		expect(error.message).toContain('labels are available once it is allocated');
		expect(error.description).toContain('Labels exist only once a consignment is allocated');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});

	it('names a reference SortedPRO does not know, and rejects a bad one before sending', async () => {
		expect((await rejectionOf(getLabel({ consignmentReference: 'EC-NOT-KNOWN' }))).message).toBe(
			'SortedPRO has no consignment EC-NOT-KNOWN',
		);
		sim.clearRequests();
		expect((await rejectionOf(getLabel({ consignmentReference: 'EC-1 EC-2 EC-3' }))).message).toBe(
			'Get Label takes one consignment reference, got 3',
		);
		expect((await rejectionOf(getLabel({ consignmentReference: 'EC 1 2' }))).message).toBe(
			'"EC 1 2" is not a valid consignment reference',
		);
		expect(sim.requests).toHaveLength(0);
	});

	it('tells "no label yet" from "no such consignment" when SortedPRO answers 404', async () => {
		sim.inject({ path: '/labels', status: 404, body: { Message: 'No label found' } });
		const error = await rejectionOf(getLabel({ consignmentReference: UNALLOCATED }));
		expect(error.message).toBe(
			`SortedPRO has no label for consignment ${UNALLOCATED} (state Unallocated)`,
		);
		expect(error.description).toContain('Labels exist only once a consignment is allocated');
	});

	it('rejects an unknown label format from an expression before sending', async () => {
		await allocate(ALLOCATED);
		const error = await rejectionOf(
			getLabel({ consignmentReference: ALLOCATED, labelFormat: '={{ "gif" }}' }),
		);
		expect(error.message).toBe('"GIF" is not a label format');
		expect(sim.requests).toHaveLength(0);
	});

	it('adds no label advice to errors that are not about the consignment', async () => {
		await allocate(ALLOCATED);
		sim.inject({ path: '/labels', status: 503, body: '' });
		expect(
			(await rejectionOf(getLabel({ consignmentReference: ALLOCATED }))).description,
		).not.toContain('Labels exist only');
	});

	it('outputs one file per label when SortedPRO sends several', async () => {
		const file = (text: string) => ({
			File: Buffer.from(text).toString('base64'),
			ContentType: 'application/pdf',
		});
		sim.inject({ path: '/labels', status: 200, body: [file('%PDF-1'), file('%PDF-2')] });
		const items = await getLabel({ consignmentReference: ALLOCATED });
		expect(
			items.map((item) => [item.json.FileName, item.json.LabelNumber, fileOf(item).toString()]),
		).toEqual([
			[`${ALLOCATED}-1.pdf`, 1, '%PDF-1'],
			[`${ALLOCATED}-2.pdf`, 2, '%PDF-2'],
		]);
	});

	it('reports an answer without a file', async () => {
		sim.inject({
			path: '/labels',
			status: 200,
			body: { File: null, ContentType: 'application/pdf' },
		});
		expect((await rejectionOf(getLabel({ consignmentReference: ALLOCATED }))).message).toContain(
			'the answer held no label file',
		);
	});
});
