// Events main pushes to the UI, typed by the contract. Hosts subscribe once and forward to their transport.
import type { EventMap, EventName } from '../common/contract.js';

type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
