// Benchmark of the Word (DOCX) export, warm: the sample report (target < 300 ms) and a generated 130-commune province report (target < 1,5 s).
// Run: npx tsx bench/docx.bench.ts (npm run bench:docx) [--runs N]
import { renderReportDocx } from '../core/docx/render';
import { runExportBench } from './export-bench';

void runExportBench((report) => renderReportDocx(report, { mode: 'final' }));
