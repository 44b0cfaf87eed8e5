// "Tổng quan", first in the report's navigation: total, band and rank; the groups' scores against their maxima with
// the points lost; the sub-indicators losing most (estimates); the units ranked; the trend over the last 12 periods
// with the previous period side by side; and the what-if targets, saved with the report as a scenario.
import { useEffect, useMemo, useRef, useState } from 'react';
import { bandColor, bandThresholds, estimateTextWidth, lineChart, rankBars, scoreBars, SERIES_COLORS, type RankItem } from '../../core/charts';
import { GROUPS } from '../../core/model/catalog';
import type { GroupCode, Report, TableKind } from '../../core/model/schema';
import { unitTrend, type OverviewData, type OverviewEstimate, type OverviewTrend, type SingleChange, type UnitScore } from '../../core/scoring';
import { formatViNumber, parseViNumber } from '../../core/text/numbers';
import { signedPoints } from '../../core/scoring/text';
import { api } from '../api';
import { ChartFigure } from '../components/charts/ChartSvg';
import type { ReportStore } from '../state/store';
import { vi } from '../strings/vi';

const t = vi.overview;
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : formatViNumber(v));

export interface OverviewProps {
  store: ReportStore;
  report: Report;
  /** Whether Xuất PDF adds this overview as an appendix after the official document (off by default). */
  pdfAppendix: boolean;
  onPdfAppendix(on: boolean): void;
  /** Go to a unit's row in a table (the click on a ranked unit). */
  onGoToUnit(tableId: string, unitId: string, columnId: string): void;
}

/** Width of the element, followed as the window resizes (charts are laid out for it). */
function useWidth(min = 420): [React.RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [w, setW] = useState(720);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setW(Math.max(min, Math.floor(el.clientWidth - 32))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [min]);
  return [ref, w];
}

export function OverviewSection(p: OverviewProps): React.JSX.Element {
  const { report } = p;
  const [data, setData] = useState<OverviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ref, width] = useWidth();
  const chartW = Math.min(width, 860);
  // The overview follows the report on screen (edits included); the library gives the other periods.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api()
        ['overview.get']({ reportId: report.id, report })
        .then((d) => live && (setData(d), setError(null)))
        .catch((e: Error) => live && setError(e.message));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [report]);

  return (
    <section className="section overview" aria-labelledby="sec-title" ref={ref as React.RefObject<HTMLElement>}>
      <h2 id="sec-title" tabIndex={-1}>
        {vi.report.nav.overview}
      </h2>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <label className="compare-toggle" title={vi.overview.pdfAppendixTitle}>
        <input type="checkbox" checked={p.pdfAppendix} onChange={(e) => p.onPdfAppendix(e.target.checked)} /> {vi.overview.pdfAppendix}
      </label>
      {!data && !error && <p className="muted">{vi.app.loading}</p>}
      {data && (
        <>
          <Kpis report={report} data={data} />
          <GroupBars report={report} width={chartW} />
          <TopLosses estimate={data.estimate} width={chartW} />
          <UnitRanking report={report} units={data.units} trend={data.trend} width={chartW} onGoToUnit={p.onGoToUnit} />
          <Trend trend={data.trend} width={chartW} />
          <WhatIf store={p.store} report={report} estimate={data.estimate} />
        </>
      )}
    </section>
  );
}

function BandTag({ band }: { band: string | null }): React.JSX.Element | null {
  if (!band) return null;
  return (
    <span className="band-tag" style={{ background: bandColor(band) }}>
      {band}
    </span>
  );
}

