import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { outputs, properties, subtitle } from './description';
import { glairVisionApiTest } from './methods/credentialTest';

/** Describes the node and routes its execution; the parameters live in description/. */
export class GlairVision implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GLAIR Vision',
		name: 'glairVision',
		icon: { light: 'file:glairVision.svg', dark: 'file:glairVision.dark.svg' },
		group: ['transform'],
		// 2 groups the operations by resource; workflows saved with 1 keep its parameters. 3 sends
		// with Concurrency Auto unless told otherwise; workflows saved with 1 or 2 keep Concurrency 5.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle,
		description:
			'Read Indonesian documents with GLAIR Vision OCR: STNK, BPKB, plates, KTP, NPWP, KK, SIM, passports and more',
		defaults: { name: 'GLAIR Vision' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs,
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
