/** End-to-end tests in real n8n installs (`npm run test:e2e`; needs `npm run n8n:install` first). */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testTimeout: 10 * 60 * 1000,
	maxWorkers: 1,
};
