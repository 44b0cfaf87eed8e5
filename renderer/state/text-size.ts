// The interface text size of Cài đặt (100, 125 or 150 %), applied as a zoom of the whole page.
import type { TextSize } from '../../core/library/settings';

/** Zooms the page; the layout (styles.css) divides viewport heights by --zoom, so screens still fit the window. */
export function applyTextSize(size: TextSize): void {
  const root = document.documentElement;
  const zoom = size / 100;
  root.style.setProperty('--zoom', String(zoom));
  document.body.style.zoom = zoom === 1 ? '' : String(zoom);
  root.dataset.textSize = String(size);
}
