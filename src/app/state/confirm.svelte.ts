/** A question the user must answer before something is lost (confirm-dialog.svelte shows it). */
export interface ConfirmRequest {
  text: string;
  /** the button that goes ahead, e.g. "Replace" */
  confirmLabel: string;
  answer: (ok: boolean) => void;
}

/** One question at a time; asking again answers the open one "no". */
export class ConfirmState {
  current = $state.raw<ConfirmRequest | null>(null);

  ask(text: string, confirmLabel: string): Promise<boolean> {
    this.current?.answer(false);
    return new Promise((resolve) => {
      const request: ConfirmRequest = {
        text,
        confirmLabel,
        answer: (ok) => {
          if (this.current === request) this.current = null;
          resolve(ok);
        },
      };
      this.current = request;
    });
  }
}
