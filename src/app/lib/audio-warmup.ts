/**
 * Starts the browser's audio service ahead of the first AudioContext. Chromium brings it up
 * synchronously inside `new AudioContext()` when nothing did before: 60–400 ms of one main-thread
 * task (measured in headless Chromium), against ~15 ms once it runs. Listing the media devices
 * starts it off the main thread and asks for no permission (labels stay empty).
 */
let warming: Promise<void> | null = null;

export function warmAudioOutput(): Promise<void> {
  warming ??= (async () => {
    try {
      await navigator.mediaDevices?.enumerateDevices();
    } catch {
      // no media devices here (an insecure origin, a locked-down browser): the first context pays instead
    }
  })();
  return warming;
}
