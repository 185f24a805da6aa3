import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import {
	ENDPOINTS,
	isOperation,
	OTHER_DOCUMENTS,
	READ_OTHER,
	READ_OTHER_OPERATION,
} from '../catalogue';
import { customApiCall, unknownDocumentType, unknownOperation } from '../messages';
import { readDocuments } from './readDocuments';

/** The operation value n8n gives its "Custom API Call" entry. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Routes the chosen operation to the GLAIR endpoint it reads documents with. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0);
	// n8n adds "Custom API Call" to the operations of nodes whose credential can sign any request.
	if (operation === CUSTOM_API_CALL) {
		throw new NodeOperationError(this.getNode(), customApiCall.message, {
			description: customApiCall.description,
		});
	}
	if (operation === READ_OTHER) {
		const documentType = String(this.getNodeParameter('documentType', 0));
		const endpoint = OTHER_DOCUMENTS[documentType];
		if (!endpoint) {
			const { message, description } = unknownDocumentType(documentType);
			throw new NodeOperationError(this.getNode(), message, { description });
		}
		return await readDocuments.call(this, endpoint);
	}
	if (!isOperation(operation)) {
		const { message, description } = unknownOperation(String(operation), [
			...Object.values(ENDPOINTS).map((endpoint) => endpoint.label),
			READ_OTHER_OPERATION.label,
		]);
		throw new NodeOperationError(this.getNode(), message, { description });
	}
	return await readDocuments.call(this, ENDPOINTS[operation]);
}
