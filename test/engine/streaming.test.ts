/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * In filesystem binary mode the upload is streamed from n8n's files on disk, not copied into
 * memory: sent with its Content-Length, opened again by each retry, the same bytes on the wire as
 * an upload from memory; a file that changes between attempts fails clearly, and is not sent.
 */
import { Container } from '@n8n/di';
import { BinaryDataConfig } from 'n8n-core';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';

import { UploadBuffers } from '../../nodes/GlairVision/input/uploadBuffers';
import { pngBytes } from '../../tools/fixtures/documents';
import { file, useEngine } from './context';

const engine = useEngine();
const { emulator } = engine;

const readStnk = { resource: 'vehicleDocument', operation: 'readStnk' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PNG no other test stores: its bytes find its file in n8n's binary folder. */
const uniqueScan = () => Buffer.concat([pngBytes({ padTo: 300_000 }), randomBytes(64)]);

afterEach(() => jest.restoreAllMocks());

/** The file n8n keeps for these bytes in its filesystem binary store. */
function storedFile(bytes: Buffer): string {
	const wanted = sha256(bytes);
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const path = join(dir, entry.name);
			return entry.isDirectory() ? walk(path) : [path];
		});
	const found = walk(Container.get(BinaryDataConfig).localStoragePath).find(
		(path) => statSync(path).size === bytes.length && sha256(readFileSync(path)) === wanted,
	);
	if (!found) throw new Error('the stored file was not found');
	return found;
}

async function until(condition: () => boolean): Promise<void> {
	for (let tries = 0; !condition(); tries++) {
		if (tries > 500) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('an upload streamed from n8n’s binary store (filesystem mode)', () => {
	it('is streamed with its Content-Length, and a retry sends the whole body again', async () => {
		const scan = uniqueScan();
		const lease = jest.spyOn(UploadBuffers.prototype, 'lease');
		emulator.injectFault({ kind: 'status', status: 503, headers: { 'Retry-After': '0' } });
		const { items, error } = await engine.run({
			parameters: readStnk,
			documents: [file(scan, 'stnk.png', 'image/png')],
			binaryMode: 'filesystem',
		});
		expect(error).toBeUndefined();
		expect(items?.[0].json).toMatchObject({ status: 'SUCCESS', file_name: 'stnk.png' });
		expect(emulator.requests.map((request) => request.response.status)).toEqual([503, 200]);
		// No body was copied into memory: the file went from disk to the socket.
		expect(lease).not.toHaveBeenCalled();
		const [first, second] = emulator.requests;
		for (const request of [first, second]) {
			expect(request.files).toEqual([
				expect.objectContaining({ filename: 'stnk.png', size: scan.length, sha256: sha256(scan) }),
			]);
			expect(request.headers['transfer-encoding']).toBeUndefined();
		}
		const length = Number(first.headers['content-length']);
		expect(second.headers['content-length']).toBe(String(length));

		// The same body as an upload from memory (only the random boundary differs, not its length).
		emulator.reset();
		const inMemory = await engine.run({
			parameters: readStnk,
			documents: [file(scan, 'stnk.png', 'image/png')],
		});
		expect(inMemory.error).toBeUndefined();
		expect(lease).toHaveBeenCalledTimes(1);
		const [fromMemory] = emulator.requests;
		expect(fromMemory.headers['content-length']).toBe(String(length));
		expect(fromMemory.files).toEqual(first.files);
		expect(fromMemory.fields).toEqual(first.fields);
	});

	it.each([
		['grows', (path: string) => appendFileSync(path, Buffer.alloc(1000, 0x20))],
		['shrinks', (path: string) => truncateSync(path, 100_000)],
	])(
		'fails clearly when the file %s before a retry, and never sends it changed',
		async (_, change) => {
			const scan = uniqueScan();
			emulator.injectFault({ kind: 'status', status: 503, headers: { 'Retry-After': '1' } });
			const running = engine.run({
				parameters: readStnk,
				documents: [file(scan, 'stnk.png', 'image/png')],
				binaryMode: 'filesystem',
				continueOnFail: true,
			});
			await until(() => emulator.requests[0]?.response.status === 503);
			change(storedFile(scan));
			const { items } = await running;
			expect(items?.[0].json.error).toBe('File "stnk.png" changed while it was read on item 0');
			expect(items?.[0].json.description).toMatch(/not what n8n recorded/);
			// The retry's body was cut before its end: GLAIR read nothing but the first, refused, attempt.
			expect(emulator.requests.filter((request) => request.response.status !== 503)).toEqual(
				emulator.requests.filter((request) => request.response.status === 0),
			);
		},
	);
});
