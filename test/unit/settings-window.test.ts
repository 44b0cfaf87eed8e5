// Tests of the remembered window state: reopening where it was, or centred when that screen is gone.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/library/settings';
import { initialBounds, stateToSave } from '../../electron/window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const monitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('first start: the default size centred on the primary screen', () => {
    const b = initialBounds(defaultSettings().window, [laptop]);
    expect(b).toEqual({ x: 43, y: 0, width: 1280, height: 728 });
  });

  it('reopens at the remembered place when it is on a screen', () => {
    const saved = { x: 1500, y: 100, width: 1400, height: 900, maximized: false };
    expect(initialBounds(saved, [laptop, monitor])).toEqual({ x: 1500, y: 100, width: 1400, height: 900 });
  });

  it('a window left on a monitor that is now unplugged comes back centred on the laptop, shrunk to fit', () => {
    const saved = { x: 1500, y: 100, width: 1400, height: 900, maximized: false };
    expect(initialBounds(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
  });

  it('a title bar dragged almost off screen does not count as visible', () => {
    const saved = { x: 1300, y: -30, width: 800, height: 600, maximized: false };
    const b = initialBounds(saved, [laptop]);
    expect(b.x).toBe(283);
  });

  it('saves the normal bounds rounded and whether it was maximised', () => {
    expect(stateToSave({ x: 10.4, y: 20.6, width: 1000.2, height: 700.7 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 701,
      maximized: true,
    });
    expect(stateToSave({ x: 0, y: 0, width: 10, height: 10 }, false)).toMatchObject({ width: 400, height: 300 });
  });
});
