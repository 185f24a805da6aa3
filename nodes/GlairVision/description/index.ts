/**
 * The node's parameters, as n8n's UI shows them, and the subtitle and outputs they decide. (The
 * rest of the description stays in the node class, where n8n's verification lint looks for the
 * icon and tool settings.)
 */
import type { INodeProperties } from 'n8n-workflow';

import { inputProperties } from './input';
import { operationProperties } from './operations';
import { optionsProperties } from './options';
import { outputProperties } from './outputs';

export { subtitle } from './operations';
export { outputs } from './outputs';

export const properties: INodeProperties[] = [
	...operationProperties,
	...inputProperties,
	...outputProperties,
	...optionsProperties,
];
