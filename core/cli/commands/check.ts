// `check REPORT.json [--json]`: prints the consistency findings of a report.
import { runChecks, sectionOf } from '../../rules';
import { EXIT_OK, parseArgs, readReportFile, CliError, type Command } from '../io';

export const checkCommand: Command = {
  name: 'check',
  usage: 'check BÁO_CÁO.json [--json]     Kiểm tra số liệu của báo cáo (lỗi và cảnh báo)',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'check', switches: ['json'], positional: 1, usage: checkCommand.usage });
    const file = args.positional[0];
    if (!file) throw new CliError('Thiếu tệp báo cáo. Cách dùng: check BÁO_CÁO.json [--json]');
    const report = await readReportFile(file);
    const findings = runChecks(report);
    if (args.flags.has('json')) {
      ctx.stdout(JSON.stringify({ findings: findings.map((f) => ({ ...f, section: sectionOf(f.location, report), ...(f.location.kind === 'line' ? { lineId: f.location.lineId } : {}) })) }, null, 2));
      return EXIT_OK;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const lines = findings.map((f) => `${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} [${f.ruleId}]${f.estimate ? ' (ước tính)' : ''}: ${f.message}`);
    ctx.stdout([...lines, `${errors} lỗi, ${warnings} cảnh báo.`].join('\n'));
    return EXIT_OK;
  },
};
