import type { Attachment } from 'svelte/attachments';

/**
 * `{@attach observedSize((width, height) => …)}`: the element's client size, from a
 * ResizeObserver only. Svelte's `bind:clientWidth` also reads the size once as it mounts, which
 * forces a layout inside the mount task (10 ms each at start-up, measured); the observer's first
 * report comes after the browser's own layout, before the first paint.
 */
export function observedSize(set: (width: number, height: number) => void): Attachment<HTMLElement> {
  return (element) => {
    const observer = new ResizeObserver(() => set(element.clientWidth, element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  };
}