function Kpis({ report, data }: { report: Report; data: OverviewData }): React.JSX.Element {
  const prev = data.trend.previous;
  const change = data.trend.change?.total ?? null;
  return (
    <div className="kpis" data-testid="overview-kpis">
      <div className="kpi">
        <div className="k-label">{vi.words.total}</div>
        <div className="k-value">{report.total === null ? '—' : formatViNumber(report.total)}</div>
        <div className="k-sub">
          {prev ? (change === null ? t.previousValue(prev.periodLabel, num(prev.total)) : t.changeVs(change, prev.periodLabel)) : t.noPrevious}
        </div>
      </div>
      <div className="kpi">
        <div className="k-label">{vi.words.classification}</div>
        <div className="k-value">{report.total === null ? '—' : <BandTag band={data.estimate.totals.officialBand} />}</div>
        <div className="k-sub">{t.gap(data.estimate.totals.nextBand, report.total !== null)}</div>
      </div>
      <div className="kpi">
        <div className="k-label">{t.rank}</div>
        <div className="k-value">{report.rank.position === null ? '—' : `${report.rank.position}/${report.rank.of ?? '…'}`}</div>
        <div className="k-sub">{report.profile.peerGroup}</div>
      </div>
    </div>
  );
}

function GroupBars({ report, width }: { report: Report; width: number }): React.JSX.Element {
  const chart = useMemo(
    () =>
      scoreBars(
        report.groups.map((g) => ({ key: g.code, label: GROUPS.find((x) => x.code === g.code)!.shortName, value: g.score, max: g.max })),
        { width, measure: estimateTextWidth, fontSize: 13 },
        t.groupsTitle,
      ),
    [report.groups, width],
  );
  return <ChartFigure heading={t.groupsTitle} chart={chart} note={<p>{t.groupsNote}</p>} />;
}

function TopLosses({ estimate, width }: { estimate: OverviewEstimate; width: number }): React.JSX.Element {
  const top = estimate.topLosses.slice(0, 8);
  const chart = useMemo(
    () =>
      scoreBars(
        top.map((s) => ({ key: s.id, label: s.label, value: s.estimatedPoints, max: s.maxPoints })),
        { width, measure: estimateTextWidth, fontSize: 12.5, labelWidth: Math.round(width * 0.42) },
        t.lossesTitle,
      ),
    [top, width],
  );
  if (top.length === 0) return <p className="muted">{t.noLosses}</p>;
  chart.table.columns = [t.subIndicator, t.estPoints, t.maxPoints, t.estLost];
  return (
    <ChartFigure
      heading={t.lossesTitle}
      chart={chart}
      note={
        <p>
          <span className="estimate-tag">{t.estimate}</span> {t.lossesNote(estimate.indicatorSet)}
        </p>
      }
    />
  );
}

/** Which table a ranking's click goes to: the evaluation table holding the unit, or the table of the rate's kind. */
function tableFor(report: Report, kind: TableKind, unitId: string): { tableId: string; columnId: string } | null {
  const t = report.tables.find((x) => x.kind === kind && x.rows.some((r) => r.unitId === unitId));
  if (!t) return null;
  return { tableId: t.id, columnId: kind === 'evaluation' ? 'total' : (t.columns.find((c) => c.type === 'rate')?.id ?? t.columns[0]!.id) };
}

const RATE_CHOICES: { kind: TableKind; label: string }[] = [
  { kind: 'onTime', label: vi.charts.rates.onTime },
  { kind: 'onlineSubmission', label: vi.charts.rates.onlineSubmission },
  { kind: 'onlinePayment', label: vi.charts.rates.onlinePayment },
  { kind: 'satisfaction', label: vi.charts.rates.satisfaction },
];

