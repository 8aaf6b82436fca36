/**
 * jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs; a no-op one lets
 * the cards render (the charts draw nothing at zero size, which these tests do not inspect).
 */
export function installResizeObserver() {
  if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
  }
}
