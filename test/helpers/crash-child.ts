// A child process for the crash-safety test: saves reports in a tight loop until the parent kills it (SIGKILL).
//
// Usage: node crash-child.cjs <libraryFolder> <clockStartMs>
// Prints "ready" once the library is open, then "ack <id> <revision>" after every save that completed. Each saved
// report carries its own revision in `extraSections[0].paragraphs[0]`, so the parent can tell a mixed-up file.
// The clock moves 5 minutes per save so that version pruning (hourly, daily) runs while the child is killed.
import { ReportLibrary } from '../../core/library/library';
import type { Report } from '../../core/model/schema';

const [folder, clockArg] = process.argv.slice(2);
if (!folder || !clockArg) {
  process.stderr.write('usage: crash-child <libraryFolder> <clockStartMs>\n');
  process.exit(2);
}
let clock = Number(clockArg);
const lib = new ReportLibrary({ folder, now: () => new Date(clock) });

function marked(report: Report, revision: number): Report {
  return { ...report, extraSections: [{ heading: 'Kiểm tra', paragraphs: [String(revision), 'x'.repeat(revision % 500)] }] };
}

async function main(): Promise<void> {
  const list = await lib.list();
  let ids = list.map((s) => s.id);
  if (ids.length < 3) {
    const created = await lib.newReport({ kind: 'month', year: 2024, month: 8 });
    ids = [...ids, created.id];
  }
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    const id = ids[n % ids.length]!;
    const cur = await lib.open(id);
    clock += 5 * 60_000;
    if (n % 11 === 5) await lib.snapshot(id, 'before-import');
    const res = await lib.save(id, cur.revision, marked(cur.report, cur.revision + 1));
    process.stdout.write(`ack ${id} ${res.revision}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`crash-child failed: ${String(err)}\n`);
  process.exit(1);
});
