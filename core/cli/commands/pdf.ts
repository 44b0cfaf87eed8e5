// `pdf REPORT.json --out FILE.pdf [--draft]`: writes the report as the official PDF document (final, or a draft with the number and day left blank).
import { exportPdfToFile } from '../../pdf/export';
import { documentCommand } from './document';

export const pdfCommand = documentCommand({
  name: 'pdf',
  usage: 'pdf BÁO_CÁO.json --out TỆP.pdf [--draft]   Xuất văn bản báo cáo ra PDF (--draft: để trống số và ngày)',
  what: 'tệp PDF',
  label: '',
  write: (report, path, mode) => exportPdfToFile(report, path, { mode }),
});
