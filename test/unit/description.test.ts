import type { INodeProperties } from 'n8n-workflow';

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
	it.each([1, 2])('is unchanged for version %i', (version) => {
		const { description } = new GlairVision();
		const asJson = JSON.parse(JSON.stringify(description)) as typeof description;
		expect({ ...asJson, properties: shownIn(version, asJson.properties) }).toMatchSnapshot();
	});
});
