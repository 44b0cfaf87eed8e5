// @vitest-environment jsdom
// Component tests of an in-place field: commit on Enter and on leaving, Esc reverts, bad input explained, and undo from outside while focused.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { Field } from '../../renderer/components/Field';
import { formatFigure, parseFigure } from '../../renderer/state/cells';

afterEach(cleanup);

/** A score field over a value held outside, as the store holds it; `set` stands for undo/redo from elsewhere. */
function Harness(props: { log: (number | null)[]; api: { set?: (v: number | null) => void } }): React.JSX.Element {
  const [v, setV] = useState<number | null>(88.4);
  props.api.set = setV;
  return (
    <Field
      label="Tổng điểm"
      numeric
      value={formatFigure(v, 'score')}
      onCommit={(text) => {
        const parsed = parseFigure(text, 'score');
        if (!parsed.ok) return parsed.message;
        props.log.push(parsed.value);
        setV(parsed.value);
        return null;
      }}
    />
  );
}

function setup() {
  const log: (number | null)[] = [];
  const api: { set?: (v: number | null) => void } = {};
  const utils = render(<Harness log={log} api={api} />);
  const input = utils.getByLabelText('Tổng điểm') as HTMLInputElement;
  return { ...utils, log, api, input };
}

describe('Field', () => {
  it('commits on Enter and shows the stored value the Vietnamese way while still focused', () => {
    const { input, log } = setup();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '90.5' } });
    expect(input.dataset.editing).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(log).toEqual([90.5]);
    expect(input.value).toBe('90,5');
    expect(input.dataset.editing).toBeUndefined();
  });

  it('commits on leaving the field; an empty field is a blank, not 0', () => {
    const { input, log } = setup();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    expect(log).toEqual([null]);
    expect(input.value).toBe('');
  });

  it('keeps bad input with a message and stores nothing; Esc goes back to the stored value', () => {
    const { input, log, container } = setup();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'tám mươi' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(log).toEqual([]);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('không phải là số');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('88,4');
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('follows an undo made elsewhere while it has the focus, unless the clerk is typing in it', () => {
    const { input, api } = setup();
    fireEvent.focus(input);
    act(() => api.set!(70));
    expect(input.value).toBe('70');
    fireEvent.change(input, { target: { value: '71' } });
    act(() => api.set!(72));
    expect(input.value).toBe('71');
  });

  it('does not commit while an input method is composing', () => {
    const { input, log } = setup();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '9' } });
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    expect(log).toEqual([]);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(log).toEqual([9]);
  });
});
