import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './description';
import { glairVisionApiTest } from './methods/credentialTest';

export class GlairVision implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GLAIR Vision',
		name: 'glairVision',
		icon: { light: 'file:glairVision.svg', dark: 'file:glairVision.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"readStnk": "Read STNK", "readStnkWithTable": "Read STNK With Table", "readBpkb": "Read BPKB"}[$parameter["operation"]] }}',
		description: 'Read Indonesian vehicle documents (STNK, BPKB) with GLAIR Vision OCR',
		defaults: { name: 'GLAIR Vision' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// A second output, "Needs Review", exists only while Minimum Confidence is set.
		outputs: `={{ $parameter.options?.minConfidence === undefined ? ["${NodeConnectionTypes.Main}"] : [{ type: "${NodeConnectionTypes.Main}", displayName: "Done" }, { type: "${NodeConnectionTypes.Main}", displayName: "Needs Review" }] }}`,
		credentials: [{ name: 'glairVisionApi', required: true, testedBy: 'glairVisionApiTest' }],
		properties,
	};

	methods = {
		credentialTest: { glairVisionApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
