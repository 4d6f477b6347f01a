/**
 * The workstation's keys, as DAWs use them: Space plays/stops wherever focus is except in text
 * fields; Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes; Delete, arrows (nudge),
 * Home/End, L (loop), Ctrl/Cmd+D (duplicate), Ctrl/Cmd+A (select all notes), Ctrl/Cmd+E (split
 * at the playhead), Q (quantize), Escape (select nothing). A pure function of the key event.
 */
import { historyShortcut } from './shortcuts.ts';

export type KeyCommand =
  | { kind: 'play-stop' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'delete' }
  | { kind: 'nudge'; axis: 'time' | 'pitch'; direction: -1 | 1; large: boolean }
  | { kind: 'go'; to: 'start' | 'end' }
  | { kind: 'loop' }
  | { kind: 'duplicate' }
  | { kind: 'select-all' }
  | { kind: 'split' }
  | { kind: 'quantize' }
  | { kind: 'deselect' };

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Where the key went: a text field keeps its keys (typing, its own undo). */
export interface KeyTarget {
  /** an input that takes text, a textarea, a select or an editable element */
  textField: boolean;
  /** a control that uses arrows and Home/End itself (a slider, a select) */
  ownsArrows: boolean;
}

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', '']);

/** What kind of target an element is (null: the page itself). */
export function keyTargetOf(element: Element | null): KeyTarget {
  if (element === null) return { textField: false, ownsArrows: false };
  const tag = element.tagName.toLowerCase();
  const type = tag === 'input' ? (element.getAttribute('type') ?? '').toLowerCase() : '';
  const editable = 'isContentEditable' in element && element.isContentEditable === true;
  const textField = editable || tag === 'textarea' || tag === 'select' || (tag === 'input' && TEXT_INPUTS.has(type));
  const role = element.getAttribute('role');
  const ownsArrows = textField || type === 'range' || role === 'slider' || role === 'radio' || role === 'menuitem' || role === 'option';
  return { textField, ownsArrows };
}

export function keyCommand(event: KeyEventLike, target: KeyTarget): KeyCommand | null {
  if (target.textField) return null;
  const history = historyShortcut(event);
  if (history !== null) return { kind: history };
  const mod = event.ctrlKey || event.metaKey;
  if (event.code === 'Space' && !mod && !event.altKey) return { kind: 'play-stop' };
  if (mod && !event.altKey) {
    const key = event.key.toLowerCase();
    if (key === 'd') return { kind: 'duplicate' };
    if (key === 'a') return { kind: 'select-all' };
    if (key === 'e') return { kind: 'split' };
    return null;
  }
  if (event.altKey) return null;
  switch (event.key) {
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Escape':
      return { kind: 'deselect' };
    case 'l':
    case 'L':
      return { kind: 'loop' };
    case 'q':
    case 'Q':
      return { kind: 'quantize' };
  }
  if (target.ownsArrows) return null;
  switch (event.key) {
    case 'ArrowLeft':
    case 'ArrowRight':
      return { kind: 'nudge', axis: 'time', direction: event.key === 'ArrowLeft' ? -1 : 1, large: event.shiftKey };
    case 'ArrowUp':
    case 'ArrowDown':
      return { kind: 'nudge', axis: 'pitch', direction: event.key === 'ArrowDown' ? -1 : 1, large: event.shiftKey };
    case 'Home':
      return { kind: 'go', to: 'start' };
    case 'End':
      return { kind: 'go', to: 'end' };
  }
  return null;
}