function UnitRanking(p: { report: Report; units: UnitScore[]; trend: OverviewTrend; width: number; onGoToUnit: OverviewProps['onGoToUnit'] }): React.JSX.Element {
  const [by, setBy] = useState<'total' | TableKind>('total');
  const [trendOf, setTrendOf] = useState<string | null>(null);
  const choices = RATE_CHOICES.filter((c) => p.units.some((u) => u.rates[c.kind] !== undefined));
  const items: RankItem[] = useMemo(
    () =>
      p.units
        .filter((u) => (by === 'total' ? true : u.rates[by] !== undefined))
        .map((u) => {
          const raw = by === 'total' ? (u.total ?? u.status) : (u.rates[by] ?? null);
          return {
            key: u.unitId,
            label: u.name,
            value: typeof raw === 'number' ? raw : null,
            ...(typeof raw === 'string' ? { status: raw } : {}),
            color: bandColor(u.band),
            ...(u.band ? { note: u.band } : {}),
          };
        }),
    [p.units, by],
  );
  const header = by === 'total' ? vi.words.total : (RATE_CHOICES.find((c) => c.kind === by)?.label ?? '');
  const chart = useMemo(() => rankBars(items, { width: p.width, measure: estimateTextWidth, fontSize: 12.5, valueHeader: header }, t.rankTitle(header)), [items, p.width, header]);
  const kind: TableKind = by === 'total' ? 'evaluation' : by;
  const go = (unitId: string): void => {
    const target = tableFor(p.report, kind, unitId);
    if (target) p.onGoToUnit(target.tableId, unitId, target.columnId);
  };
  const keyOfRow = (ri: number): string | undefined => {
    const name = chart.table.rows[ri]?.[1];
    return items.find((i) => i.label === name)?.key;
  };
  if (items.length === 0) return <p className="muted">{t.noUnits}</p>;
  return (
    <>
    <ChartFigure
      heading={t.rankTitle(header)}
      chart={chart}
      scroll={items.length > 20}
      onSelect={go}
      note={
        <div className="controls">
          <label>
            {t.rankBy}{' '}
            <select value={by} onChange={(e) => setBy(e.target.value as 'total' | TableKind)} aria-label={t.rankBy}>
              <option value="total">{vi.words.total}</option>
              {choices.map((c) => (
                <option key={c.kind} value={c.kind}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">{t.rankNote}</span>
        </div>
      }
      rowAction={(ri) => {
        const key = keyOfRow(ri);
        if (!key) return null;
        return (
          <>
            {tableFor(p.report, kind, key) && (
              <button type="button" className="link" onClick={() => go(key)}>
                {t.goToRow}
              </button>
            )}{' '}
            <button type="button" className="link" onClick={() => setTrendOf(key)}>
              {t.unitTrend}
            </button>
          </>
        );
      }}
    />
    {trendOf && <UnitTrend report={p.report} trend={p.trend} unitId={trendOf} width={p.width} onClose={() => setTrendOf(null)} />}
    </>
  );
}

/** One unit's total and rates period by period, from the reports of the overview's trend (read from the library). */
function UnitTrend(p: { report: Report; trend: OverviewTrend; unitId: string; width: number; onClose(): void }): React.JSX.Element {
  const [reports, setReports] = useState<Report[] | null>(null);
  const ids = p.trend.points.map((pt) => pt.reportId).filter((id) => id !== p.report.id);
  const idsKey = ids.join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => api()['library.open']({ id }).then((o) => o.report, () => null))).then((rs) => live && setReports(rs.filter((r): r is Report => r !== null)));
    return () => {
      live = false;
    };
  }, [idsKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const name = p.report.units.find((u) => u.id === p.unitId)?.name ?? p.unitId;
  const chart = useMemo(() => {
    if (!reports) return null;
    const points = unitTrend(reports, p.report, p.unitId);
    const series = [
      { key: 'total', label: vi.words.total, values: points.map((pt) => pt.total) },
      ...RATE_CHOICES.filter((c) => points.some((pt) => typeof pt.rates[c.kind] === 'number')).map((c) => ({
        key: c.kind,
        label: c.label,
        values: points.map((pt) => (typeof pt.rates[c.kind] === 'number' ? (pt.rates[c.kind] as number) : null)),
      })),
    ];
    return lineChart(points.map((pt) => pt.periodLabel), series, { width: p.width, height: 260, measure: estimateTextWidth, fontSize: 12.5, domain: [0, 100] }, t.unitTrendTitle(name));
  }, [reports, p.report, p.unitId, p.width, name]);
  return (
    <section className="unit-trend" aria-label={t.unitTrendTitle(name)} data-testid="unit-trend">
      {chart ? <ChartFigure heading={t.unitTrendTitle(name)} chart={chart} /> : <p className="muted">{vi.app.loading}</p>}
      <button type="button" onClick={p.onClose}>
        {vi.words.close}
      </button>
    </section>
  );
}

function Trend({ trend, width }: { trend: OverviewTrend; width: number }): React.JSX.Element {
  const cats = trend.points.map((pt) => pt.periodLabel);
  const total = useMemo(
    () =>
      lineChart(cats, [{ key: 'total', label: vi.words.total, values: trend.points.map((pt) => pt.total), color: SERIES_COLORS[0] }], { width, height: 240, measure: estimateTextWidth, fontSize: 12.5, thresholds: bandThresholds() }, t.trendTotal),
    [trend, width], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const groups = useMemo(
    () =>
      lineChart(
        cats,
        GROUPS.map((g) => ({ key: g.code, label: g.shortName, values: trend.points.map((pt) => pt.groups[g.code]) })),
        { width, height: 280, measure: estimateTextWidth, fontSize: 12.5, domain: [0, 22] },
        t.trendGroups,
      ),
    [trend, width], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return (
    <>
      {trend.points.length < 2 && <p className="muted">{t.trendFew}</p>}
      <ChartFigure heading={t.trendTotal} chart={total} note={<p>{t.trendNote(trend.points.length)}</p>} />
      <ChartFigure heading={t.trendGroups} chart={groups} />
      <SideBySide trend={trend} />
    </>
  );
}

/** Previous period's values side by side with this period's, and the change. */
function SideBySide({ trend }: { trend: OverviewTrend }): React.JSX.Element | null {
  const cur = trend.current;
  const prev = trend.previous;
  if (!cur) return null;
  const rows: { label: string; now: number | null; before: number | null; change: number | null }[] = [
    { label: vi.words.total, now: cur.total, before: prev?.total ?? null, change: trend.change?.total ?? null },
    ...GROUPS.map((g) => ({ label: g.shortName, now: cur.groups[g.code as GroupCode], before: prev?.groups[g.code as GroupCode] ?? null, change: trend.change?.groups[g.code as GroupCode] ?? null })),
  ];
  return (
    <figure className="chart-figure trend-compare">
      <figcaption>
        <h3>{t.sideBySide}</h3>
      </figcaption>
      <table className="data-table" data-testid="side-by-side">
        <thead>
          <tr>
            <th scope="col">{t.indicator}</th>
            <th scope="col" className="num">
              {prev ? prev.periodLabel : t.previousPeriod}
            </th>
            <th scope="col" className="num">
              {cur.periodLabel}
            </th>
            <th scope="col" className="num">
              {t.change}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{prev ? num(r.before) : ''}</td>
              <td className="num">{num(r.now)}</td>
              <td className={`num${r.change === null || r.change === 0 ? '' : r.change > 0 ? ' up' : ' down'}`}>{r.change === null ? '' : signedPoints(r.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!prev && <p className="muted">{t.noPrevious}</p>}
    </figure>
  );
}

function WhatIf({ store, report, estimate }: { store: ReportStore; report: Report; estimate: OverviewEstimate }): React.JSX.Element {
  const saved = report.scenario?.targets ?? {};
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, formatViNumber(v)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ estimate: OverviewEstimate; bestChange: SingleChange | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const targets = useMemo(() => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(texts)) {
      if (v.trim() === '') continue;
      const parsed = parseViNumber(v);
      if (parsed.ok && parsed.value >= 0 && parsed.value <= 100) out[k] = parsed.value;
    }
    return out;
  }, [texts]);
  const targetsKey = JSON.stringify(targets);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api()
        ['overview.simulate']({ reportId: report.id, report, targets })
        .then((r) => live && setResult(r))
        .catch((e: Error) => live && setMessage(e.message));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [targetsKey, report]); // eslint-disable-line react-hooks/exhaustive-deps

  const onText = (id: string, v: string): void => {
    setTexts((s) => ({ ...s, [id]: v }));
    const parsed = v.trim() === '' ? null : parseViNumber(v);
    setErrors((e) => {
      const { [id]: _, ...rest } = e;
      if (parsed && (!parsed.ok || parsed.value < 0 || parsed.value > 100)) return { ...rest, [id]: t.targetInvalid(v) };
      return rest;
    });
  };
  // Saved with the stored report (after the pending edits), then taken into the store as the stored copy.
  const save = async (): Promise<void> => {
    try {
      await store.flush();
      const s = store.getState();
      const res = await api()['overview.saveScenario']({ reportId: s.id, revision: s.revision, targets });
      const next = structuredClone(s.report);
      if (res.scenario) next.scenario = res.scenario;
      else delete next.scenario;
      store.replaceStored(next, res.revision, res.savedAt, t.saveScenario);
      setMessage(res.scenario ? t.saved(Object.keys(res.scenario.targets).length) : t.cleared);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const est = result?.estimate ?? estimate;
  const totals = est.totals;
  const subs = estimate.groups.flatMap((g) => g.subIndicators.map((s) => ({ ...s, group: g.code })));
  return (
    <section className="chart-figure whatif" aria-labelledby="whatif-title">
      <h3 id="whatif-title">
        {t.whatIfTitle} <span className="estimate-tag">{t.estimate}</span>
      </h3>
      <p className="muted">{t.whatIfNote}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.subIndicator}</th>
            <th scope="col" className="num">
              {t.currentRate}
            </th>
            <th scope="col" className="num">
              {t.targetRate}
            </th>
            <th scope="col" className="num">
              {t.estPoints}
            </th>
          </tr>
        </thead>
        <tbody>
          {subs.map((s, i) => {
            const after = est.groups.find((g) => g.code === s.group)?.subIndicators.find((x) => x.id === s.id);
            const groupRow =
              i === 0 || subs[i - 1]!.group !== s.group ? (
                <tr key={`g-${s.group}`} className="group-row">
                  <th scope="rowgroup" colSpan={4}>
                    {GROUPS.find((g) => g.code === s.group)!.shortName}
                  </th>
                </tr>
              ) : null;
            return [
              groupRow,
              <tr key={s.id}>
                <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
                  {s.label}
                </th>
                <td className="num">{s.rate === null ? (s.status ?? '') : `${num(s.rate)}%`}</td>
                <td className="num">
                  <input
                    aria-label={`${t.targetRate}: ${s.label}`}
                    inputMode="decimal"
                    value={texts[s.id] ?? ''}
                    placeholder={s.rate === null ? '' : num(s.rate)}
                    onChange={(e) => onText(s.id, e.target.value)}
                    aria-invalid={errors[s.id] ? true : undefined}
                    data-target={s.id}
                  />
                  {errors[s.id] && <div className="field-msg error">{errors[s.id]}</div>}
                </td>
                <td className="num">
                  {num(after?.estimatedPoints)}/{num(s.maxPoints)}
                </td>
              </tr>,
            ];
          })}
        </tbody>
      </table>
      <div className="result" role="status" aria-live="polite" data-testid="whatif-result">
        <div>
          {t.projected}: <strong>{num(totals.projected)}</strong> <BandTag band={totals.band} /> <span className="estimate-tag">{t.estimate}</span>
        </div>
        <div className="gap">{t.gap(totals.nextBand, totals.projected !== null)}</div>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t.indicator}</th>
              <th scope="col" className="num">
                {t.official}
              </th>
              <th scope="col" className="num">
                {t.projectedShort}
              </th>
            </tr>
          </thead>
          <tbody>
            {est.groups.map((g) => (
              <tr key={g.code}>
                <th scope="row">{GROUPS.find((x) => x.code === g.code)!.shortName}</th>
                <td className="num">{g.official === null ? '' : `${num(g.official)}/${num(g.max)}`}</td>
                <td className="num">{g.projected === null ? '' : `${num(g.projected)}/${num(g.max)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result?.bestChange && <p data-testid="best-change">{t.best(result.bestChange.label, num(result.bestChange.from), num(result.bestChange.to), num(result.bestChange.gain))}</p>}
      </div>
      <div className="controls">
        <button type="button" onClick={() => void save()} disabled={Object.keys(errors).length > 0}>
          {t.saveScenario}
        </button>
        <button type="button" onClick={() => (setTexts({}), setErrors({}))}>
          {t.clearTargets}
        </button>
        {message && (
          <span role="status" className="muted">
            {message}
          </span>
        )}
      </div>
    </section>
  );
}
