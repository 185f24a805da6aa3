import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';

import { GlairVision } from '../../nodes/GlairVision/GlairVision.node';

/** The parameters a node of `version` shows: those not hidden by an `@version` condition. */
const shownIn = (version: number, properties: INodeProperties[]) =>
	properties.filter((property) => {
		const versions = property.displayOptions?.show?.['@version'];
		return !versions || versions.includes(version);
	});

// Saved workflows depend on every parameter's name, value, default and displayOptions: a change
// to the description must show up here and be meant (update with `npx jest -u` only then).
describe("the node's description", () => {
	it.each([1, 2, 3])('is unchanged for version %i', (version) => {
		const { description } = new GlairVision();
		const asJson = JSON.parse(JSON.stringify(description)) as typeof description;
		expect({ ...asJson, properties: shownIn(version, asJson.properties) }).toMatchSnapshot();
	});
});

/** The subtitle as n8n's editor shows it: the expression evaluated with the node's parameters. */
function subtitleFor(parameters: INodeParameters): unknown {
	const glair = new GlairVision();
	const node: INode = {
		id: 'glair',
		name: 'GLAIR Vision',
		type: 'glairVision',
		typeVersion: 2,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => glair,
			getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(glair, 2),
			getKnownTypes: () => ({}),
		},
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		glair.description.subtitle,
		'internal',
		{},
	);
}

describe("the node's subtitle on the canvas", () => {
	it.each([
		[{ resource: 'vehicleDocument', operation: 'readStnk' }, 'Read STNK'],
		[{ resource: 'identityDocument', operation: 'readKk' }, 'Read KK'],
		[
			{ resource: 'otherDocument', operation: 'readOther', documentType: 'invoice' },
			'Read Other: Invoice',
		],
		[
			{ resource: 'otherDocument', operation: 'readOther', documentType: 'taxInvoice' },
			'Read Other: Tax Invoice (Faktur Pajak)',
		],
	])('names the operation for %j', (parameters, shown) => {
		expect(subtitleFor(parameters)).toBe(shown);
	});
});
