import type { EventSourceLike } from '../push/PushConnection';

/** An EventSource double: tests drive open/error/message by hand. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];

  static reset(): void {
    FakeEventSource.instances = [];
  }

  static latest(): FakeEventSource {
    const s = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!s) throw new Error('no EventSource was created');
    return s;
  }

  readonly url: string;
  closed = false;
  private listeners = new Map<string, Set<(e: Event) => void>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (e: Event) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  close(): void {
    this.closed = true;
  }

  private fire(type: string, event: Event): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }

  open(): void {
    this.fire('open', new Event('open'));
  }

  fail(): void {
    this.fire('error', new Event('error'));
  }

  emit(type: string, data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    this.fire(type, new MessageEvent(type, { data: text }));
  }
}
