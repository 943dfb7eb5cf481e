import type { Exchange } from '../model/run-result.js';

/** Collects every exchange of a run, in order. Exchanges are already redacted. */
export class ExchangeRecorder {
  private readonly exchanges: Exchange[] = [];
  private next = 1;

  newId(): string {
    return `x${String(this.next++).padStart(4, '0')}`;
  }

  add(exchange: Exchange): void {
    this.exchanges.push(exchange);
  }

  get(id: string): Exchange | undefined {
    return this.exchanges.find((e) => e.id === id);
  }

  all(): Exchange[] {
    return [...this.exchanges];
  }
}
