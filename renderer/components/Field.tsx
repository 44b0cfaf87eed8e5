// A header field, figure or paragraph edited in place: commits on Enter or leaving the field, Esc reverts, bad input explained beside it.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CellMark } from './Grid';

export interface FieldProps {
  label: string;
  /** The committed value as shown ("" for blank). */
  value: string;
  /** Reads and stores the text; returns a Vietnamese message when it cannot be read (nothing is stored then). */
  onCommit(text: string): string | null;
  /** Finding location key (data-loc) so a click in the findings panel can select the field. */
  loc?: string;
  mark?: CellMark | undefined;
  multiline?: boolean;
  rows?: number;
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'full';
  numeric?: boolean;
  hint?: string;
  /** Shown after the input (comparison with last month, computed values). */
  after?: ReactNode;
  placeholder?: string;
  hideLabel?: boolean;
}

export function Field(props: FieldProps): React.JSX.Element {
  const { value, onCommit } = props;
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  const id = useId();
  const dirty = text !== value;

  // Follow the stored value (undo, redo, restore, the normalised form after a commit) unless the clerk is typing here.
  const lastValue = useRef(value);
  const syncAfterCommit = useRef(false);
  const [, rerender] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- on purpose after every render: a commit asks for one more render (syncAfterCommit, rerender) without changing value or text
  useEffect(() => {
    const clean = !focused.current || text === lastValue.current;
    lastValue.current = value;
    if ((clean || syncAfterCommit.current) && text !== value) {
      setText(value);
      setError(null);
    }
    syncAfterCommit.current = false;
  });

  const commit = (): boolean => {
    if (text === value) {
      setError(null);
      return true;
    }
    const problem = onCommit(text);
    setError(problem);
    if (problem === null) {
      syncAfterCommit.current = true;
      rerender((n) => n + 1);
    }
    return problem === null;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === 'Enter' && (!props.multiline || e.ctrlKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape' && dirty) {
      e.preventDefault();
      e.stopPropagation();
      setText(value);
      setError(null);
    }
  };

  const common = {
    id,
    value: text,
    'data-loc': props.loc,
    'data-editing': dirty ? 'true' : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error || props.mark || props.hint ? `${id}-msg` : undefined,
    placeholder: props.placeholder,
    className: ['field-input', props.numeric ? 'num' : '', props.mark ? `has-${props.mark.severity}` : '', error ? 'invalid' : ''].filter(Boolean).join(' '),
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText(e.target.value);
      if (error) setError(null);
    },
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      commit();
    },
    onKeyDown,
    spellCheck: false,
    title: props.mark?.messages.join(' '),
  };

  return (
    <div className={`field size-${props.size ?? 'md'}${props.multiline ? ' multiline' : ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      <div className="field-row">
        {props.multiline ? <textarea rows={Math.max(props.rows ?? 3, Math.min(12, text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 105)), 0)))} {...common} /> : <input type="text" autoComplete="off" {...common} />}
        {props.after}
      </div>
      {(error || props.mark || props.hint) && (
        <div id={`${id}-msg`} className={`field-msg${error ? ' error' : props.mark ? ` ${props.mark.severity}` : ''}`} role={error ? 'alert' : undefined}>
          {error ?? props.mark?.messages.join(' ') ?? props.hint}
        </div>
      )}
    </div>
  );
}
