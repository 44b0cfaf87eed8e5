// Benchmark of the PDF export, warm: the sample report (target < 300 ms) and a generated 130-commune province report (target < 1,5 s).
// Run: npx tsx bench/pdf.bench.ts [--runs N]
import { renderReportPdf } from '../core/pdf/render';
import { runExportBench } from './export-bench';

void runExportBench((report) => renderReportPdf(report, { mode: 'final' }));
