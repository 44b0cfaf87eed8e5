// `docx REPORT.json --out FILE.docx [--draft]`: writes the report as an editable Word document in the official format (final, or a draft with the number and day left blank).
import { exportDocxToFile } from '../../docx/export';
import { documentCommand } from './document';

export const docxCommand = documentCommand({
  name: 'docx',
  usage: 'docx BÁO_CÁO.json --out TỆP.docx [--draft]   Xuất văn bản báo cáo ra Word (--draft: để trống số và ngày)',
  what: 'tệp Word',
  label: ' Word',
  write: (report, path, mode) => exportDocxToFile(report, path, { mode }),
});
