/**
 * Undo/redo keys as desktop apps use them: Ctrl+Z / Cmd+Z undo; Shift+Ctrl+Z, Shift+Cmd+Z and
 * Ctrl+Y redo. Matches the key's character (so AZERTY's Z works), falling back to its position.
 */
export function historyShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.code === 'KeyZ' ? 'z' : event.code === 'KeyY' ? 'y' : '';
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}
