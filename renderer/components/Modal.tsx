// A modal dialog: focus moves into it, Tab stays inside, Esc closes, focus returns where it was.
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal(props: { title: string; onClose(): void; children: ReactNode; wide?: boolean }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    // The element marked data-autofocus wins over earlier fields and buttons (querySelector takes the first in document order).
    const first =
      ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not([disabled])');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  // Esc closes even when the focused button was removed from the dialog (focus fell back to the page).
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (ref.current && !ref.current.contains(document.activeElement)) {
        e.preventDefault();
        onClose.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>('input, select, textarea, button:not([disabled]), [tabindex="0"]'));
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="modal-backdrop">
      <div ref={ref} className={`modal${props.wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={props.title} onKeyDown={onKeyDown}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
