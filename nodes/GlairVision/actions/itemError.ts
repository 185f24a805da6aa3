import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { onItem, type ItemPlace } from '../messages';

/** What n8n keeps of GLAIR's answer, or of the network's failure, on an error about it. */
export interface AnswerDetails {
	readonly response: JsonObject;
	readonly httpCode?: string;
}

/** A headline and, when there is one, what to do. */
interface ItemWording {
	readonly message: string;
	readonly description?: string;
}

/**
 * The one way an item's error is made: its headline ends with where ("on item 4 (stnk-0142.jpg)
 * after 4 attempts") and n8n is told the item; with GLAIR's answer, an API error.
 */
export function itemError(node: INode, wording: ItemWording, place: ItemPlace): NodeOperationError;
export function itemError(
	node: INode,
	wording: ItemWording,
	place: ItemPlace,
	answer: AnswerDetails,
): NodeApiError;
export function itemError(
	node: INode,
	{ message, description }: ItemWording,
	place: ItemPlace,
	answer?: AnswerDetails,
): NodeApiError | NodeOperationError {
	const headline = onItem(message, place);
	const { itemIndex } = place;
	return answer
		? new NodeApiError(node, answer.response, {
				message: headline,
				description,
				httpCode: answer.httpCode,
				itemIndex,
			})
		: new NodeOperationError(node, headline, { description, itemIndex });
}
