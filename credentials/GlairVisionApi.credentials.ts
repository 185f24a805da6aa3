import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class GlairVisionApi implements ICredentialType {
	name = 'glairVisionApi';

	displayName = 'GLAIR Vision API';

	icon: Icon = { light: 'file:glairVision.svg', dark: 'file:glairVision.dark.svg' };

	documentationUrl = 'https://docs.glair.ai/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The username GLAIR gave you, sent with the password as HTTP Basic auth',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password GLAIR gave you',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key GLAIR gave you, sent as the x-api-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.vision.glair.ai',
			required: true,
			description:
				'Change only to use another GLAIR environment. Must be https (plain http only to this machine).',
		},
	];

	/**
	 * Every request: HTTP Basic auth (username:password) and the x-api-key header. A function, not
	 * n8n's declarative `={{$credentials.username}}` form, whose expressions cost CPU on every
	 * request and slowed whole batches (figures: bench/README.md, "Throughput").
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
		return {
			...requestOptions,
			auth: { username: text(credentials.username), password: text(credentials.password) },
			headers: { ...requestOptions.headers, 'x-api-key': text(credentials.apiKey) },
		};
	}
}
