// "Cài đặt": the default issuer profile and unit catalogue that new reports copy (existing reports keep their own), number style, export folder.
import { useEffect, useRef, useState } from 'react';
import { TEXT_SIZES, type Catalogue, type Settings, type TextSize } from '../../core/library/settings';
import { todayIso } from '../../core/text/dates';
import { DateInput } from '../components/DateInput';
import { INDICATOR_SET_IDS, ProfileSchema, type IndicatorSetId, type NumberStyle, type Profile } from '../../core/model/schema';
import { INDICATOR_SETS } from '../../core/model/indicators';
import { nfc } from '../../core/text/normalize';
import { formatViPercent } from '../../core/text/numbers';
import { api } from '../api';
import { addUnit, moveToBlock, moveUnit, parseAliases, removeUnit, updateUnit } from '../state/catalogue';
import { vi } from '../strings/vi';

const S = vi.settings;

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => nfc(l).trim())
    .filter(Boolean);

export function SettingsScreen(props: {
  onBack(): void;
  onSaved?(s: Settings): void;
  /**
   * Lends App the screen's save for Ctrl+S while mounted (resolves true when saved or nothing was to save, false when
   * refused); returns its unregister.
   */
  registerSave?(save: () => Promise<boolean>): () => void;
}): React.JSX.Element {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [numberStyle, setNumberStyle] = useState<NumberStyle>({ trimZeros: true, percentSpace: false });
  const [indicatorSet, setIndicatorSet] = useState<IndicatorSetId | null>(null);
  const [exportFolder, setExportFolder] = useState<string | null>(null);
  const [textSize, setTextSize] = useState<TextSize>(100);
  const [dateInvalid, setDateInvalid] = useState(false);
  const [source, setSource] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const s = await api()['settings.get']({});
        let p = s.profile;
        let c = s.catalogue;
        let from: string | null = null;
        if (!p || !c) {
          // No defaults yet: start from the newest report, as new reports do.
          const list = await api()['library.list']({});
          const newest = list.find((r) => !r.isSample) ?? list[0];
          if (newest) {
            const opened = await api()['library.open']({ id: newest.id });
            p ??= opened.report.profile;
            c ??= { blocks: opened.report.blocks, units: opened.report.units };
            from = newest.periodLabel;
          }
        }
        if (!live) return;
        setSettings(s);
        setProfile(p);
        setCatalogue(c);
        setNumberStyle(s.numberStyle);
        setIndicatorSet(s.indicatorSet);
        setExportFolder(s.exportFolder);
        setTextSize(s.textSize);
        setSource(from);
      } catch (err) {
        if (live) setMessage({ text: (err as Error).message, error: true });
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
  const setP = (patch: Partial<Profile>): void => {
    if (!profile) return;
    setProfile({ ...profile, ...patch });
    setDirty(true);
  };
  const setC = edit(setCatalogue);

  const save = async (): Promise<boolean> => {
    if (dateInvalid) {
      setMessage({ text: S.fixDate, error: true });
      return false;
    }
    // Required fields are named in the clerk's words before anything is sent.
    if (profile) {
      const check = ProfileSchema.safeParse(profile);
      if (!check.success) {
        const fields = [...new Set(check.error.issues.map((i) => S.fieldNames[String(i.path[0])] ?? String(i.path[0])))];
        setMessage({ text: S.missing(fields.join(', ')), error: true });
        return false;
      }
    }
    if (catalogue && catalogue.units.some((u) => !u.name.trim())) {
      setMessage({ text: S.unitWithoutName, error: true });
      return false;
    }
    setBusy(true);
    try {
      const next = await api()['settings.set']({ profile, catalogue, numberStyle, exportFolder, indicatorSet, textSize });
      setSettings(next);
      setSource(null);
      setDirty(false);
      setMessage({ text: S.saved });
      props.onSaved?.(next);
      return true;
    } catch (err) {
      setMessage({ text: S.saveFailed((err as Error).message), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };
  // Ctrl+S saves what is on screen (nothing to do when nothing changed).
  const canSave = !!settings && !busy && (dirty || source !== null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const canSaveRef = useRef(canSave);
  canSaveRef.current = canSave;
  const { registerSave } = props;
  useEffect(() => registerSave?.(() => (canSaveRef.current ? saveRef.current() : Promise.resolve(true))), [registerSave]);

  const chooseFolder = async (): Promise<void> => {
    try {
      const { path } = await api()['dialog.chooseFolder']({ purpose: 'export' });
      if (path) edit(setExportFolder)(path);
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };

  return (
    <div className="screen settings-screen">
      <header className="topbar">
        <button className="back" onClick={props.onBack}>
          {vi.report.back}
        </button>
        <h1>{vi.words.settings}</h1>
        <div className="toolbar">
          {/* Taken from a report (no defaults yet), the settings can be saved as they are: the hint says to. */}
          <button className="primary" onClick={() => void save()} disabled={!canSave}>
            {S.save}
          </button>
          {dirty && <span className="hint">{S.unsaved}</span>}
        </div>
      </header>
      {message && (
        <div className={`banner${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
          <button className="link" onClick={() => setMessage(null)} aria-label={vi.words.close}>
            ×
          </button>
        </div>
      )}
      <main className="settings-main">
        <p className="hint">{S.intro}</p>
        {source && <p className="hint">{S.fromReport(source)}</p>}
        {!settings && <p>{vi.app.loading}</p>}
        {profile && (
          <section aria-labelledby="s-profile">
            <h2 id="s-profile">{S.profile}</h2>
            <div className="settings-grid">
              <label>
                {S.level}
                <select value={profile.level} onChange={(e) => setP({ level: e.target.value as Profile['level'] })}>
                  <option value="province">{S.levels.province}</option>
                  <option value="district">{S.levels.district}</option>
                  <option value="commune">{S.levels.commune}</option>
                </select>
              </label>
              <TextLines label={S.bodyLines} value={profile.bodyLines} onChange={(v) => setP({ bodyLines: v })} rows={3} />
              <TextLines label={S.parentLines} value={profile.parentLines} onChange={(v) => setP({ parentLines: v })} rows={2} />
              <Text label={S.bodyCode} value={profile.bodyCode} onChange={(v) => setP({ bodyCode: v })} />
              <Text label={S.shortName} value={profile.shortName} onChange={(v) => setP({ shortName: v })} />
              <Text label={S.locality} value={profile.locality} onChange={(v) => setP({ locality: v })} />
              <Text label={S.province} value={profile.province} onChange={(v) => setP({ province: v })} />
              <Text label={S.place} value={profile.place} onChange={(v) => setP({ place: v })} />
              <Text label={S.peerGroup} value={profile.peerGroup} onChange={(v) => setP({ peerGroup: v })} />
              <TextLines label={S.addressees} value={profile.addressees} onChange={(v) => setP({ addressees: v })} rows={3} />
              <Text label={S.recipientsIntro} value={profile.recipientsIntro} onChange={(v) => setP({ recipientsIntro: v })} />
              <TextLines label={S.recipients} value={profile.recipients} onChange={(v) => setP({ recipients: v })} rows={5} />
            </div>
            <h3>{S.signer}</h3>
            <div className="settings-grid">
              <label>
                {vi.closing.capacity}
                <select value={profile.signer.capacity} onChange={(e) => setP({ signer: { ...profile.signer, capacity: e.target.value as Profile['signer']['capacity'] } })}>
                  <option value="TM">{vi.closing.capacityTM}</option>
                  <option value="KT">{vi.closing.capacityKT}</option>
                  <option value="none">{vi.closing.capacityNone}</option>
                </select>
              </label>
              <Text label={vi.closing.body} value={profile.signer.body} onChange={(v) => setP({ signer: { ...profile.signer, body: v } })} />
              <Text label={vi.closing.head} value={profile.signer.head} onChange={(v) => setP({ signer: { ...profile.signer, head: v } })} />
              <Text label={vi.closing.title} value={profile.signer.title} onChange={(v) => setP({ signer: { ...profile.signer, title: v } })} />
              <Text label={vi.closing.name} value={profile.signer.name} onChange={(v) => setP({ signer: { ...profile.signer, name: v } })} />
            </div>
            <h3>{vi.general.plan}</h3>
            <label className="check">
              <input
                type="checkbox"
                checked={profile.plan !== null}
                onChange={(e) => setP({ plan: e.target.checked ? { number: '', date: todayIso(), issuer: profile.shortName } : null })}
              />{' '}
              {S.hasPlan}
            </label>
            {profile.plan && (
              <div className="settings-grid">
                <Text label={vi.general.planNumber} value={profile.plan.number} onChange={(v) => setP({ plan: { ...profile.plan!, number: v } })} />
                <DateInput label={vi.general.planDate} value={profile.plan.date} onChange={(iso) => setP({ plan: { ...profile.plan!, date: iso } })} onInvalid={setDateInvalid} />
                <Text label={vi.general.planIssuer} value={profile.plan.issuer} onChange={(v) => setP({ plan: { ...profile.plan!, issuer: v } })} />
              </div>
            )}
          </section>
        )}
        {catalogue && <CatalogueEditor catalogue={catalogue} onChange={setC} />}
        {settings && (
          <section aria-labelledby="s-text-size">
            <h2 id="s-text-size">{vi.textSize.heading}</h2>
            <fieldset className="text-size-choice">
              <legend>{vi.textSize.label}</legend>
              {TEXT_SIZES.map((n) => (
                <label key={n} className="check-inline">
                  <input type="radio" name="text-size" value={n} checked={textSize === n} onChange={() => edit(setTextSize)(n)} /> {vi.textSize.option(n)}
                </label>
              ))}
            </fieldset>
          </section>
        )}
        {settings && (
          <section aria-labelledby="s-numbers">
            <h2 id="s-numbers">{S.numbers}</h2>
            <label className="check">
              <input type="checkbox" checked={!numberStyle.trimZeros} onChange={(e) => edit(setNumberStyle)({ ...numberStyle, trimZeros: !e.target.checked })} /> {S.twoDecimals}
            </label>
            <label className="check">
              <input type="checkbox" checked={numberStyle.percentSpace} onChange={(e) => edit(setNumberStyle)({ ...numberStyle, percentSpace: e.target.checked })} /> {S.percentSpace}
            </label>
            <p className="hint" data-testid="number-example">
              {S.example(formatViPercent(91.8, numberStyle), formatViPercent(100, numberStyle))}
            </p>
            <h2>{vi.indicators.settingsHeading}</h2>
            <label className="field">
              <span>{vi.indicators.settingsLabel}</span>{' '}
              <select
                value={indicatorSet ?? ''}
                onChange={(e) => edit(setIndicatorSet)(e.target.value === '' ? null : (e.target.value as IndicatorSetId))}
              >
                <option value="">{vi.indicators.settingsNewest}</option>
                {INDICATOR_SET_IDS.map((id) => (
                  <option key={id} value={id}>
                    {INDICATOR_SETS[id].name}
                  </option>
                ))}
              </select>
            </label>
            <h2>{S.exportFolder}</h2>
            <p>
              <span data-testid="export-folder">{exportFolder ?? S.documents}</span>{' '}
              <button onClick={() => void chooseFolder()}>{S.chooseFolder}</button>{' '}
              {exportFolder && <button onClick={() => edit(setExportFolder)(null)}>{S.defaultFolder}</button>}
            </p>
          </section>
        )}
      </main>
    </div>
  );
}

function Text(props: { label: string; value: string; onChange(v: string): void }): React.JSX.Element {
  return (
    <label>
      {props.label}
      <input type="text" value={props.value} onChange={(e) => props.onChange(nfc(e.target.value))} />
    </label>
  );
}

/** A textarea edited as lines; blank lines are dropped when the field is left. */
function TextLines(props: { label: string; value: string[]; rows: number; onChange(v: string[]): void }): React.JSX.Element {
  const [text, setText] = useState(props.value.join('\n'));
  return (
    <label>
      {props.label}
      <textarea
        rows={props.rows}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(lines(e.target.value));
        }}
        onBlur={() => setText(lines(text).join('\n'))}
      />
    </label>
  );
}

function CatalogueEditor(props: { catalogue: Catalogue; onChange(c: Catalogue): void }): React.JSX.Element {
  const c = props.catalogue;
  const [newName, setNewName] = useState('');
  const [newBlock, setNewBlock] = useState(c.blocks[c.blocks.length - 1]?.id ?? '');
  return (
    <section aria-labelledby="s-units">
      <h2 id="s-units">{S.units}</h2>
      <p className="hint">{S.unitsHint}</p>
      {c.blocks.map((b) => {
        const units = c.units.filter((u) => u.blockId === b.id);
        return (
          <table key={b.id} className="units-table">
            <caption>
              {b.numeral}. {b.name} ({S.unitCount(units.length)})
            </caption>
            <thead>
              <tr>
                <th>{S.unitName}</th>
                <th>{S.aliases}</th>
                <th>{S.block}</th>
                <th>{S.order}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u, i) => (
                <tr key={u.id} data-unit={u.id}>
                  <td>
                    <input type="text" aria-label={S.renameLabel(u.name)} value={u.name} onChange={(e) => props.onChange(updateUnit(c, u.id, { name: nfc(e.target.value) }))} />
                  </td>
                  <td>
                    <AliasInput name={u.name} aliases={u.aliases} onChange={(a) => props.onChange(updateUnit(c, u.id, { aliases: a }))} />
                  </td>
                  <td>
                    <select aria-label={S.blockLabel(u.name)} value={u.blockId} onChange={(e) => props.onChange(moveToBlock(c, u.id, e.target.value))}>
                      {c.blocks.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="order">
                    <button aria-label={S.up(u.name)} disabled={i === 0} onClick={() => props.onChange(moveUnit(c, u.id, -1))}>
                      ↑
                    </button>
                    <button aria-label={S.down(u.name)} disabled={i === units.length - 1} onClick={() => props.onChange(moveUnit(c, u.id, 1))}>
                      ↓
                    </button>
                    <button aria-label={S.remove(u.name)} onClick={() => props.onChange(removeUnit(c, u.id))}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!newName.trim()) return;
          props.onChange(addUnit(c, newName, newBlock));
          setNewName('');
        }}>
        <label>
          {S.newUnit} <input type="text" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={S.newUnitPlaceholder} />
        </label>
        <label>
          {S.block}{' '}
          <select value={newBlock} onChange={(e) => setNewBlock(e.target.value)}>
            {c.blocks.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!newName.trim()}>
          {S.addUnit}
        </button>
      </form>
    </section>
  );
}

function AliasInput(props: { name: string; aliases: string[]; onChange(a: string[]): void }): React.JSX.Element {
  const [text, setText] = useState(props.aliases.join('; '));
  const shown = props.aliases.join('; ');
  useEffect(() => setText(shown), [shown]);
  return (
    <input
      type="text"
      aria-label={S.aliasesLabel(props.name)}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => props.onChange(parseAliases(text, props.name))}
    />
  );
}
