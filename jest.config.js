/** Unit, emulator and engine tests (`npm test`). The real-n8n end-to-end suite has its own config. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 30000,
};
