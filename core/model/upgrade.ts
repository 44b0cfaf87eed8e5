// Schema versions of a stored report and the functions that upgrade an older one to the current version.
import { SCHEMA_VERSION } from './schema';

/** An upgrade takes data (a report, the settings) of version `from` (already parsed JSON) and returns version `from + 1`. */
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

/**
 * THE upgrade loop, for reports and settings alike: applies the steps from `version` up to `target` in order, each on a
 * copy, and writes the new version number under `versionKey`. `missingFrom` names the version no step starts from.
 */
export function applyUpgrades(
  raw: Record<string, unknown>,
  version: number,
  target: number,
  upgrades: readonly Upgrade[],
  versionKey: string,
): { value: Record<string, unknown> } | { missingFrom: number } {
  let value = raw;
  for (let v = version; v < target; v++) {
    const step = upgrades.find((u) => u.from === v);
    if (!step) return { missingFrom: v };
    value = { ...step.up(structuredClone(value)), [versionKey]: v + 1 };
  }
  return { value };
}

/** Applies the upgrades from the report's version to `target`; refuses reports from a newer app. */
export function upgradeReport(raw: unknown, upgrades: readonly Upgrade[] = UPGRADES, target = SCHEMA_VERSION): UpgradeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: 'dữ liệu báo cáo không phải là một đối tượng JSON' };
  }
  const version = (raw as Record<string, unknown>).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problem: 'thiếu hoặc sai “schemaVersion” (phiên bản dữ liệu)' };
  }
  if (version > target) {
    return {
      ok: false,
      problem: `báo cáo được lưu bởi phiên bản mới hơn của ứng dụng (dữ liệu phiên bản ${version}); hãy cập nhật ứng dụng`,
    };
  }
  const done = applyUpgrades(raw as Record<string, unknown>, version, target, upgrades, 'schemaVersion');
  if ('missingFrom' in done) return { ok: false, problem: `không có cách nâng cấp dữ liệu từ phiên bản ${done.missingFrom}` };
  return { ok: true, value: done.value };
}
