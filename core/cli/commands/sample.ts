// `sample [--out FILE]`: writes the built-in sample report as JSON.
import { writeFileAtomic } from '../../files/atomic';
import { loadSample, serializeReport } from '../../model/report';
import { EXIT_OK, parseArgs, type Command } from '../io';
import { writeOutput } from '../output';

export const sampleCommand: Command = {
  name: 'sample',
  usage: 'sample [--out TỆP]              Ghi báo cáo mẫu (UBND thành phố Bắc Kạn, tháng 7/2024) ra JSON',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'sample', options: ['out'], positional: 0, usage: sampleCommand.usage });
    const json = serializeReport(loadSample());
    const out = args.flags.get('out');
    if (typeof out === 'string') {
      await writeOutput(out, json, writeFileAtomic);
      ctx.stderr(`Đã ghi báo cáo mẫu vào “${out}”.`);
    } else ctx.stdout(json);
    return EXIT_OK;
  },
};
