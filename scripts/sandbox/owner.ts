/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** The n8n owner account the sandbox signs in as. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import type { Owner, RunningN8n } from '../../tools/n8n';
import { SANDBOX_DIR } from './settings';

/**
 * Signs in as the owner this sandbox created on its first run, or creates one. Returns what to print
 * after "sign in:"; n8n keeps running when the stored login no longer works.
 */
export async function ownerLogin(running: RunningN8n, ownerFile: string): Promise<string> {
	if (existsSync(ownerFile)) {
		const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as Owner;
		try {
			await running.login(owner.email, owner.password);
			return `${owner.email} / ${owner.password}`;
		} catch {
			return `${owner.email} with the password you gave it in n8n (the sandbox's no longer works)`;
		}
	}
	const owner: Owner = {
		email: 'analyst@sandbox.local',
		firstName: 'Sandbox',
		lastName: 'Analyst',
		password: `Sandbox-1${randomBytes(6).toString('hex')}`,
	};
	try {
		await running.setupOwner(owner);
	} catch {
		return `the account already set up in this n8n (${ownerFile} is gone; delete ${SANDBOX_DIR} to start afresh)`;
	}
	writeFileSync(ownerFile, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
	return `${owner.email} / ${owner.password}`;
}
