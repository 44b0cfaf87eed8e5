// `pdf REPORT.json --out FILE.pdf [--draft] [--overview [--library DIR]]`: writes the report as the official PDF document (final, or a draft
// with the number and day left blank), optionally followed by the overview appendix (estimates labelled, trend from DIR).
import { exportPdfToFile } from '../../pdf/export';
import { documentCommand } from './document';

export const pdfCommand = documentCommand({
  name: 'pdf',
  usage:
    'pdf BÁO_CÁO.json --out TỆP.pdf [--draft] [--overview [--library THƯ_MỤC]]   Xuất văn bản báo cáo ra PDF (--draft: để trống số và ngày; --overview: thêm phụ lục Tổng quan sau phần chính thức)',
  what: 'tệp PDF',
  label: '',
  appendix: true,
  write: (report, path, mode, overview) => exportPdfToFile(report, path, { mode, ...(overview ? { overview } : {}) }),
});
