import { sleep } from 'n8n-workflow';

/**
 * A key's requests leave one turn of n8n's event loop apart. A request is only on the wire once the
 * loop gets back to its socket, after all the work already queued on n8n's one thread: thirty built
 * in one go (Concurrency Auto's first window) reached GLAIR 55 ms after the first was built, all
 * together, and their 429s came back as late (n8n 2.40.7). One a turn, the first reached it in 14 ms
 * and the pace knew GLAIR's limit before most of the others had left (429s at 3/s: 45 → 19).
 */
export class Departures {
	/** The loop's next turn, while the request that left last has not had it yet. */
	private turn: Promise<void> | undefined;

	constructor(private readonly nextTurn: () => Promise<void> = async () => await sleep(0)) {}

	/** Resolves when a request may be handed to its socket: the one before it has had a turn. */
	async leave(): Promise<void> {
		while (this.turn) await this.turn;
		this.turn = this.nextTurn().then(() => {
			this.turn = undefined;
		});
	}
}
