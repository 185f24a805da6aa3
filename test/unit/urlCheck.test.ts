/** Which document URLs the node refuses before connecting (pure: nothing here connects). */
import { checkDocumentUrl, localNetworkRange } from '../../nodes/GlairVision/input/urlCheck';

const refusal = (url: string, allowLocalNetwork = false) => {
	const check = checkDocumentUrl(url, allowLocalNetwork);
	return check.ok ? undefined : check.refusal;
};

describe('checkDocumentUrl', () => {
	it.each([
		['http://localhost:8080/scan.png', 'loopback'],
		['http://127.0.0.1:9/scan.png', 'loopback'],
		['http://127.1/', 'loopback'],
		['http://2130706433/', 'loopback'],
		['http://0x7f.0.0.1/', 'loopback'],
		['http://LocalHost./x', 'loopback'],
		['http://api.localhost/x', 'local name (.localhost)'],
		['http://169.254.169.254/latest/meta-data/', 'link-local (cloud metadata)'],
		['http://10.1.2.3/', 'private network'],
		['http://172.31.255.255/', 'private network'],
		['http://192.168.1.10/', 'private network'],
		['http://100.100.100.200/', 'carrier-grade NAT'],
		['http://0.0.0.0/', 'this network'],
		['http://224.0.0.1/', 'multicast'],
		['http://[::1]/', 'loopback'],
		['http://[::]/', 'unspecified address'],
		['http://[::ffff:127.0.0.1]/', 'loopback'],
		['http://[::ffff:169.254.169.254]/', 'link-local (cloud metadata)'],
		['http://[64:ff9b::10.0.0.1]/', 'private network'],
		['http://[fd00:ec2::254]/', 'unique local address'],
		['http://[fe80::1]/', 'link-local'],
		['http://metadata/computeMetadata/v1/', 'local name'],
		['http://metadata.google.internal/', 'local name (.internal)'],
		['http://printer.local/', 'local name (.local)'],
		['http://nas.home.arpa/', 'local name (.home.arpa)'],
	])('refuses %s (%s) with Allow Local Network URLs off', (url, range) => {
		expect(refusal(url)).toEqual({ kind: 'localNetwork', host: new URL(url).host, range });
	});

	it.each([
		'https://example.com/scan.png?X-Amz-Signature=abc',
		'http://8.8.8.8/x',
		'http://172.32.0.1/',
		'http://100.128.0.1/',
		'http://[2606:4700::1111]/',
		'https://storage.googleapis.com/bucket/ktp.jpg',
	])('lets %s through', (url) => {
		expect(refusal(url)).toBeUndefined();
	});

	it('lets local addresses through when the user allows the local network', () => {
		expect(refusal('http://127.0.0.1:8080/scan.png', true)).toBeUndefined();
		expect(refusal('http://localhost/scan.png', true)).toBeUndefined();
	});

	it.each([
		['file:///etc/passwd', 'file'],
		['ftp://example.com/scan.png', 'ftp'],
		['data:image/png;base64,iVBOR', 'data'],
		['javascript:alert(1)', 'javascript'],
	])('refuses the scheme of %s, even with the local network allowed', (url, scheme) => {
		expect(refusal(url, true)).toEqual({ kind: 'scheme', scheme });
	});

	it('refuses what is not a URL, and a URL that carries a user and password', () => {
		expect(refusal('scan.png')).toEqual({ kind: 'notAUrl' });
		expect(refusal('')).toEqual({ kind: 'notAUrl' });
		expect(refusal('https://user:secret@example.com/x')).toEqual({
			kind: 'credentials',
			host: 'example.com',
		});
	});

	it('names the public internet as such', () => {
		expect(localNetworkRange('example.com')).toBeUndefined();
	});
});
