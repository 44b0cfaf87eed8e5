// Draws a chart geometry (core/charts) as pdfkit vector paths and text, at a position on the current page.
import type { Chart, MeasureText } from '../charts';
import type { Frame, TextStyle } from './frame';

/** The PDF's own text measure for chart labels (the document's serif faces), for the chart geometry. */
export function pdfMeasure(frame: Frame): MeasureText {
  return (text, size) => frame.measure(text, { face: 'R', size });
}

/** Draws `chart` with its top-left corner at (x, y); the caller has made room (frame.ensure(chart.height)). */
export function drawChart(frame: Frame, chart: Chart, x: number, y: number): void {
  const doc = frame.doc;
  for (const m of chart.marks) {
    switch (m.kind) {
      case 'rect':
        if (m.w <= 0 || m.h <= 0) break;
        doc.save().rect(x + m.x, y + m.y, m.w, m.h).fillColor(m.fill);
        if (m.stroke) doc.lineWidth(0.4).fillAndStroke(m.fill, m.stroke);
        else doc.fill();
        doc.restore();
        break;
      case 'line':
        doc.save().lineWidth(m.width * 0.6).strokeColor(m.stroke);
        if (m.dash) doc.dash(m.dash[0]!, { space: m.dash[1] ?? m.dash[0]! });
        doc.moveTo(x + m.x1, y + m.y1).lineTo(x + m.x2, y + m.y2).stroke();
        if (m.dash) doc.undash();
        doc.restore();
        break;
      case 'polyline': {
        const [first, ...rest] = m.points;
        if (!first) break;
        doc.save().lineWidth(m.width * 0.75).strokeColor(m.stroke).lineJoin('round').moveTo(x + first.x, y + first.y);
        for (const p of rest) doc.lineTo(x + p.x, y + p.y);
        doc.stroke().restore();
        break;
      }
      case 'circle':
        doc.save().circle(x + m.cx, y + m.cy, m.r * 0.8).fill(m.fill).restore();
        break;
      case 'text': {
        const style: TextStyle = { face: m.bold ? 'B' : 'R', size: m.size };
        const w = m.anchor === 'start' ? 0 : frame.measure(m.text, style);
        const tx = x + m.x - (m.anchor === 'middle' ? w / 2 : m.anchor === 'end' ? w : 0);
        doc.save().fillColor(m.fill);
        frame.drawText(m.text, tx, y + m.y, style);
        doc.restore();
        break;
      }
    }
  }
  doc.fillColor('black').strokeColor('black');
}
