// Schema versions of a stored report and the functions that upgrade an older one to the current version.
import { SCHEMA_VERSION } from './schema';

/** An upgrade takes a report of version `from` (already parsed JSON) and returns version `from + 1`. */
export interface Upgrade {
  from: number;
  up: (raw: Record<string, unknown>) => Record<string, unknown>;
}

/** The name a version-1 report's catalogue gets (the same text as INDICATOR_SETS['2024'].name, frozen here). */
export const V1_INDICATORS = { set: '2024', name: '2024 (theo Báo cáo 364/BC-UBND)' } as const;

/**
 * Upgrades in order; each schema change adds `{ from: n, up }` here and raises SCHEMA_VERSION.
 * 1 → 2: reports name their indicator catalogue; every version-1 report follows catalogue 2024, its lines as they are.
 */
export const UPGRADES: readonly Upgrade[] = [{ from: 1, up: (raw) => ({ ...raw, indicators: { ...V1_INDICATORS } }) }];

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
