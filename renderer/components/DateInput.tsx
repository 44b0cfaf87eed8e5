// A date typed as dd/mm/yyyy, never the browser's date picker (whose order follows the OS locale): read through the one
// date reading of core/text (parseViDate) when the field is left or Enter is pressed, shown back as dd/mm/yyyy.
import { useEffect, useId, useState } from 'react';
import { formatShortDate, parseViDate } from '../../core/text/dates';
import { vi } from '../strings/vi';

export function DateInput(props: {
  label: string;
  /** ISO date (yyyy-mm-dd). */
  value: string;
  onChange(iso: string): void;
  /** Told whether the text typed is unreadable (nothing is changed then), so a form can refuse to save. */
  onInvalid?(invalid: boolean): void;
}): React.JSX.Element {
  const shown = formatShortDate(props.value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setText(shown), [shown]);
  const commit = (): void => {
    const t = text.trim();
    const iso = parseViDate(t);
    if (!iso) {
      setError(vi.cell.notDate(t));
      props.onInvalid?.(true);
      return;
    }
    setError(null);
    props.onInvalid?.(false);
    setText(formatShortDate(iso));
    if (iso !== props.value) props.onChange(iso);
  };
  return (
    <label className="date-input">
      {props.label}
      <input
        type="text"
        inputMode="numeric"
        className={error ? 'invalid' : undefined}
        value={text}
        placeholder={vi.dateField.placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {error && (
        <span id={`${id}-err`} className="field-msg error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
