// The app's settings: zod schema, defaults, versioned upgrades and a recovering loader over any key-value store.
import { z } from 'zod';
import { BlockSchema, IndicatorSetIdSchema, NumberStyleSchema, ProfileSchema, UnitSchema, type Unit } from '../model/schema';
import { nfcDeep } from '../text/normalize';
import { applyUpgrades, type Upgrade } from '../model/upgrade';
import { ImportMappingSchema, MAX_IMPORT_MAPPINGS, type ImportMapping } from '../dossiers/mappings';

/** Raise this and add an entry to SETTINGS_UPGRADES whenever the settings shape changes. */
export const SETTINGS_VERSION = 1;

/** The default unit catalogue: blocks and units with their other names (aliases); new reports copy it. */
export const CatalogueSchema = z.object({
  blocks: z.array(BlockSchema).min(1),
  units: z.array(UnitSchema),
});

export const WindowStateSchema = z.object({
  x: z.number().int().nullable(),
  y: z.number().int().nullable(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});

/** Interface text sizes offered in Cài đặt, in percent of the normal size. */
export const TEXT_SIZES = [100, 125, 150] as const;
export const TextSizeSchema = z.union([z.literal(100), z.literal(125), z.literal(150)]);
export type TextSize = z.infer<typeof TextSizeSchema>;

export const SettingsSchema = z.object({
  settingsVersion: z.literal(SETTINGS_VERSION),
  /** Default issuer profile for new reports; null = take the previous report's. */
  profile: ProfileSchema.nullable(),
  /** Default unit catalogue for new reports; null = take the previous report's. */
  catalogue: CatalogueSchema.nullable(),
  numberStyle: NumberStyleSchema,
  /** Indicator catalogue of new reports ("2024", "2026"); null = the newest in force for the report's period. */
  indicatorSet: IndicatorSetIdSchema.nullable().default(null),
  /** Remembered import mappings, newest first (at most 50 kept). */
  importMappings: z.array(ImportMappingSchema).max(MAX_IMPORT_MAPPINGS),
  /** Folder last used for exports; null = the Documents folder. */
  exportFolder: z.string().max(4096).nullable(),
  window: WindowStateSchema,
  /**
   * Interface text size in percent. Added without a version step: a file written before it simply lacks the field and
   * gets the default (upgradeSettings fills missing fields and writes the file back), and older builds drop it.
   */
  textSize: TextSizeSchema.default(100),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type { ImportMapping };
export { ImportMappingSchema };
export type WindowState = z.infer<typeof WindowStateSchema>;

/** What a settings call may change: every top-level field except the version. */
export const SettingsPatchSchema = SettingsSchema.omit({ settingsVersion: true }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * The catalogue with names the clerk confirmed added as other names of their units (a unit's own name and names it
 * has already are left out) and the units the clerk added (in their block when the catalogue has it, else in its last
 * block; a unit already there is left as it is). The given catalogue is not changed.
 */
export function catalogueWithAliases(catalogue: Catalogue, aliases: readonly { unitId: string; alias: string }[], added: readonly Unit[]): Catalogue {
  const { blocks } = catalogue;
  const units = catalogue.units.map((u) => {
    const add = [...new Set(aliases.filter((a) => a.unitId === u.id && !u.aliases.includes(a.alias) && a.alias !== u.name).map((a) => a.alias))];
    return add.length ? { ...u, aliases: [...u.aliases, ...add] } : u;
  });
  for (const u of added) {
    if (units.some((x) => x.id === u.id)) continue;
    const blockId = blocks.some((b) => b.id === u.blockId) ? u.blockId : blocks[blocks.length - 1]!.id;
    units.push({ ...u, blockId });
  }
  return { ...catalogue, units };
}

export function defaultSettings(): Settings {
  return {
    settingsVersion: SETTINGS_VERSION,
    profile: null,
    catalogue: null,
    numberStyle: { trimZeros: true, percentSpace: false },
    indicatorSet: null,
    importMappings: [],
    exportFolder: null,
    window: { x: null, y: null, width: 1280, height: 800, maximized: false },
    textSize: 100,
  };
}

/** An upgrade turns settings of version `from` into version `from + 1` (the reports' kind of step). */
export type SettingsUpgrade = Upgrade;

/**
 * Upgrades in order. Version 0 is the unversioned shape of early development builds (no settingsVersion,
 * `windowState` instead of `window`); it shows how each later change plugs in.
 */
export const SETTINGS_UPGRADES: readonly SettingsUpgrade[] = [
  {
    from: 0,
    up: (raw) => {
      const { windowState, ...rest } = raw;
      return windowState !== undefined && rest.window === undefined ? { ...rest, window: windowState } : rest;
    },
  },
];

export type SettingsLoadResult =
  | { ok: true; settings: Settings; upgraded: boolean; filledDefaults: boolean }
  /** `newer`: written by a newer app (kept as it is, never reset); otherwise the file is damaged. */
  | { ok: false; problem: string; newer?: boolean };

/**
 * Upgrades raw settings to the current version and validates them. Fields that are missing get their defaults;
 * a field that is present but invalid makes the whole file invalid (it is then set aside, never half-used).
 */
export function upgradeSettings(
  raw: unknown,
  upgrades: readonly SettingsUpgrade[] = SETTINGS_UPGRADES,
  target = SETTINGS_VERSION,
): SettingsLoadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: 'tệp cài đặt không phải là một đối tượng JSON' };
  }
  const given = { ...(raw as Record<string, unknown>) };
  const version = given.settingsVersion === undefined ? 0 : given.settingsVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, problem: 'phiên bản cài đặt (settingsVersion) không hợp lệ' };
  }
  if (version > target) {
    return { ok: false, newer: true, problem: `cài đặt được lưu bởi phiên bản mới hơn của ứng dụng (phiên bản ${version})` };
  }
  const upgraded = version < target;
  const done = applyUpgrades(given, version, target, upgrades, 'settingsVersion');
  if ('missingFrom' in done) return { ok: false, problem: `không có cách nâng cấp cài đặt từ phiên bản ${done.missingFrom}` };
  const value = done.value;
  const defaults = defaultSettings() as Record<string, unknown>;
  let filledDefaults = false;
  for (const key of Object.keys(defaults)) {
    if (value[key] === undefined) {
      value[key] = defaults[key];
      filledDefaults = true;
    }
  }
  // Unknown keys (written by a newer minor build or by hand) are dropped rather than rejected.
  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.map(String).join('.') : '(gốc)';
    return { ok: false, problem: `cài đặt không hợp lệ ở “${where}”: ${issue?.message ?? 'không rõ'}` };
  }
  return { ok: true, settings: nfcDeep(parsed.data), upgraded, filledDefaults };
}

/** Applies a validated patch to settings (shallow per top-level field), returning new settings. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const next = { ...settings, ...nfcDeep(patch) } as Record<string, unknown>;
  for (const key of Object.keys(next)) if (next[key] === undefined) next[key] = (settings as Record<string, unknown>)[key];
  return SettingsSchema.parse(next);
}
