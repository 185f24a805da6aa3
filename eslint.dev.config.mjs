// The project's own rules over the whole tree (`eslint -c eslint.dev.config.mjs .` in `npm run
// lint`): n8n's community-node rules (the ones the verification scanner applies) plus
// eslint-plugin-n8n-nodes-base's node, credential and package.json rulesets; tests, scripts,
// benchmarks and tools get plain TypeScript rules and the n8n Cloud rules their directives turn off.
// eslint.config.mjs must stay n8n's default config (strict mode, `n8n-node cloud-support`), which
// lints every *.ts with the n8n Cloud rules: see scripts/n8n-lint.mjs.
import eslint from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', '.sandbox/**', 'coverage/**'] },
	// A disable directive that silences nothing fails the lint instead of warning.
	{ linterOptions: { reportUnusedDisableDirectives: 'error' } },
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		// n8n-node lint applies n8n's node rules to every *.ts; code that never runs inside n8n opens
		// with a directive that turns off those that fire in it. They are on here too, so this run
		// judges those directives as n8n-node lint does: one that silences nothing is reported.
		files: ['{test,scripts,bench,tools}/**/*.ts'],
		plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin },
		rules: {
			'no-console': 'error',
			'@n8n/community-nodes/no-dangerous-functions': 'error',
			'@n8n/community-nodes/no-hardcoded-secrets': 'error',
			'@n8n/community-nodes/no-restricted-globals': 'error',
			'@n8n/community-nodes/no-restricted-imports': 'error',
			'@n8n/community-nodes/require-node-api-error': 'error',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		extends: [n8nCommunityNodesPlugin.configs.recommended],
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesPlugin },
		rules: { ...n8nNodesPlugin.configs.community.rules },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesPlugin },
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesPlugin },
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		extends: [eslint.configs.recommended],
		languageOptions: {
			globals: {
				require: 'readonly',
				module: 'writable',
				exports: 'writable',
				process: 'readonly',
				console: 'readonly',
				__dirname: 'readonly',
			},
		},
	},
);
