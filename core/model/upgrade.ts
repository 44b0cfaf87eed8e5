// Schema versions of a stored report and the functions that upgrade an older one to the current version.
import { SCHEMA_VERSION } from './schema';

/** An upgrade takes a report of version `from` (already parsed JSON) and returns version `from + 1`. */
export interface Upgrade {
  from: number;
  up: (raw: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Upgrades in order. Version 1 is the first released schema, so the list is empty; the next schema change
 * adds `{ from: 1, up }` here and raises SCHEMA_VERSION, and the tests of each upgrade go beside it.
 */
export const UPGRADES: readonly Upgrade[] = [];

export type UpgradeResult = { ok: true; value: unknown } | { ok: false; problem: string };

/** Applies the upgrades from the report's version to `target`; refuses reports from a newer app. */
export function upgradeReport(raw: unknown, upgrades: readonly Upgrade[] = UPGRADES, target = SCHEMA_VERSION): UpgradeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: 'dữ liệu báo cáo không phải là một đối tượng JSON' };
  }
  let value = raw as Record<string, unknown>;
  let version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problem: 'thiếu hoặc sai “schemaVersion” (phiên bản dữ liệu)' };
  }
  if (version > target) {
    return {
      ok: false,
      problem: `báo cáo được lưu bởi phiên bản mới hơn của ứng dụng (dữ liệu phiên bản ${version}); hãy cập nhật ứng dụng`,
    };
  }
  while (version < target) {
    const step = upgrades.find((u) => u.from === version);
    if (!step) return { ok: false, problem: `không có cách nâng cấp dữ liệu từ phiên bản ${version}` };
    value = { ...step.up(structuredClone(value)), schemaVersion: version + 1 };
    version += 1;
  }
  return { ok: true, value };
}
